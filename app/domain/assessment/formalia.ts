// The formal check (formalia): a fixed checklist. All requirements met → the
// application moves on to assessment; any requirement not met → a proposed
// rejection, which must carry a reason the municipality can be given.
import { text, z } from "~/utils/validation";

export const FORMALIA_REQUIREMENTS = [
  { key: "municipality", label: "Ansøger er en kommune på opslagets liste" },
  { key: "deadline", label: "Indsendt inden fristen" },
  { key: "budget", label: "Budget pr. kvartal er udfyldt og inden for rammen" },
  { key: "purpose", label: "Aktiviteterne ligger inden for puljens formål" },
  { key: "contact", label: "Kontaktperson og underskriftsberettiget er angivet" },
] as const;

export type RequirementKey = (typeof FORMALIA_REQUIREMENTS)[number]["key"];

export const REASON_REQUIRED_MESSAGE =
  "Skriv begrundelsen for afslaget, når et formelt krav ikke er opfyldt.";

export type FormaliaCheck = { requirement: RequirementKey; met: boolean; note: string };

export type FormaliaDecision =
  | { ok: true; event: "approve_formalia"; rejectionReason: null }
  | { ok: true; event: "propose_rejection"; rejectionReason: string; missing: RequirementKey[] }
  | { ok: false; errors: Record<string, string> };

/** The outcome of a completed checklist. Pure: the command applies it. */
export function decideFormalia(checks: FormaliaCheck[], reason: string | null | undefined): FormaliaDecision {
  const byKey = new Map(checks.map((c) => [c.requirement, c]));
  const errors: Record<string, string> = {};
  for (const r of FORMALIA_REQUIREMENTS) {
    if (!byKey.has(r.key)) errors[metField(r.key)] = `Angiv, om kravet „${r.label}“ er opfyldt.`;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const missing = FORMALIA_REQUIREMENTS.filter((r) => !byKey.get(r.key)!.met).map((r) => r.key);
  if (missing.length === 0) return { ok: true, event: "approve_formalia", rejectionReason: null };
  const trimmed = (reason ?? "").trim();
  if (!trimmed) return { ok: false, errors: { rejectionReason: REASON_REQUIRED_MESSAGE } };
  return { ok: true, event: "propose_rejection", rejectionReason: trimmed, missing };
}

export type FormaliaState = "not_checked" | "ok" | "missing";

export const formaliaStateLabels: Record<FormaliaState, string> = {
  not_checked: "Ikke tjekket",
  ok: "Opfyldt",
  missing: "Mangler",
};

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
    ...Object.fromEntries(
      FORMALIA_REQUIREMENTS.flatMap((r) => [
        [metField(r.key), yesNo],
        [noteField(r.key), text("bemærkningen", { max: 1000, optional: true })],
      ]),
    ),
  })
  .superRefine((value, ctx) => {
    const decision = decideFormalia(checksFromForm(value), String(value.rejectionReason ?? ""));
    if (decision.ok) return;
    for (const [path, message] of Object.entries(decision.errors)) {
      if (path.startsWith("met_")) continue; // zod already reports a missing yes/no
      ctx.addIssue({ code: "custom", path: [path], message });
    }
  });

/** The parsed form → the checklist (requirements without an answer are left out). */
export function checksFromForm(value: Record<string, unknown>): FormaliaCheck[] {
  return FORMALIA_REQUIREMENTS.flatMap((r) => {
    const met = value[metField(r.key)];
    if (met !== "yes" && met !== "no") return [];
    return [{ requirement: r.key, met: met === "yes", note: String(value[noteField(r.key)] ?? "").trim() }];
  });
}
