import { describe, expect, it } from "vitest";
import { applicationDraftSchema, applicationSubmitSchema, contentToFormValues, saveableDraft } from "./application-schema";

const grid = { categoryIds: [1, 2], quarters: ["2023-Q1", "2023-Q2"] };
const complete = {
  contactName: "Mette Hansen",
  contactEmail: "Mette@Lolland.dk",
  contactPhone: "+45 54 67 67 67",
  signatoryName: "Lars Jensen",
  signatoryTitle: "Børne- og familiechef",
  challenge: "Mange sager",
  activities: "Efteruddannelse",
  expectedEffect: "Bedre sager",
  themes: ["udredning", "inddragelse"],
  "budget_1_2023-Q1": "1.234.567,50",
};
const messages = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((r.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));

describe("draft schema", () => {
  const draft = applicationDraftSchema(grid);

  it("accepts an empty draft and parses Danish amounts to øre", () => {
    expect(draft.parse({})).toMatchObject({ contactName: "", themes: [], budget: [] });
    const r = draft.parse({ "budget_1_2023-Q1": "1.234.567,50", "budget_2_2023-Q2": "" });
    expect(r.budget).toEqual([{ categoryId: 1, quarter: "2023-Q1", amountOre: 123456750n }]);
  });

  it("refuses malformed, non-numeric and negative amounts with Danish messages", () => {
    const r = draft.safeParse({ "budget_1_2023-Q1": "12,345", "budget_1_2023-Q2": "abc", "budget_2_2023-Q1": "-5" });
    expect(messages(r)).toEqual({
      "budget_1_2023-Q1": "Skriv beløbet som et beløb i kroner, fx 125.000,00.",
      "budget_1_2023-Q2": "Skriv beløbet som et beløb i kroner, fx 125.000,00.",
      "budget_2_2023-Q1": "Beløbet kan ikke være negativt.",
    });
  });

  it("refuses CPR numbers in free text, with and without the dash", () => {
    for (const challenge of ["Barnet 010190-1234 har", "Barnet 0101901234 har"]) {
      expect(messages(draft.safeParse({ challenge })).challenge).toMatch(/CPR-nummer/);
    }
    expect(messages(draft.safeParse({ contactPhone: "010190-1234" })).contactPhone).toMatch(/CPR-nummer/);
  });

  it("checks present values: e-mail format, phone, unknown themes; and is strict about keys", () => {
    const r = draft.safeParse({ contactEmail: "mette@", contactPhone: "ring til mig", themes: ["andet"] });
    expect(Object.keys(messages(r)).sort()).toEqual(["contactEmail", "contactPhone", "themes"]);
    const unknown = draft.safeParse({ "budget_3_2023-Q1": "1,00", requestedOre: "999" });
    expect(unknown.success).toBe(false);
    expect(unknown.error?.issues[0].code).toBe("unrecognized_keys");
  });
});

describe("submit schema", () => {
  it("needs every field, at least one theme and a total above 0", () => {
    const r = applicationSubmitSchema(grid, null).safeParse({});
    expect(Object.keys(messages(r)).sort()).toEqual(
      ["activities", "budget", "challenge", "contactEmail", "contactName", "contactPhone", "expectedEffect", "signatoryName", "signatoryTitle", "themes"].sort(),
    );
  });

  it("accepts a complete application and lowercases the e-mail", () => {
    const r = applicationSubmitSchema(grid, 123456750n).parse(complete);
    expect(r.contactEmail).toBe("mette@lolland.dk");
    expect(r.themes).toEqual(["udredning", "inddragelse"]);
  });

  it("refuses a total above the call's maximum, by one øre", () => {
    const r = applicationSubmitSchema(grid, 123456749n).safeParse(complete);
    expect(messages(r).budget).toBe("Budgettet er i alt 1.234.567,50 kr. – der kan højst søges 1.234.567,49 kr.");
  });

  it("accepts a single checkbox value (FormData) as a theme list", () => {
    expect(applicationSubmitSchema(grid, null).parse({ ...complete, themes: "opfoelgning" }).themes).toEqual(["opfoelgning"]);
  });

  it("round-trips stored content through the form values", () => {
    const content = applicationDraftSchema(grid).parse(complete);
    expect(applicationDraftSchema(grid).parse(contentToFormValues(grid, content))).toEqual(content);
  });
});

describe("saving a draft with an invalid field", () => {
  const stored = contentToFormValues(grid, applicationDraftSchema(grid).parse({ contactPhone: "12 34 56 78", "budget_1_2023-Q1": "500,00" }));

  it("stores every valid value, keeps the stored value of the invalid one and names it", () => {
    const r = saveableDraft(grid, { ...complete, contactPhone: "ring til mig", "budget_2_2023-Q2": "12,345" }, stored);
    if (!r.ok) throw new Error("expected a saveable draft");
    expect(r.content.challenge).toBe("Mange sager");
    expect(r.content.signatoryName).toBe("Lars Jensen");
    expect(r.content.contactPhone).toBe("12 34 56 78");
    expect(r.content.budget).toEqual([{ categoryId: 1, quarter: "2023-Q1", amountOre: 123456750n }]);
    expect(Object.keys(r.invalid).sort()).toEqual(["budget_2_2023-Q2", "contactPhone"]);
  });

  it("saves a clean draft as typed with nothing marked", () => {
    const r = saveableDraft(grid, complete, stored);
    expect(r.ok && r.invalid).toEqual({});
  });

  it("still refuses a field the form does not have (strict), saving nothing", () => {
    const r = saveableDraft(grid, { ...complete, requestedOre: "999" }, stored);
    expect(r.ok).toBe(false);
  });
});
