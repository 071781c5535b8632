// In `zod/mini`, not classic zod: /login validates in the browser with this schema and the
// page has a 110 KB JS budget (issue 19). Same schema on the server (parseForm), same
// messages; decision 033.
import * as z from "zod/mini";
import { emailRule } from "~/utils/email-rule";

export const loginSchema = z.strictObject({
  email: emailRule(),
  password: z.string().check(z.minLength(1, "Udfyld adgangskoden."), z.maxLength(200, "Adgangskoden må højst være 200 tegn.")),
  redirectTo: z.optional(z.string().check(z.maxLength(500))),
});
