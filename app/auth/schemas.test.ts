// loginSchema is in zod/mini (decision 033): the server (parseForm) and the browser
// (formDataErrors) read it like a classic schema, with the same Danish messages as before.
import { describe, expect, it } from "vitest";
import { formDataErrors } from "~/utils/form-data";
import { parseForm } from "~/utils/forms.server";
import { email } from "~/utils/validation";
import { loginSchema } from "./schemas";

const form = (fields: Record<string, string>) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  return fd;
};

describe("loginSchema (zod/mini)", () => {
  it("parses a login, trimmed and lower-cased, on the server", () => {
    const r = parseForm(form({ email: "  Kim@Kommune.DK ", password: "x", redirectTo: "/applications" }), loginSchema);
    expect(r).toEqual({ ok: true, data: { email: "kim@kommune.dk", password: "x", redirectTo: "/applications" } });
  });
  it.each([
    [{ email: "", password: "" }, { email: "Udfyld e-mailadressen.", password: "Udfyld adgangskoden." }],
    [{ email: "   ", password: "x" }, { email: "Udfyld e-mailadressen." }],
    [{ email: "kim", password: "x" }, { email: "Skriv en gyldig e-mailadresse, fx navn@kommune.dk." }],
    [{ email: `${"a".repeat(250)}@x.dk`, password: "x" }, { email: "E-mailadressen er for lang." }],
    [{ email: "kim@kommune.dk", password: "x".repeat(201) }, { password: "Adgangskoden må højst være 200 tegn." }],
    [{ email: "kim@kommune.dk", password: "x", role: "admin" }, { form: "Formularen indeholdt felter, der ikke kan ændres her." }],
  ])("refuses %j with the Danish messages, the same in the browser", (fields, errors) => {
    expect(parseForm(form(fields), loginSchema)).toMatchObject({ ok: false, errors });
    expect(formDataErrors(loginSchema, form(fields))).toEqual(errors);
  });
  it("shares the e-mail rule with the classic schemas (validation.ts's email())", () => {
    for (const v of ["", " Kim@Kommune.DK ", "kim", `${"a".repeat(250)}@x.dk`, undefined]) {
      const classic = email().safeParse(v);
      const mini = loginSchema.shape.email.safeParse(v);
      expect(mini.success).toBe(classic.success);
      if (mini.success) expect(mini.data).toBe(classic.data);
      else expect(mini.error!.issues.map((i) => i.message)).toEqual(classic.error!.issues.map((i) => i.message));
    }
  });
});
