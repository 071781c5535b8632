import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { FormSchema } from "./form-errors";
import { lazySchema, schemaNow, schemaWhenReady } from "./lazy-schema";

const schema = z.object({ name: z.string().min(1, "Skriv et navn.") }) as unknown as FormSchema;

describe("lazySchema", () => {
  it("loads once, on first use, and is then there at once", async () => {
    const load = vi.fn(async () => schema);
    const lazy = lazySchema(load);
    expect(load).not.toHaveBeenCalled();
    expect(schemaNow(lazy)).toBeUndefined();
    const [a, b] = await Promise.all([schemaWhenReady(lazy), lazy.load()]);
    expect(a).toBe(schema);
    expect(b).toBe(schema);
    expect(load).toHaveBeenCalledTimes(1);
    expect(lazy.settled).toBe(true);
    expect(schemaNow(lazy)).toBe(schema);
  });

  it("settles on null when the module cannot be loaded, so the server checks alone", async () => {
    const lazy = lazySchema(() => Promise.reject(new Error("chunk gone")));
    await expect(lazy.load()).resolves.toBeNull();
    expect(lazy.settled).toBe(true);
    expect(schemaNow(lazy)).toBeNull();
  });

  it("passes a schema given directly through unchanged", async () => {
    expect(schemaNow(schema)).toBe(schema);
    await expect(schemaWhenReady(schema)).resolves.toBe(schema);
  });
});
