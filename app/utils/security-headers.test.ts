import { describe, expect, it } from "vitest";
import { securityHeaders } from "./security-headers.server";

const csp = () => Object.fromEntries(securityHeaders("abc"))["Content-Security-Policy"];
const directive = (name: string) => csp().split("; ").find((d) => d.split(" ")[0] === name);

describe("Content-Security-Policy", () => {
  it("allows scripts only from us and with this response's nonce", () => {
    expect(directive("script-src")).toMatch(/^script-src 'self' 'nonce-abc'/);
  });

  it("refuses inline <style> elements; only style attributes may be inline", () => {
    expect(directive("style-src")).toBe("style-src 'self'");
    expect(directive("style-src-attr")).toBe("style-src-attr 'unsafe-inline'");
  });
});
