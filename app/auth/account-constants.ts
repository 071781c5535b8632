// Account vocabulary shared by the database schema, the server and the pages. No drizzle
// import here: components import this file, and anything it pulls in ships to the browser.
export const ROLES = ["admin", "caseworker", "municipality", "advisor"] as const;
export type Role = (typeof ROLES)[number];

// How a caseworker hears of arriving applications: one mail each, or one a day.
export const APPLICATION_NOTICE_MODES = ["immediate", "daily"] as const;
export type ApplicationNoticeMode = (typeof APPLICATION_NOTICE_MODES)[number];

export const USER_STATUSES = ["active", "disabled"] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export const AGENCY_KINDS = ["ministry", "agency"] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];
