import { describe, expect, it } from "vitest";
import { CPR_MESSAGE } from "~/utils/cpr";
import {
  callFormSchema,
  callToFormValues,
  deadlineCountdown,
  emptyCallFormValues,
  publishProblems,
} from "./call-schema";
import { copenhagenInstant } from "~/utils/dates";
import { issuesToErrors } from "~/utils/form-errors";

function valid(overrides: Record<string, string | string[]> = {}) {
  return {
    ...emptyCallFormValues(1),
    title: "Ekstra hjælp til kommuner med mange børnesager",
    purpose: "Puljen skal hjælpe kommuner med mange børnesager med at implementere Barnets Lov.",
    projectStart: "2023-01-01",
    projectEnd: "2024-12-31",
    deadlineDate: "2022-11-07",
    deadlineTime: "12:00",
    expectedGrants: "8",
    "criterionId[]": ["", ""],
    "criterionLabel[]": ["Behovsindeks", "Sammenhæng mellem formål og aktiviteter"],
    "criterionDescription[]": ["", ""],
    "criterionWeight[]": ["60", "40"],
    ...overrides,
  };
}

function errorsOf(values: Record<string, unknown>) {
  const r = callFormSchema.safeParse(values);
  return r.success ? {} : issuesToErrors(r.error.issues);
}

describe("call form schema", () => {
  it("accepts a complete call and shapes it for the command", () => {
    const r = callFormSchema.parse(valid({ maxAmount: "2.000.000,00" }));
    expect(r.deadline.toISOString()).toBe("2022-11-07T11:00:00.000Z");
    expect(r.categories.map((c) => c.label)).toEqual(["Vikardækning", "Efteruddannelse", "Midlertidig ekstra bemanding"]);
    expect(r.criteria).toEqual([
      { id: null, label: "Behovsindeks", description: "", weight: 60 },
      { id: null, label: "Sammenhæng mellem formål og aktiviteter", description: "", weight: 40 },
    ]);
    expect(r.maxAmountOre).toBe(200_000_000n);
    expect(r.expectedGrants).toBe(8);
    expect(r.eligibility).toBe("all");
  });

  it("requires the weights to sum to 100, with the message beside the list", () => {
    expect(errorsOf(valid({ "criterionWeight[]": ["60", "30"] }))).toEqual({
      criteria: "Vægtene skal tilsammen give 100. Nu giver de 90.",
    });
  });

  it("reports the weight sum even when another field is wrong", () => {
    const e = errorsOf(valid({ title: "", maxAmount: "abc", "criterionWeight[]": ["50", "10"] }));
    expect(e.criteria).toBe("Vægtene skal tilsammen give 100. Nu giver de 60.");
    expect(e.title).toBeDefined();
    expect(e.maxAmount).toBe("Skriv maksimumbeløbet som et beløb i kroner, fx 125.000,00.");
  });

  it("flags a weight that is not a whole number in its row", () => {
    expect(errorsOf(valid({ "criterionWeight[]": ["60", "4x"] }))).toEqual({
      "criterionWeight[].1": "Skriv vægten som et helt tal mellem 0 og 100.",
    });
  });

  it("ignores blank criterion and category rows", () => {
    const r = callFormSchema.parse(
      valid({
        "criterionId[]": ["", "", ""],
        "criterionLabel[]": ["A", "", "B"],
        "criterionDescription[]": ["", "", ""],
        "criterionWeight[]": ["50", "", "50"],
        "categoryId[]": ["", "", ""],
        "categories[]": ["Vikardækning", "", " Supervision "],
      }),
    );
    expect(r.criteria.map((c) => c.label)).toEqual(["A", "B"]);
    expect(r.categories.map((c) => c.label)).toEqual(["Vikardækning", "Supervision"]);
  });

  it("refuses a project period that ends before it starts", () => {
    expect(errorsOf(valid({ projectStart: "2024-12-31", projectEnd: "2023-01-01" }))).toEqual({
      projectEnd: "Projektperiodens slut skal ligge efter starten.",
    });
    expect(errorsOf(valid({ projectStart: "2023-01-01", projectEnd: "2023-01-01" })).projectEnd).toBeDefined();
    expect(errorsOf(valid({ projectEnd: "2023-02-30" })).projectEnd).toBe("Skriv projektperiodens slut som en gyldig dato.");
  });

  it("bounds the project period: years 2000–2100, at most 10 years (a 9999 typo gave a 20 MB form)", () => {
    expect(errorsOf(valid({ projectStart: "2023-01-01", projectEnd: "9999-12-31" })).projectEnd).toBe(
      "Projektperiodens slut skal ligge mellem år 2000 og 2100.",
    );
    expect(errorsOf(valid({ projectStart: "1999-12-31", projectEnd: "2001-12-31" })).projectStart).toBe(
      "Projektperiodens start skal ligge mellem år 2000 og 2100.",
    );
    expect(errorsOf(valid({ projectStart: "2023-01-01", projectEnd: "2033-01-01" }))).toEqual({ projectEnd: "Projektperioden må højst vare 10 år." });
    expect(errorsOf(valid({ projectStart: "2023-01-01", projectEnd: "2032-12-31" }))).toEqual({});
    expect(errorsOf(valid({ deadlineDate: "9999-11-07" })).deadlineDate).toBe("Fristens dato skal ligge mellem år 2000 og 2100.");
  });

  it("bounds the maximum amount at 1 mia. kr. (larger values gave a 500)", () => {
    expect(callFormSchema.parse(valid({ maxAmount: "1.000.000.000,00" })).maxAmountOre).toBe(100_000_000_000n);
    expect(errorsOf(valid({ maxAmount: "1.000.000.000,01" }))).toEqual({ maxAmount: "Maksimumbeløbet er for stort." });
    expect(errorsOf(valid({ maxAmount: "99999999999999999999" }))).toEqual({ maxAmount: "Maksimumbeløbet er for stort." });
  });

  it("refuses a CPR number in the purpose text and in a category", () => {
    expect(errorsOf(valid({ purpose: "Fx barnet med cpr 010203-1234" }))).toEqual({ purpose: CPR_MESSAGE });
    expect(errorsOf(valid({ "categories[]": ["Vikardækning", "0102031234"], "categoryId[]": ["", ""] }))).toEqual({
      "categories[].1": CPR_MESSAGE,
    });
  });

  it("parses the maximum amount the Danish way; blank means no maximum, 0 is refused", () => {
    expect(callFormSchema.parse(valid({ maxAmount: "1.234.567,50" })).maxAmountOre).toBe(123_456_750n);
    expect(callFormSchema.parse(valid({ maxAmount: "" })).maxAmountOre).toBeNull();
    expect(callFormSchema.parse(valid({ maxAmount: "500000" })).maxAmountOre).toBe(50_000_000n);
    expect(errorsOf(valid({ maxAmount: "0" }))).toEqual({ maxAmount: "Maksimumbeløbet skal være større end 0." });
    expect(errorsOf(valid({ maxAmount: "1,234" })).maxAmount).toBeDefined();
  });

  it("needs at least one category, no duplicates", () => {
    expect(errorsOf(valid({ "categories[]": ["", ""], "categoryId[]": ["", ""] }))).toEqual({
      "categories[]": "Angiv mindst én støtteberettiget udgiftskategori.",
    });
    expect(errorsOf(valid({ "categories[]": ["Vikardækning", "vikardækning"], "categoryId[]": ["", ""] }))).toEqual({
      "categories[]": "Kategorien „vikardækning“ står to gange.",
    });
  });

  it("needs a municipality when the list is chosen, and a valid time", () => {
    expect(errorsOf(valid({ eligibility: "selected" }))).toEqual({
      "municipalities[]": "Vælg mindst én kommune, der kan søge.",
    });
    const r = callFormSchema.parse(valid({ eligibility: "selected", "municipalities[]": ["0360", "0360", "0400"] }));
    expect(r.municipalityCodes).toEqual(["0360", "0400"]);
    expect(errorsOf(valid({ deadlineTime: "24:00" })).deadlineTime).toBeDefined();
  });

  it("refuses fields the form does not have", () => {
    expect(errorsOf({ ...valid(), status: "published" })).toEqual({
      form: "Formularen indeholdt felter, der ikke kan ændres her.",
    });
  });

  it("round-trips a stored call through the form values", () => {
    const stored = {
      poolId: 1,
      title: "T",
      purpose: "P",
      projectStart: "2023-01-01",
      projectEnd: "2024-12-31",
      deadline: copenhagenInstant("2022-11-07", "12:00"),
      expectedGrants: 8,
      maxAmountOre: 150_000_050n,
      categories: [{ id: 4, label: "Vikardækning" }],
      criteria: [{ id: 9, label: "Behov", description: "", weight: 100 }],
      eligibleCodes: ["0360"],
    };
    const values = callToFormValues(stored);
    expect(values.deadlineDate).toBe("2022-11-07");
    expect(values.maxAmount).toBe("1.500.000,50");
    const r = callFormSchema.parse(values);
    expect(r.categories).toEqual([{ id: 4, label: "Vikardækning" }]);
    expect(r.deadline.getTime()).toBe(stored.deadline.getTime());
    expect(r.municipalityCodes).toEqual(["0360"]);
  });
});

