// The project's own test set-up, run on fixture.ts alone (see console-error.test.ts).
import { fileURLToPath } from "node:url";
import type { UserConfig } from "vite";
import { defineConfig } from "vitest/config";
import base from "../../../vite.config";

const root = fileURLToPath(new URL("../../..", import.meta.url));

export default defineConfig((env) => {
  const config = (typeof base === "function" ? base(env) : base) as UserConfig;
  return {
    ...config,
    root,
    test: {
      ...config.test,
      include: ["tests/structure/console-error/fixture.ts"],
      globalSetup: [],
      reporters: ["json"],
      outputFile: { json: process.env.CONSOLE_ERROR_REPORT! },
    },
  };
});
