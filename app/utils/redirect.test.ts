// Open-redirect bypasses that browsers turn into another site, and ordinary paths that must survive.
import { describe, expect, it } from "vitest";
import { safeRedirect } from "./redirect";

const app = "https://puljeportal.example";
// What a browser would do with the Location header we send.
const followed = (location: string) => new URL(location, app);

describe("safeRedirect", () => {
  it.each([
    ["//evil.example"],
    ["///evil.example"],
    ["/\\evil.example"],
    ["\\\\evil.example"],
    ["/\t/evil.example"],
    ["/\n/evil.example"],
    ["/\r\n/evil.example"],
    ["https://evil.example/"],
    ["http:/evil.example"],
    ["javascript:alert(1)"],
    ["evil.example"],
    [" /x"],
    ["/\u0000/evil.example"],
    ["/.//evil.example"],
    ["/./\\evil.example"],
    [decodeURIComponent("/%09/evil.example")],
    [decodeURIComponent("/%0a/evil.example")],
    [decodeURIComponent("/%5Cevil.example")],
    [decodeURIComponent("%2F%2Fevil.example")],
    [42],
    [null],
  ])("refuses %j", (to) => {
    expect(safeRedirect(to, "/")).toBe("/");
  });

  it.each([
    ["/", "/"],
    ["/applications?status=submitted#top", "/applications?status=submitted#top"],
    ["/calls/3/edit", "/calls/3/edit"],
    // Still encoded, these are paths on our own site, not another host.
    ["/%09/evil.example", "/%09/evil.example"],
    ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
    ["/%5C%5Cevil.example", "/%5C%5Cevil.example"],
    ["/a/../calls", "/calls"],
    ["/ /evil.example", "/%20/evil.example"],
  ])("keeps %j on our own origin", (to, expected) => {
    expect(safeRedirect(to)).toBe(expected);
  });

  it("never returns anything a browser resolves to another origin", () => {
    const tries = ["//x.example", "/\t/x.example", "/%09/x.example", "/\\x.example", "/.//x.example", "/%2e%2e//x.example", "/%2e/%2e//x.example"];
    for (const t of tries) expect(followed(safeRedirect(t)).origin).toBe(app);
  });
});
