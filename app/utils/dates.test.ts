// Instants shown in Copenhagen time whatever the server's zone, summer and winter.
import { describe, expect, it } from "vitest";
import { atTime } from "./dates";

describe("atTime", () => {
  it("writes date and wall-clock time in Copenhagen, across daylight saving", () => {
    expect(atTime(new Date("2022-11-07T11:00:00Z"))).toBe("07.11.2022 kl. 12:00");
    expect(atTime(new Date("2026-07-01T22:30:00Z"))).toBe("02.07.2026 kl. 00:30");
    expect(atTime("2026-03-29T00:59:00Z")).toBe("29.03.2026 kl. 01:59");
    expect(atTime("2026-03-29T01:00:00Z")).toBe("29.03.2026 kl. 03:00");
  });
});
