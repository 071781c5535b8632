import { describe, expect, it } from "vitest";
import { closeOutVerdict, grantBlockers, type CloseOutFacts, type CloseOutGrant } from "./close-out";

const settled: CloseOutGrant = {
  id: 1,
  municipalityName: "Lolland Kommune",
  status: "closed",
  accountsStatus: "approved",
  openRepaymentOre: 0n,
  paymentsInProgress: 0,
  pendingBudgetChanges: 0,
};
const facts = (over: Partial<CloseOutFacts> = {}): CloseOutFacts => ({
  today: "2025-10-01",
  initiativeEndsOn: "2025-09-30",
  endsOn: "2024-12-31",
  closedAt: null,
  grants: [settled],
  undecidedApplications: [],
  ...over,
});

describe("close-out rule", () => {
  it("allows closing after the initiative's end when everything is settled", () => {
    expect(closeOutVerdict(facts())).toEqual({ mayClose: true });
    expect(closeOutVerdict(facts({ grants: [] }))).toEqual({ mayClose: true });
  });

  it("refuses on and before the initiative's end date (not the pool's own end)", () => {
    expect(closeOutVerdict(facts({ today: "2025-09-30" }))).toEqual({
      mayClose: false,
      blockers: ["Initiativets slutdato (30.09.2025) er ikke passeret endnu."],
    });
    // Without an initiative end, the pool's end date counts.
    expect(closeOutVerdict(facts({ initiativeEndsOn: null, today: "2025-01-01" }))).toEqual({ mayClose: true });
    expect(closeOutVerdict(facts({ initiativeEndsOn: null, today: "2024-12-31" })).mayClose).toBe(false);
  });

  it("counts lapsed and cancelled grants as settled without accounts", () => {
    for (const status of ["lapsed", "cancelled"] as const) {
      expect(grantBlockers({ ...settled, status, accountsStatus: null })).toEqual([]);
    }
  });

  it("lists every unsettled thing per grant, in Danish", () => {
    expect(grantBlockers({ ...settled, status: "accepted", accountsStatus: "submitted" })).toEqual([
      "Tilsagnet til Lolland Kommune er ikke afsluttet (status: accepteret).",
      "Tilsagnet til Lolland Kommune: regnskabet er ikke godkendt.",
    ]);
    expect(grantBlockers({ ...settled, status: "offered", accountsStatus: null })[0]).toContain("tilbudt, ikke accepteret");
    expect(grantBlockers({ ...settled, accountsStatus: "returned" })).toEqual(["Tilsagnet til Lolland Kommune: regnskabet er ikke godkendt."]);
    expect(grantBlockers({ ...settled, openRepaymentOre: 184_250n })).toEqual([
      "Tilsagnet til Lolland Kommune: tilbagebetaling på 1.842,50 kr. er ikke indbetalt.",
    ]);
    expect(grantBlockers({ ...settled, status: "cancelled", openRepaymentOre: 100n })).toHaveLength(1);
    expect(grantBlockers({ ...settled, paymentsInProgress: 2 })).toEqual(["Tilsagnet til Lolland Kommune: 2 udbetalinger er i gang."]);
    expect(grantBlockers({ ...settled, pendingBudgetChanges: 1 })).toEqual(["Tilsagnet til Lolland Kommune: en budgetændring venter på afgørelse."]);
  });

  it("blocks on undecided applications and on a pool already closed", () => {
    expect(closeOutVerdict(facts({ undecidedApplications: [{ status: "submitted", count: 2 }, { status: "draft", count: 1 }] }))).toEqual({
      mayClose: false,
      blockers: ["3 ansøgninger er ikke afgjort."],
    });
    expect(closeOutVerdict(facts({ closedAt: new Date() }))).toEqual({ mayClose: false, blockers: ["Puljen er allerede afsluttet."] });
  });

  it("gives every blocker at once", () => {
    const v = closeOutVerdict(facts({ today: "2025-01-01", grants: [settled, { ...settled, id: 2, municipalityName: "Faxe Kommune", status: "accepted", accountsStatus: null }] }));
    expect(v.mayClose).toBe(false);
    expect(!v.mayClose && v.blockers).toHaveLength(3);
  });
});
