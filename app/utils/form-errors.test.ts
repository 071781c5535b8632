import { describe, expect, it } from "vitest";
import { z } from "zod";
import { issuesToErrors, UNKNOWN_FIELDS_MESSAGE } from "./form-errors";

const errorsOf = (schema: z.ZodType, value: unknown) => {
  const result = schema.safeParse(value);
  return result.success ? {} : issuesToErrors(result.error.issues);
};

describe("issuesToErrors", () => {
  it("keys by the field's path and keeps the first message a field gets", () => {
    const schema = z.object({
      title: z.string().min(3, "For kort.").max(1, "For lang."),
      lines: z.array(z.object({ amount: z.number({ error: "Skriv et beløb." }) })),
    });
    expect(errorsOf(schema, { title: "ab", lines: [{ amount: 1 }, { amount: "x" }] })).toEqual({
      title: "For kort.",
      "lines.1.amount": "Skriv et beløb.",
    });
  });

  it("puts problems with the whole form and unknown fields under 'form'", () => {
    const refined = z.object({ a: z.string() }).refine(() => false, "Noget passer ikke sammen.");
    expect(errorsOf(refined, { a: "x" })).toEqual({ form: "Noget passer ikke sammen." });
    expect(errorsOf(z.strictObject({ a: z.string() }), { a: "x", b: "y" })).toEqual({ form: UNKNOWN_FIELDS_MESSAGE });
  });
});
