// The formal check (formalia): a fixed checklist. All requirements met → the
// application moves on to assessment; any requirement not met → a proposed
// rejection, which must carry a reason the municipality can be given.
import { isOnTime } from "~/domain/calls/deadline";
import { atTime } from "~/utils/dates";
import { formatOre } from "~/utils/money";
import { text, z } from "~/utils/validation";

// `system`: the application's own data answers it (computed on the server, never
// taken from the form); the others need a person's judgement.
export const FORMALIA_REQUIREMENTS = [
  { key: "municipality", label: "Ansøger er en kommune på opslagets liste", system: true },
  { key: "deadline", label: "Indsendt inden fristen", system: true },
  { key: "budget", label: "Budgettet er udfyldt og inden for opslagets maksimum", system: true },
  { key: "purpose", label: "Aktiviteterne ligger inden for puljens formål", system: false },
  { key: "contact", label: "Kontaktperson og underskriftsberettiget (navn og titel) er angivet", system: true },
] as const;

export type RequirementKey = (typeof FORMALIA_REQUIREMENTS)[number]["key"];

export const SYSTEM_REQUIREMENTS = FORMALIA_REQUIREMENTS.filter((r) => r.system);
export const MANUAL_REQUIREMENTS = FORMALIA_REQUIREMENTS.filter((r) => !r.system);

/** What the system knows about an application, read on the server. */
export type FormaliaFacts = {
  municipalityName: string;
  municipalityEligible: boolean;
  submittedAt: Date | null;
  deadline: Date;
  requestedOre: bigint;
  maxAmountOre: bigint | null;
  contactName: string;
  signatoryName: string;
  signatoryTitle: string;
};

/** A requirement the system answered, with the fact behind the answer (shown and stored as the note). */
export type SystemCheck = { requirement: RequirementKey; met: boolean; note: string };

/** The system's verdict on each system-known requirement. Pure; the deadline is compared with the
 *  recorded submission time, which the submit command took from the app clock (`appNow`). */
export function systemChecks(f: FormaliaFacts): SystemCheck[] {
  const deadline = atTime(f.deadline);
  const onTime = f.submittedAt !== null && isOnTime(f.deadline, f.submittedAt);
  const withinMax = f.requestedOre > 0n && (f.maxAmountOre === null || f.requestedOre <= f.maxAmountOre);
  const budgetNote =
    f.requestedOre <= 0n
      ? "Budgettet er ikke udfyldt (0,00 kr.)."
      : f.maxAmountOre === null
        ? `Budget i alt ${formatOre(f.requestedOre)}; opslaget har intet maksimum.`
        : // formatOre ends in "kr.", which also ends the sentence (no "kr..").
          `Budget i alt ${formatOre(f.requestedOre)}, ${withinMax ? "inden for" : "over"} maksimum ${formatOre(f.maxAmountOre)}`;
  const missingPeople = [
    [f.contactName, "kontaktpersonens navn"],
    [f.signatoryName, "den underskriftsberettigedes navn"],
    [f.signatoryTitle, "den underskriftsberettigedes titel"],
  ]
    .filter(([value]) => !value.trim())
    .map(([, label]) => label);
  return [
    {
      requirement: "municipality",
      met: f.municipalityEligible,
      note: `${f.municipalityName} ${f.municipalityEligible ? "står" : "står ikke"} på opslagets liste over kommuner, der kan søge.`,
    },
    {
      requirement: "deadline",
      met: onTime,
      note: f.submittedAt
        ? `Indsendt ${atTime(f.submittedAt)}, ${onTime ? "før" : "efter"} fristen ${deadline}.`
        : `Ikke indsendt (fristen var ${deadline}).`,
    },
    { requirement: "budget", met: withinMax, note: budgetNote },
    {
      requirement: "contact",
      met: missingPeople.length === 0,
      note:
        missingPeople.length === 0
          ? `Kontaktperson ${f.contactName.trim()}; underskriftsberettiget ${f.signatoryName.trim()}, ${f.signatoryTitle.trim()}.`
          : `Mangler ${missingPeople.join(", ")}.`,
    },
  ];
}

export const REASON_REQUIRED_MESSAGE =
  "Skriv begrundelsen for afslaget, når et formelt krav ikke er opfyldt.";

