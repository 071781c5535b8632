import { describe, expect, it } from "vitest";
import { CPR_MESSAGE } from "~/utils/cpr";
import {
  decideFormalia,
  FORMALIA_REQUIREMENTS,
  formaliaFormSchema,
  formaliaState,
  REASON_REQUIRED_MESSAGE,
  type FormaliaCheck,
} from "./formalia";

const allMet = (): FormaliaCheck[] => FORMALIA_REQUIREMENTS.map((r) => ({ requirement: r.key, met: true, note: "" }));

function form(overrides: Record<string, string> = {}) {
  const v: Record<string, string> = { intent: "formalia", rejectionReason: "" };
  for (const r of FORMALIA_REQUIREMENTS) {
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
    const r = formaliaFormSchema.safeParse(form({ note_contact: "barn 010203-1234", met_budget: "" }));
    expect(r.success).toBe(false);
    const byPath = Object.fromEntries(r.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(byPath.note_contact).toBe(CPR_MESSAGE);
    expect(byPath.met_budget).toBe("Vælg ja eller nej.");
  });

  it("refuses extra fields", () => {
    expect(formaliaFormSchema.safeParse(form({ status: "assessed" })).success).toBe(false);
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
