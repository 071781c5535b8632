import path from "node:path";
import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import remixConfig from "./remix.config.js";

// dkfds blocks its dist/ subpaths with "exports"; this alias lets us import its
// stylesheet and fonts as assets (see ../shared/stack-notes.md).
const dkfdsAlias = {
  find: /^dkfds\/dist\/(.*)$/,
  replacement: path.resolve("node_modules/dkfds/dist") + "/$1",
};

export default defineConfig(({ mode }) => ({
  resolve: {
    alias: [
      dkfdsAlias,
      { find: /^~\//, replacement: path.resolve("app") + "/" },
      { find: /^#db\//, replacement: path.resolve("db") + "/" },
    ],
  },
  server: { port: 3000 },
  build: { target: "es2022" },
  ssr: { noExternal: [] },
  plugins: mode === "test" || process.env.VITEST ? [] : [remix(remixConfig)],
  test: {
    include: ["app/**/*.test.{ts,tsx}", "tests/integration/**/*.test.ts", "tests/structure/**/*.test.ts", "db/**/*.test.ts"],
    setupFiles: ["./tests/setup/setup-test-env.ts"],
    globalSetup: ["./tests/setup/global-setup.ts"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: "forks",
    reporters: process.env.CI ? ["default", "json"] : ["default"],
    outputFile: { json: `.cache/reports/vitest-${process.env.DATABASE_URL ? "postgres" : "pglite"}.json` },
    fileParallelism: true,
  },
}));