export type FormaliaCheck = { requirement: RequirementKey; met: boolean; note: string };

export type FormaliaDecision =
  | { ok: true; event: "approve_formalia"; rejectionReason: null }
  | { ok: true; event: "propose_rejection"; rejectionReason: string; missing: RequirementKey[] }
  | { ok: false; errors: Record<string, string> };

/**
 * The outcome of a completed checklist. Pure: the command applies it. `system` is the
 * system's verdict and overrides any answer for the same requirement in `checks`. A failed
 * system check names itself in the rejection reason; a failed manual check needs the
 * caseworker's own reason.
 */
export function decideFormalia(
  checks: FormaliaCheck[],
  reason: string | null | undefined,
  system: SystemCheck[] = [],
): FormaliaDecision {
  const systemKeys = new Set(system.map((c) => c.requirement));
  const all = [...system, ...checks.filter((c) => !systemKeys.has(c.requirement))];
  const byKey = new Map(all.map((c) => [c.requirement, c]));
  const errors: Record<string, string> = {};
  for (const r of FORMALIA_REQUIREMENTS) {
    if (!byKey.has(r.key)) errors[metField(r.key)] = `Angiv, om kravet „${r.label}“ er opfyldt.`;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const missing = FORMALIA_REQUIREMENTS.filter((r) => !byKey.get(r.key)!.met).map((r) => r.key);
  if (missing.length === 0) return { ok: true, event: "approve_formalia", rejectionReason: null };
  const trimmed = (reason ?? "").trim();
  const manualMissing = missing.some((key) => !systemKeys.has(key));
  if (manualMissing && !trimmed) return { ok: false, errors: { rejectionReason: REASON_REQUIRED_MESSAGE } };
  const systemReasons = system.filter((c) => !c.met).map((c) => c.note);
  const rejectionReason = [...systemReasons, trimmed].filter(Boolean).join(" ");
  return { ok: true, event: "propose_rejection", rejectionReason, missing };
}

// The state's names and labels live without zod in formalia-labels.ts (list pages show them).
import type { FormaliaState } from "./formalia-labels";
export { formaliaStateLabels, type FormaliaState } from "./formalia-labels";

/** Summary of stored check rows for lists: a partial checklist counts as not checked. */
export function formaliaState(rows: { requirement: string; met: boolean }[]): FormaliaState {
  if (rows.some((r) => !r.met)) return "missing";
  const metKeys = new Set(rows.map((r) => r.requirement));
  return FORMALIA_REQUIREMENTS.every((r) => metKeys.has(r.key)) ? "ok" : "not_checked";
}

export const metField = (key: RequirementKey) => `met_${key}`;
export const noteField = (key: RequirementKey) => `note_${key}`;

const yesNo = z.enum(["yes", "no"], { error: "Vælg ja eller nej." });

// One schema for browser and server. The reason rule comes from decideFormalia,
// so the message next to the reason field is the same on both sides.
export const formaliaFormSchema = z
  .strictObject({
    intent: z.literal("formalia"),
    rejectionReason: text("begrundelsen for afslaget", { max: 2000, optional: true }),
    // Only the requirements a person answers: a posted answer for a system-known one is refused.
    ...Object.fromEntries(
      MANUAL_REQUIREMENTS.flatMap((r) => [
        [metField(r.key), yesNo],
        [noteField(r.key), text("bemærkningen", { max: 1000, optional: true })],
      ]),
    ),
  })
  .superRefine((value, ctx) => {
    // The system's verdicts are not in the form; the command adds them. Here only a failed
    // manual answer can require a reason, with the same rule and message as the command.
    const manualMissing = checksFromForm(value).some((c) => !c.met);
    if (manualMissing && !String(value.rejectionReason ?? "").trim()) {
      ctx.addIssue({ code: "custom", path: ["rejectionReason"], message: REASON_REQUIRED_MESSAGE });
    }
  });

/** The parsed form → the manual part of the checklist (requirements without an answer are left out). */
export function checksFromForm(value: Record<string, unknown>): FormaliaCheck[] {
  return MANUAL_REQUIREMENTS.flatMap((r) => {
    const met = value[metField(r.key)];
    if (met !== "yes" && met !== "no") return [];
    return [{ requirement: r.key, met: met === "yes", note: String(value[noteField(r.key)] ?? "").trim() }];
  });
}
