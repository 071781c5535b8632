import { describe, expect, it } from "vitest";
import { isOverdue, isReceived } from "./report-rules";

describe("report rules", () => {
  it("a report is received when submitted or approved", () => {
    expect([null, "draft", "submitted", "sent_back", "approved"].map((s) => isReceived(s as never))).toEqual([false, false, true, false, true]);
  });

  it("is overdue the day after the due date unless received", () => {
    expect(isOverdue("2024-06-30", null, "2024-06-30")).toBe(false);
    expect(isOverdue("2024-06-30", null, "2024-07-01")).toBe(true);
    expect(isOverdue("2024-06-30", "draft", "2024-07-01")).toBe(true);
    expect(isOverdue("2024-06-30", "sent_back", "2024-07-01")).toBe(true);
    expect(isOverdue("2024-06-30", "submitted", "2024-07-01")).toBe(false);
    expect(isOverdue("2024-06-30", "approved", "2025-01-01")).toBe(false);
  });
});

import {
  changedFields,
  contentToValues,
  endOfMonthAfter,
  isDueDateChangeable,
  isEditable,
  isReviewable,
  mayLiftReportHold,
  parseIndicatorValue,
  parseReportForm,
  planDueDates,
  refusedFormValues,
  spendProblems,
  submitProblems,
  type ReportContent,
} from "./report-rules";
import { parseDanishAmount } from "~/utils/money";

const empty = (): ReportContent => ({ activities: "", deviations: "", nextSteps: "", themes: {}, indicators: {}, spend: {} });

describe("reporting plan", () => {
  it("ends months on their last day", () => {
    expect(endOfMonthAfter("2023-01-01", 5)).toBe("2023-06-30");
    expect(endOfMonthAfter("2023-01-15", 1)).toBe("2023-02-28");
    expect(endOfMonthAfter("2023-11-01", 3)).toBe("2024-02-29");
  });

  it("plans half-yearly status reports before the end and a final report two months after", () => {
    expect(planDueDates("2023-01-01", "2024-12-31", 6)).toEqual([
      { kind: "status_report", dueOn: "2023-06-30", label: "Statusrapport 1" },
      { kind: "status_report", dueOn: "2023-12-31", label: "Statusrapport 2" },
      { kind: "status_report", dueOn: "2024-06-30", label: "Statusrapport 3" },
      { kind: "final_report", dueOn: "2025-02-28", label: "Slutrapport" },
    ]);
    expect(planDueDates("2024-03-01", "2024-06-30", 6)).toEqual([{ kind: "final_report", dueOn: "2024-08-31", label: "Slutrapport" }]);
  });
});

describe("who may change a report when", () => {
  it("only a draft or a report sent back is editable; never a submitted or approved one", () => {
    expect(["draft", "submitted", "sent_back", "approved"].map((s) => isEditable(s as never))).toEqual([true, false, true, false]);
  });
  it("only a submitted report can be reviewed", () => {
    expect(["draft", "submitted", "sent_back", "approved"].map((s) => isReviewable(s as never))).toEqual([false, true, false, false]);
  });
  it("a due date moves only until something is submitted for it", () => {
    expect(isDueDateChangeable(null, null)).toBe(true);
    expect(isDueDateChangeable("draft", null)).toBe(true);
    expect(isDueDateChangeable("sent_back", new Date())).toBe(false);
    expect(isDueDateChangeable("submitted", new Date())).toBe(false);
  });
});

describe("spend against the budget", () => {
  const budget = [{ categoryId: 1, quarter: "2023-Q1", amountOre: 100_00n }];
  it("spend over a budget line needs an explanation", () => {
    expect(spendProblems(budget, { "1|2023-Q1": { amountOre: 100_01n, explanation: "" } })).toEqual({
      "spend_1_2023-Q1_explanation": "Forbruget er større end budgetposten. Forklar hvorfor.",
    });
    expect(spendProblems(budget, { "1|2023-Q1": { amountOre: 100_01n, explanation: "Ekstra kursus" } })).toEqual({});
    expect(spendProblems(budget, { "1|2023-Q1": { amountOre: 100_00n, explanation: "" } })).toEqual({});
  });
  it("a line without budget counts as zero", () => {
    expect(Object.keys(spendProblems(budget, { "2|2023-Q1": { amountOre: 1n, explanation: " " } }))).toEqual(["spend_2_2023-Q1_explanation"]);
  });
});

