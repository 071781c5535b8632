// What an award letter (tilsagnsbrev) and a rejection letter (afslag) say, as plain data:
// the PDF renderer only lays it out. The standard conditions read their thresholds from
// the pool and their dates from the grant, so a pool with other rules gets other words.
import { formatDeadline, formatLongDate, formatQuarter } from "~/utils/dates";
import { amountInWords } from "~/utils/amount-in-words";
import { formatOre } from "~/utils/money";

/** The sender printed at the top of every letter. */
export const LETTERHEAD = {
  ministry: "Social- og Boligministeriet",
  lines: ["Holmens Kanal 22", "1060 København K"],
};

export type PaymentPlanRow = { quarter: string; amountOre: bigint };

/**
 * The quarterly payment plan the letter shows: the budget version's lines summed per
 * quarter, in quarter order. The sum is the budget's total to the øre.
 */
export function paymentPlanFromBudget(lines: readonly { quarter: string; amountOre: bigint }[]): PaymentPlanRow[] {
  const byQuarter = new Map<string, bigint>();
  for (const l of lines) byQuarter.set(l.quarter, (byQuarter.get(l.quarter) ?? 0n) + BigInt(l.amountOre));
  return [...byQuarter.entries()]
    .filter(([, amountOre]) => amountOre > 0n)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([quarter, amountOre]) => ({ quarter, amountOre }));
}

export type AwardLetterData = {
  reference: string;
  letterDate: Date;
  municipalityOfficialName: string;
  callTitle: string;
  poolName: string;
  financeLine: string;
  awardedOre: bigint;
  projectStart: string;
  projectEnd: string;
  acceptanceDeadline: Date;
  latestStartOn: string;
  accountsDueOn: string;
  /** The grant's own conditions (free text from the decision), may be empty. */
  conditions: string;
  reportDueDates: readonly { kind: string; dueOn: string; label: string }[];
  pool: { changeApprovalPercent: number; changeApprovalOre: bigint; repaymentMinOre: bigint };
  paymentPlan: readonly PaymentPlanRow[];
};

/** "1. januar 2023" from a calendar date "2023-01-01" (read as that day, whatever the server's zone). */
export function longDate(day: string) {
  return formatLongDate(`${day}T12:00:00Z`);
}

/** The standard conditions every grant from the pool carries, in the order the letter prints them. */
export function standardConditions(d: AwardLetterData): { title: string; text: string }[] {
  const reports = d.reportDueDates.length
    ? ` Frister: ${d.reportDueDates
        .map((r) => `${r.label || (r.kind === "final_report" ? "faglig slutrapport" : "statusrapport")} senest ${longDate(r.dueOn)}`)
        .join("; ")}.`
    : "";
  return [
    {
      title: "Accept af tilsagnet",
      text: `Tilsagnet skal accepteres i Puljeportal senest ${formatDeadline(d.acceptanceDeadline)}. Accepteres tilsagnet ikke inden fristen, bortfalder det, og beløbet går tilbage til puljen.`,
    },
    {
      title: "Projektstart",
      text: `Projektet skal være påbegyndt senest ${longDate(d.latestStartOn)}. Er projektet ikke påbegyndt inden da, kan tilsagnet bortfalde.`,
    },
    {
      title: "Udbetaling",
      text: "Tilskuddet udbetales kvartalsvis forud efter det godkendte budget, jf. udbetalingsplanen ovenfor. Udbetaling forudsætter, at tilsagnet er accepteret, og kan stilles i bero, hvis en rapport eller et regnskab ikke er modtaget til tiden.",
    },
    {
      title: "Budgetændringer",
      text: `Ændringer af budgettet, der overstiger ${d.pool.changeApprovalPercent} % af en budgetpost eller ${formatOre(d.pool.changeApprovalOre)}, skal godkendes af ministeriet, før de gennemføres. Mindre ændringer registreres i Puljeportal.`,
    },
    {
      title: "Afrapportering",
      text: `Kommunen skal aflægge statusrapport og en faglig slutrapport om projektets aktiviteter, afvigelser fra planen og indikatorer efter ministeriets anvisninger.${reports}`,
    },
    {
      title: "Regnskab",
      text: `Regnskab for tilskuddet opgjort pr. budgetpost og med revisorerklæring skal være ministeriet i hænde senest ${longDate(d.accountsDueOn)}.`,
    },
    {
      title: "Tilbagebetaling",
      text: `Uforbrugte og ikke-støtteberettigede midler skal betales tilbage. Et samlet beløb under ${formatOre(d.pool.repaymentMinOre)} kræves dog ikke tilbagebetalt.`,
    },
  ];
}

/** The opening paragraphs of the award letter: amount in figures and words, period, source. */
export function awardSummary(d: AwardLetterData) {
  return {
    title: `Tilsagn om tilskud fra puljen „${d.poolName}“`,
    intro: `Social- og Boligministeriet har behandlet ${d.municipalityOfficialName}s ansøgning til „${d.callTitle}“ og giver hermed tilsagn om tilskud.`,
    amountFigures: formatOre(d.awardedOre),
    amountWords: `${amountInWords(d.awardedOre)}`,
    period: `${longDate(d.projectStart)} – ${longDate(d.projectEnd)}`,
    source: d.financeLine ? `Tilskuddet ydes fra finanslovens ${d.financeLine}.` : "",
    planTotalOre: d.paymentPlan.reduce((a, r) => a + r.amountOre, 0n),
  };
}

export const quarterLabel = formatQuarter;

export type RejectionLetterData = {
  reference: string;
  letterDate: Date;
  municipalityOfficialName: string;
  callTitle: string;
  poolName: string;
  reason: string;
};

export function rejectionSummary(d: RejectionLetterData) {
  return {
    title: `Afslag på ansøgning om tilskud fra puljen „${d.poolName}“`,
    intro: `Social- og Boligministeriet har behandlet ${d.municipalityOfficialName}s ansøgning til „${d.callTitle}“. Vi må desværre meddele, at ansøgningen ikke kan imødekommes.`,
    reason: d.reason.trim() || "Puljens midler rakte ikke til alle ansøgninger, og ansøgningen blev ikke prioriteret ved fordelingen.",
    closing:
      "Afgørelsen er truffet efter puljens kriterier, som de fremgår af opslaget. Har du spørgsmål til afgørelsen, er du velkommen til at kontakte ministeriet med ansøgningens referencenummer.",
  };
}
