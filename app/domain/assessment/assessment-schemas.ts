// The assessment page's smaller forms (formalia and scores have theirs beside their rules).
// Each carries the `intent` its button posts; the page's action and the browser validate
// with the same schema.
import { text, z } from "~/utils/validation";

export const noteSchema = z.strictObject({ intent: z.literal("note"), body: text("noten", { max: 5000 }) });
export const reopenSchema = z.strictObject({ intent: z.literal("reopen"), reopenReason: text("begrundelsen", { max: 2000 }) });
export const reconsiderSchema = z.strictObject({ intent: z.literal("reconsider") });
export const completeSchema = z.strictObject({ intent: z.literal("complete") });
export const submitAssessmentSchema = z.strictObject({ intent: z.literal("submit_assessment") });
export const assignSchema = z.strictObject({
  intent: z.literal("assign"),
  assignedTo: z.union([z.literal(""), z.uuid("Vælg en sagsbehandler fra listen.")], { error: "Vælg en sagsbehandler fra listen." }),
  // The second assessor (decision 017): set, the scoring is double and blind.
  secondAssessorId: z
    .union([z.literal(""), z.uuid("Vælg en bedømmer fra listen.")], { error: "Vælg en bedømmer fra listen." })
    .optional()
    .default(""),
});
