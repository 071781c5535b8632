import { describe, expect, it } from "vitest";
import { CPR_MESSAGE } from "~/utils/cpr";
import {
  decideFormalia,
  FORMALIA_REQUIREMENTS,
  formaliaFormSchema,
  formaliaState,
  MANUAL_REQUIREMENTS,
  REASON_REQUIRED_MESSAGE,
  systemChecks,
  type FormaliaCheck,
  type FormaliaFacts,
} from "./formalia";

const allMet = (): FormaliaCheck[] => FORMALIA_REQUIREMENTS.map((r) => ({ requirement: r.key, met: true, note: "" }));

function form(overrides: Record<string, string> = {}) {
  const v: Record<string, string> = { intent: "formalia", rejectionReason: "" };
  for (const r of MANUAL_REQUIREMENTS) {
    v[`met_${r.key}`] = "yes";
    v[`note_${r.key}`] = "";
  }
  return { ...v, ...overrides };
}

describe("formalia decision", () => {
  it("approves when every requirement is met", () => {
    expect(decideFormalia(allMet(), "")).toEqual({ ok: true, event: "approve_formalia", rejectionReason: null });
  });

  it("proposes a rejection when one requirement is missing, with the reason", () => {
    const checks = allMet().map((c) => (c.requirement === "budget" ? { ...c, met: false } : c));
    expect(decideFormalia(checks, "  Budgettet mangler for 2024.  ")).toEqual({
      ok: true,
      event: "propose_rejection",
      rejectionReason: "Budgettet mangler for 2024.",
      missing: ["budget"],
    });
  });

  it("requires a reason for a proposed rejection", () => {
    const checks = allMet().map((c) => (c.requirement === "deadline" ? { ...c, met: false } : c));
    expect(decideFormalia(checks, "   ")).toEqual({ ok: false, errors: { rejectionReason: REASON_REQUIRED_MESSAGE } });
    expect(decideFormalia(checks, null)).toMatchObject({ ok: false });
  });

  it("requires an answer for every requirement", () => {
    const result = decideFormalia(allMet().slice(1), "");
    expect(result).toMatchObject({ ok: false, errors: { met_municipality: expect.any(String) } });
  });
});

