// Application vocabulary shared by the database schema, the server and the pages (no
// drizzle import: components import this file).
export const APPLICATION_STATUSES = [
  "draft",
  "submitted",
  "correction",
  "formalia_approved",
  "rejection_proposed",
  "assessed",
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const THEMES = ["udredning", "indsats", "opfoelgning", "inddragelse"] as const;
export type Theme = (typeof THEMES)[number];
