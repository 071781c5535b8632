// A formal check's state as a list shows it: no zod, so the application list does not load
// the validation library for three words (formalia.ts re-exports these).
export type FormaliaState = "not_checked" | "ok" | "missing";

export const formaliaStateLabels: Record<FormaliaState, string> = {
  not_checked: "Ikke tjekket",
  ok: "Opfyldt",
  missing: "Mangler",
};
