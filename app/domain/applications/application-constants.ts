// Application vocabulary shared by the database schema, the server and the pages (no
// drizzle import: components import this file).
export const APPLICATION_STATUSES = [
  "draft",
  "submitted",
  "correction",
  "formalia_approved",
  "rejection_proposed",
  "assessed",
  "granted", // decided: a grant (tilsagn) was given in an approved allocation round
  "rejected", // decided: rejection (afslag) with a reason, in an approved allocation round
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const THEMES = ["udredning", "indsats", "opfoelgning", "inddragelse"] as const;
export type Theme = (typeof THEMES)[number];
