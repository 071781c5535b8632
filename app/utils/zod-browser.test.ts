// zod-browser.ts sets `jitless` through globalThis.__zod_globalConfig without loading zod: this
// holds zod to keeping its settings there (a zod upgrade that moves them fails here).
import { config } from "zod/mini";
import { describe, expect, it } from "vitest";

describe("zod's settings on globalThis", () => {
  it("are the object zod's config() returns", () => {
    const g = globalThis as { __zod_globalConfig?: object };
    expect(g.__zod_globalConfig).toBe(config());
  });
});