describe("publishing rules", () => {
  it("lists what is missing", () => {
    expect(publishProblems({ categoryCount: 1, weights: [60, 40], eligibleCount: 98 })).toEqual([]);
    expect(publishProblems({ categoryCount: 0, weights: [60, 30], eligibleCount: 0 })).toEqual([
      "Opslaget skal have mindst én støtteberettiget udgiftskategori.",
      "Kriteriernes vægte skal give 100 tilsammen (nu 90).",
      "Mindst én kommune skal kunne søge.",
    ]);
    expect(publishProblems({ categoryCount: 1, weights: [], eligibleCount: 1 })).toEqual([
      "Opslaget skal have mindst ét vurderingskriterium.",
    ]);
  });
});

describe("deadline countdown", () => {
  const deadline = copenhagenInstant("2022-11-07", "12:00");
  it("counts Copenhagen calendar days", () => {
    expect(deadlineCountdown(deadline, copenhagenInstant("2022-10-26", "23:30"))).toBe("Frist om 12 dage");
    expect(deadlineCountdown(deadline, copenhagenInstant("2022-11-06", "00:10"))).toBe("Frist i morgen kl. 12:00");
    expect(deadlineCountdown(deadline, copenhagenInstant("2022-11-07", "11:59"))).toBe("Frist i dag kl. 12:00");
    expect(deadlineCountdown(deadline, copenhagenInstant("2022-11-07", "12:01"))).toBe("Fristen er overskredet");
  });
  it("is not fooled by the clock change", () => {
    // 30 October 2022 is a 25-hour day in Copenhagen.
    expect(deadlineCountdown(copenhagenInstant("2022-10-31", "00:30"), copenhagenInstant("2022-10-30", "00:30"))).toBe(
      "Frist i morgen kl. 00:30",
    );
  });
});