describe("formalia form schema (browser and server)", () => {
  it("accepts a complete checklist", () => {
    expect(formaliaFormSchema.safeParse(form()).success).toBe(true);
  });

  it("puts the missing reason next to the reason field", () => {
    const r = formaliaFormSchema.safeParse(form({ met_purpose: "no" }));
    expect(r.success).toBe(false);
    expect(r.error!.issues).toEqual([expect.objectContaining({ path: ["rejectionReason"], message: REASON_REQUIRED_MESSAGE })]);
  });

  it("refuses a CPR number in a note and a missing answer", () => {
    const r = formaliaFormSchema.safeParse(form({ note_purpose: "barn 010203-1234", met_purpose: "" }));
    expect(r.success).toBe(false);
    const byPath = Object.fromEntries(r.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(byPath.note_purpose).toBe(CPR_MESSAGE);
    expect(byPath.met_purpose).toBe("Vælg ja eller nej.");
  });

  it("refuses extra fields", () => {
    expect(formaliaFormSchema.safeParse(form({ status: "assessed" })).success).toBe(false);
  });

  it("refuses an answer for a requirement the system checks", () => {
    for (const key of ["municipality", "deadline", "budget", "contact"]) {
      expect(formaliaFormSchema.safeParse(form({ [`met_${key}`]: "yes" })).success, key).toBe(false);
    }
  });
});

describe("formalia state for lists", () => {
  it("is not checked without rows or with a partial checklist", () => {
    expect(formaliaState([])).toBe("not_checked");
    expect(formaliaState([{ requirement: "budget", met: true }])).toBe("not_checked");
  });
  it("is ok when all are met and missing when one is not", () => {
    expect(formaliaState(allMet())).toBe("ok");
    expect(formaliaState(allMet().map((c, i) => ({ ...c, met: i !== 2 })))).toBe("missing");
  });
});

// 7 November 2022 kl. 12:00 Copenhagen time.
const DEADLINE = new Date("2022-11-07T11:00:00Z");
const facts = (over: Partial<FormaliaFacts> = {}): FormaliaFacts => ({
  municipalityName: "Aarhus Kommune",
  municipalityEligible: true,
  submittedAt: new Date("2022-11-03T09:14:00Z"),
  deadline: DEADLINE,
  requestedOre: 100_000_000n,
  maxAmountOre: 150_000_000n,
  contactName: "Mette Hansen",
  signatoryName: "Jens Jensen",
  signatoryTitle: "Kommunaldirektør",
  ...over,
});

describe("the system's pre-check", () => {
  const verdict = (f: FormaliaFacts) => Object.fromEntries(systemChecks(f).map((c) => [c.requirement, c.met]));
  const noteOf = (f: FormaliaFacts, key: string) => systemChecks(f).find((c) => c.requirement === key)!.note;

  it.each<[string, Partial<FormaliaFacts>, Record<string, boolean>]>([
    ["all known facts in order", {}, { municipality: true, deadline: true, budget: true, contact: true }],
    ["submitted exactly at the deadline", { submittedAt: DEADLINE }, { municipality: true, deadline: true, budget: true, contact: true }],
    ["submitted one second late", { submittedAt: new Date(DEADLINE.getTime() + 1000) }, { municipality: true, deadline: false, budget: true, contact: true }],
    ["never submitted", { submittedAt: null }, { municipality: true, deadline: false, budget: true, contact: true }],
    ["budget exactly the maximum", { requestedOre: 150_000_000n }, { municipality: true, deadline: true, budget: true, contact: true }],
    ["budget one øre over the maximum", { requestedOre: 150_000_001n }, { municipality: true, deadline: true, budget: false, contact: true }],
    ["empty budget", { requestedOre: 0n }, { municipality: true, deadline: true, budget: false, contact: true }],
    ["no maximum on the call", { maxAmountOre: null, requestedOre: 999_000_000_00n }, { municipality: true, deadline: true, budget: true, contact: true }],
    ["municipality not on the list", { municipalityEligible: false }, { municipality: false, deadline: true, budget: true, contact: true }],
    ["signatory title missing", { signatoryTitle: "  " }, { municipality: true, deadline: true, budget: true, contact: false }],
    ["signatory name missing", { signatoryName: "" }, { municipality: true, deadline: true, budget: true, contact: false }],
    ["contact person missing", { contactName: "" }, { municipality: true, deadline: true, budget: true, contact: false }],
  ])("%s", (_name, over, expected) => {
    expect(verdict(facts(over))).toEqual(expected);
  });

  it("names the fact behind each verdict, in Copenhagen time", () => {
    expect(noteOf(facts(), "deadline")).toBe("Indsendt 03.11.2022 kl. 10:14, før fristen 07.11.2022 kl. 12:00.");
    expect(noteOf(facts({ submittedAt: new Date("2022-11-07T11:05:00Z") }), "deadline")).toBe(
      "Indsendt 07.11.2022 kl. 12:05, efter fristen 07.11.2022 kl. 12:00.",
    );
    expect(noteOf(facts(), "budget")).toBe("Budget i alt 1.000.000,00 kr., inden for maksimum 1.500.000,00 kr.");
    expect(noteOf(facts({ requestedOre: 200_000_000n }), "budget")).toBe("Budget i alt 2.000.000,00 kr., over maksimum 1.500.000,00 kr.");
    expect(noteOf(facts({ municipalityEligible: false }), "municipality")).toBe(
      "Aarhus Kommune står ikke på opslagets liste over kommuner, der kan søge.",
    );
    expect(noteOf(facts({ signatoryName: "", signatoryTitle: "" }), "contact")).toBe(
      "Mangler den underskriftsberettigedes navn, den underskriftsberettigedes titel.",
    );
  });
});

describe("formalia decision with the system's verdict", () => {
  const purposeMet: FormaliaCheck[] = [{ requirement: "purpose", met: true, note: "" }];

  it("approves when the system's checks and the person's are all met", () => {
    expect(decideFormalia(purposeMet, "", systemChecks(facts()))).toMatchObject({ event: "approve_formalia" });
  });

  it("a failed system check proposes rejection with its reason named, without a typed reason", () => {
    const late = systemChecks(facts({ submittedAt: new Date("2022-11-07T11:05:00Z") }));
    expect(decideFormalia(purposeMet, "", late)).toEqual({
      ok: true,
      event: "propose_rejection",
      rejectionReason: "Indsendt 07.11.2022 kl. 12:05, efter fristen 07.11.2022 kl. 12:00.",
      missing: ["deadline"],
    });
  });

  it("a client's answer for a system requirement cannot override the system", () => {
    const late = systemChecks(facts({ submittedAt: null }));
    const forged: FormaliaCheck[] = [...purposeMet, { requirement: "deadline", met: true, note: "ok" }];
    expect(decideFormalia(forged, "", late)).toMatchObject({ event: "propose_rejection", missing: ["deadline"] });
  });

  it("a failed manual check still needs the caseworker's reason, added after the system's", () => {
    const purposeNo: FormaliaCheck[] = [{ requirement: "purpose", met: false, note: "" }];
    const over = systemChecks(facts({ requestedOre: 200_000_000n }));
    expect(decideFormalia(purposeNo, " ", over)).toEqual({ ok: false, errors: { rejectionReason: REASON_REQUIRED_MESSAGE } });
    expect(decideFormalia(purposeNo, "Udenfor formålet.", over)).toMatchObject({
      rejectionReason: "Budget i alt 2.000.000,00 kr., over maksimum 1.500.000,00 kr. Udenfor formålet.",
      missing: ["budget", "purpose"],
    });
  });
});
