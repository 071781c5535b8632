// Shared zod building blocks: one schema validates in the browser (react-hook-form)
// and on the server (parseForm). Messages are Danish.
import { z } from "zod";
import { containsCpr, CPR_MESSAGE } from "./cpr";
import { emailRule } from "./email-rule";
import { parseDanishAmount } from "./money";

z.config(z.locales.da());

export const MAX_SHORT = 200;
export const MAX_LONG = 10_000;

/**
 * Invisible control characters (tab, line feed and carriage return are text). PostgreSQL
 * cannot store NUL in text at all (the input fuzz found a 500), and the rest never belong
 * in a letter or a report.
 */
export const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export function controlCharacterMessage(label: string) {
  return `${capitalise(label)} indeholder et usynligt kontroltegn. Fjern det, og prøv igen.`;
}

/** Free text: trimmed, length-limited, no control characters, never a CPR number. */
export function text(label: string, opts: { max?: number; optional?: boolean } = {}) {
  const max = opts.max ?? MAX_SHORT;
  let s = z.string({ error: `Udfyld ${label}.` }).trim().max(max, `${capitalise(label)} må højst være ${max} tegn.`);
  if (!opts.optional) s = s.min(1, `Udfyld ${label}.`);
  return s.refine((v) => !CONTROL_CHARACTERS.test(v), controlCharacterMessage(label)).refine((v) => !containsCpr(v), CPR_MESSAGE);
}

/** The e-mail rule (email-rule.ts, zod/mini) with classic zod's methods (`.refine`, `.optional`). */
export function email(label = "e-mailadressen") {
  return z.string({ error: `Udfyld ${label}.` }).pipe(emailRule(label));
}

export function password(label = "adgangskoden") {
  return z
    .string({ error: `Udfyld ${label}.` })
    .min(12, "Adgangskoden skal være mindst 12 tegn.")
    .max(200, "Adgangskoden må højst være 200 tegn.");
}

/** An amount typed the Danish way ("1.234.567,50") → øre as bigint. */
export function amount(label: string, opts: { min?: bigint; max?: bigint; optional?: boolean } = {}) {
  return z
    .string()
    .trim()
    .max(30, `${capitalise(label)} er for langt.`)
    .transform((v, ctx) => {
      if (v === "" && opts.optional) return 0n;
      const ore = parseDanishAmount(v);
      if (ore === null) {
        ctx.addIssue({ code: "custom", message: `Skriv ${label} som et beløb i kroner, fx 125.000,00.` });
        return z.NEVER;
      }
      if (ore < (opts.min ?? 0n)) {
        ctx.addIssue({ code: "custom", message: `${capitalise(label)} kan ikke være negativt.` });
        return z.NEVER;
      }
      if (opts.max !== undefined && ore > opts.max) {
        ctx.addIssue({ code: "custom", message: `${capitalise(label)} er for stort.` });
        return z.NEVER;
      }
      return ore;
    });
}

export function capitalise(s: string) {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export { z };
