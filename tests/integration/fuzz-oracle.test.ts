// The input fuzz's judge (tests/support/fuzz-oracle.ts), on answers it must tell apart.
import { describe, expect, it } from "vitest";
import { classify, danishRefusalProblem, injectedMarkupIn } from "../support/fuzz-oracle";
import { CPR_DIGITS, FUZZ_PAYLOADS } from "../support/fuzz-payloads";
import { containsCpr, normaliseForCpr } from "~/utils/cpr";

const page = (main: string) => `<!DOCTYPE html><html lang="da"><body><main>${main}</main><script>window.__remix={"x":"\\u003cscript\\u003e"}</script></body></html>`;

describe("classify", () => {
  it("tells accepted, refused and server errors apart", () => {
    expect(classify(302, "")).toBe("accepted");
    expect(classify(200, page("<h1>Opslag</h1>"))).toBe("accepted");
    expect(classify(200, page('<span class="form-error-message">Udfyld titel.</span>'))).toBe("refused");
    expect(classify(400, page("<h1>Opslag</h1>"))).toBe("refused");
    expect(classify(400, page('<div class="alert alert-error">Kladden er gemt, undtagen de felter, der er markeret med fejl.</div>'))).toBe("partly-saved");
    expect(classify(500, "")).toBe("server-error");
    expect(classify(503, "")).toBe("server-error");
  });
});

describe("danishRefusalProblem", () => {
  it("passes a Danish message next to a field and a Danish error page", () => {
    expect(danishRefusalProblem(400, page('<span class="form-error-message">Beløbet skal være et helt antal kroner.</span>'))).toBeNull();
    expect(danishRefusalProblem(404, page("<h1>Siden findes ikke</h1>"))).toBeNull();
  });
  it("catches English library messages, a missing message and a non-Danish one", () => {
    expect(danishRefusalProblem(400, page('<span class="form-error-message">Invalid input: expected string</span>'))).toMatch(/English/);
    expect(danishRefusalProblem(500, page("<h1>Unexpected Server Error</h1>"))).toMatch(/English/);
    expect(danishRefusalProblem(400, page("<form><input name=title></form>"))).toBe("no error message on the page");
    expect(danishRefusalProblem(400, page('<div role="alert">Oops 42</div>'))).toBe("the message is not Danish");
  });
  it("does not read the user's own text in a textarea as the page's message", () => {
    expect(danishRefusalProblem(400, page('<textarea>Invalid input</textarea><span class="form-error-message">Teksten er for lang.</span>'))).toBeNull();
  });
});

describe("injectedMarkupIn", () => {
  it("finds markup that came back live and lets escaped markup pass", () => {
    expect(injectedMarkupIn(page("<p><script>window.__fuzz=1</script></p>"))).toBe("<script>window.__fuzz=1</script>");
    expect(injectedMarkupIn(page("<p>&lt;script&gt;window.__fuzz=1&lt;/script&gt;</p>"))).toBeNull();
    expect(injectedMarkupIn(page('<input value="&quot;&#x27;&gt;&lt;img src=x onerror=window.__fuzz=2&gt;">'))).toBeNull();
  });
});

describe("the payload table", () => {
  it("spells the same CPR number every way the guard must catch", () => {
    for (const p of FUZZ_PAYLOADS.filter((x) => x.kind === "cpr")) {
      expect(containsCpr(p.value), p.label).toBe(true);
      expect(normaliseForCpr(p.value).replace(/\D/g, ""), p.label).toContain(CPR_DIGITS);
    }
  });
});
