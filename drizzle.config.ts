import { defineConfig } from "drizzle-kit";

// Migrations are generated SQL, committed, and run by both drivers.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
});
