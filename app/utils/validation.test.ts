// Free text refuses what PostgreSQL cannot store (NUL: the input fuzz's 500 on /calls/:id/edit)
// and other invisible control characters, in Danish; parseForm refuses NUL in any field.
import { describe, expect, it } from "vitest";
import { NUL_MESSAGE, parseForm } from "./forms.server";
import { text, z } from "./validation";

const form = (fields: Record<string, string>) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  return fd;
};

describe("text()", () => {
  const purpose = text("formålet", { max: 10_000 });
  it.each(["x\u0000y", "a\u0007b", "\u001b[31m", "x\u007f"])("refuses the control character in %j", (v) => {
    const r = purpose.safeParse(v);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0].message).toBe("Formålet indeholder et usynligt kontroltegn. Fjern det, og prøv igen.");
  });
  it.each(["linje 1\nlinje 2", "kolonne\tkolonne", "windows\r\nlinje", "æøå – „citat“ 🎉"])("keeps ordinary text %j", (v) => {
    expect(purpose.safeParse(v).success).toBe(true);
  });
});

describe("parseForm", () => {
  it("refuses NUL in any field, even one whose rule lets any string through", () => {
    const r = parseForm(form({ q: "a\u0000b" }), z.strictObject({ q: z.string() }));
    expect(r).toMatchObject({ ok: false, errors: { q: NUL_MESSAGE } });
  });
  it("keeps the schema's own message when both fail", () => {
    const r = parseForm(form({ n: "x\u0000" }), z.strictObject({ n: z.string().regex(/^\d+$/, "Skriv et tal.") }));
    expect(r).toMatchObject({ ok: false, errors: { n: "Skriv et tal." } });
  });
});
