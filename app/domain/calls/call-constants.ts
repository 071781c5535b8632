// Call vocabulary shared by the database schema, the server and the pages (no drizzle
// import: components import this file).
export const CALL_STATUSES = ["draft", "published"] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];
