import { describe, expect, it } from "vitest";
import { acceptanceBlocker, endOfDayDeadline, grantCountdowns, isOverdue } from "./acceptance";

// 29 December 2022 kl. 23:59 in Copenhagen (winter time, UTC+1).
const deadline = new Date("2022-12-29T22:59:00Z");

describe("acceptance rule", () => {
  it("allows an offered grant up to and including the deadline instant", () => {
    expect(acceptanceBlocker({ status: "offered", acceptanceDeadline: deadline }, new Date("2022-12-20T10:00:00Z"))).toBeNull();
    expect(acceptanceBlocker({ status: "offered", acceptanceDeadline: deadline }, deadline)).toBeNull();
  });

  it("refuses one millisecond after the deadline, naming it in Copenhagen time", () => {
    const late = new Date(deadline.getTime() + 1);
    expect(acceptanceBlocker({ status: "offered", acceptanceDeadline: deadline }, late)).toBe(
      "Fristen for at acceptere tilsagnet udløb 29. december 2022 kl. 23:59. Tilsagnet kan ikke længere accepteres; kontakt ministeriet.",
    );
    expect(isOverdue({ status: "offered", acceptanceDeadline: deadline }, late)).toBe(true);
    expect(isOverdue({ status: "offered", acceptanceDeadline: deadline }, deadline)).toBe(false);
  });

  it.each(["accepted", "lapsed", "cancelled", "closed"] as const)("refuses a grant that is %s, whatever the time", (status) => {
    expect(acceptanceBlocker({ status, acceptanceDeadline: deadline }, new Date("2022-12-20T10:00:00Z"))).toMatch(/Tilsagnet er/);
    expect(isOverdue({ status, acceptanceDeadline: deadline }, new Date("2030-01-01T00:00:00Z"))).toBe(false);
  });
});

describe("grant countdowns", () => {
  const g = { acceptanceDeadline: deadline, latestStartOn: "2023-06-30", accountsDueOn: "2025-03-31" };
  const now = new Date("2022-12-20T10:00:00Z");
  const show = (d: Date, n: Date) => `${Math.round((d.getTime() - n.getTime()) / 86_400_000)}`;

  it("counts down to acceptance only while offered, and to start and accounts while live", () => {
    expect(grantCountdowns({ ...g, status: "offered" }, now, show)).toEqual({ acceptance: "10", latestStart: "192", accounts: "832" });
    expect(grantCountdowns({ ...g, status: "accepted" }, now, show).acceptance).toBeNull();
    expect(grantCountdowns({ ...g, status: "lapsed" }, now, show)).toEqual({ acceptance: null, latestStart: null, accounts: null });
  });

  it("drops a date-only deadline once its Copenhagen day has ended", () => {
    // 30 June 2023 ends at 23:59:59 summer time (21:59:59 UTC).
    expect(endOfDayDeadline("2023-06-30").toISOString()).toBe("2023-06-30T21:59:59.000Z");
    expect(grantCountdowns({ ...g, status: "accepted" }, new Date("2023-06-30T21:59:00Z"), show).latestStart).not.toBeNull();
    expect(grantCountdowns({ ...g, status: "accepted" }, new Date("2023-06-30T22:00:00Z"), show).latestStart).toBeNull();
  });
});
