import { describe, expect, it } from "vitest";
import { acceptanceBlocker, isOverdue } from "./acceptance";

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