describe("submitting", () => {
  it("needs the narrative, every theme scored and every indicator", () => {
    const problems = submitProblems(empty(), [7]);
    expect(Object.keys(problems).sort()).toEqual(
      ["activities", "nextSteps", "theme_udredning_score", "theme_indsats_score", "theme_opfoelgning_score", "theme_inddragelse_score", "indicator_7"].sort(),
    );
    const full: ReportContent = {
      ...empty(),
      activities: "a",
      nextSteps: "n",
      themes: Object.fromEntries(["udredning", "indsats", "opfoelgning", "inddragelse"].map((t) => [t, { score: 3, note: "" }])),
      indicators: { "7": { value: "0", comment: "" } },
    };
    expect(submitProblems(full, [7])).toEqual({});
  });
});

describe("the form", () => {
  it("parses themes, indicators by unit and spend in kroner; ignores other fields", () => {
    const { content, errors } = parseReportForm(
      {
        activities: " Gjort ",
        theme_udredning_score: "4",
        theme_indsats_score: "9",
        indicator_1: "87,5",
        indicator_2: "3,5",
        "spend_5_2023-Q1": "1.000,50",
        "spend_5_2023-Q1_explanation": "x",
        "spend_9_2023-Q1": "5",
      } as Record<string, string>,
      [
        { id: 1, unit: "percent" },
        { id: 2, unit: "count" },
      ],
      [{ categoryId: 5, quarter: "2023-Q1" }],
      parseDanishAmount,
    );
    expect(content.activities).toBe("Gjort");
    expect(content.themes.udredning.score).toBe(4);
    expect(content.indicators["1"].value).toBe("87.5");
    expect(content.spend).toEqual({ "5|2023-Q1": { amountOre: 1000_50n, explanation: "x" } });
    expect(Object.keys(errors).sort()).toEqual(["indicator_2", "theme_indsats_score"]);
  });

  it("indicator values: percent 0–100, counts whole", () => {
    expect(parseIndicatorValue("101", "percent")).toHaveProperty("error");
    expect(parseIndicatorValue("12", "count")).toEqual({ value: "12" });
    expect(parseIndicatorValue("-3", "number")).toEqual({ value: "-3" });
    expect(parseIndicatorValue("abc", "number")).toHaveProperty("error");
    expect(parseIndicatorValue("", "number")).toEqual({ value: null });
  });

  it("round-trips content through the form values", () => {
    const c: ReportContent = { ...empty(), activities: "a", themes: { udredning: { score: 2, note: "n" } }, indicators: { "3": { value: "12.50", comment: "" } }, spend: { "5|2023-Q1": { amountOre: 1000_50n, explanation: "" } } };
    const v = contentToValues(c, (o) => (Number(o) / 100).toFixed(2).replace(".", ","));
    expect(v).toMatchObject({ activities: "a", theme_udredning_score: "2", indicator_3: "12,5", "spend_5_2023-Q1": "1000,50" });
  });
});

describe("compare", () => {
  it("names the fields that changed between versions", () => {
    const a: ReportContent = { ...empty(), activities: "a", themes: { udredning: { score: 2, note: "" } }, indicators: { "1": { value: "10.00", comment: "" } }, spend: { "5|2023-Q1": { amountOre: 1n, explanation: "" } } };
    const b: ReportContent = { ...a, activities: "b", themes: { udredning: { score: 3, note: "" } }, indicators: { "1": { value: "10", comment: "" } }, spend: { "5|2023-Q1": { amountOre: 2n, explanation: "" } } };
    expect([...changedFields(a, b)].sort()).toEqual(["activities", "spend_5_2023-Q1", "theme_udredning_score"]);
  });
});

describe("lifting an automatic payment hold", () => {
  it("only when no due date is overdue any more", () => {
    const today = "2024-07-10";
    expect(mayLiftReportHold([{ dueOn: "2024-06-30", status: "approved" }, { dueOn: "2024-12-31", status: null }], today)).toBe(true);
    expect(mayLiftReportHold([{ dueOn: "2024-06-30", status: "approved" }, { dueOn: "2023-12-31", status: "sent_back" }], today)).toBe(false);
  });
});

describe("the report form, fuzzed", () => {
  const amount = (s: string) => (/^\d+$/.test(s) ? BigInt(s) * 100n : null);

  it("refuses spend larger than a budget cell may hold in Danish, instead of failing the save", () => {
    const { errors, content } = parseReportForm({ "spend_1_2024-Q1": "9223372036854775808" }, [], [{ categoryId: 1, quarter: "2024-Q1" }], amount);
    expect(errors["spend_1_2024-Q1"]).toMatch(/^Forbruget er for stort/);
    expect(content.spend["1|2024-Q1"].amountOre).toBe(0n);
  });

  it("shows a refused field that was sent twice as its first value, as text", () => {
    expect(refusedFormValues({ "spend_1_2024-Q1": ["1.000,00", "andet"], activities: "Tekst", gone: undefined, odd: 3 })).toEqual({
      "spend_1_2024-Q1": "1.000,00",
      activities: "Tekst",
      gone: "",
      odd: "",
    });
  });
});
