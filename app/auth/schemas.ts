import { email, z } from "~/utils/validation";

export const loginSchema = z.strictObject({
  email: email(),
  password: z.string().min(1, "Udfyld adgangskoden.").max(200, "Adgangskoden må højst være 200 tegn."),
  redirectTo: z.string().max(500).optional(),
});
