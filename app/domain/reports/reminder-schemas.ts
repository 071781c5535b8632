// The admin's pause/resume form on /reports/reminders.
import { z } from "zod";

export const reminderPauseSchema = z.object({
  intent: z.enum(["pause", "resume"], { error: "Vælg om påmindelserne skal sættes på pause eller genoptages." }),
  grantId: z.coerce.number({ error: "Vælg et tilsagn." }).int("Vælg et tilsagn.").positive("Vælg et tilsagn.").max(2_147_483_647, "Vælg et tilsagn."),
});
