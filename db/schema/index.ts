// One schema for both drivers (PGlite and postgres.js), one file per area. Money is integer
// øre in bigint columns; instants are timestamptz; calendar dates are date strings.
// The enum values live in app files without a drizzle import (account-constants.ts,
// call-constants.ts, application-constants.ts, mail/status.ts), so pages can use them
// without shipping the schema to the browser.
export * from "./organisations";
export * from "./access";
export * from "./audit";
export * from "./mail";
export * from "./pools";
export * from "./calls";
export * from "./applications";
export * from "./assessment";
export * from "./settings";
export * from "./identities";
export * from "./grants";
export * from "./jobs";
export * from "./programmes";
export * from "./milestone-reminders";
export * from "./reports";
