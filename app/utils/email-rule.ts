// The e-mail rule in `zod/mini`: /login's browser bundle validates with it without loading
// classic zod (~25 KB gzip of the page's 110 KB budget; decision 033). Classic schemas use
// the same rule through validation.ts's email(), so the rule and its messages exist once.
import * as z from "zod/mini";

export function emailRule(label = "e-mailadressen") {
  return z.pipe(
    z.pipe(
      z.string({ error: `Udfyld ${label}.` }).check(z.trim(), z.minLength(1, `Udfyld ${label}.`), z.maxLength(254, "E-mailadressen er for lang.")),
      z.email("Skriv en gyldig e-mailadresse, fx navn@kommune.dk."),
    ),
    z.transform((v: string) => v.toLowerCase()),
  );
}
