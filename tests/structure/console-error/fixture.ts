// Run only by console-error.test.ts, through its own config: one test per case.
import { expect, it, vi } from "vitest";

it("logs an error", () => {
  console.error("boom");
  expect(1).toBe(1);
});

it("logs nothing", () => {
  expect(1).toBe(1);
});

it("expects its error", () => {
  vi.spyOn(console, "error").mockImplementation(() => {});
  console.error("expected");
  expect(console.error).toHaveBeenCalledTimes(1);
});
