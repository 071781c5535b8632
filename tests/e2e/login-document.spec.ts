// Decision 036: a signed-out /login is rendered once and served with a fresh nonce per
// response. Over HTTP against the built server: every nonce in the HTML is the one in that
// response's CSP header, no two responses share one, the documents are otherwise the same
// as one rendered for the request alone (a Cookie header that is no session), a query is
// never answered from the shared render, and the page still runs its scripts under the CSP.
import { expect, test, type APIResponse } from "@playwright/test";

async function document(response: APIResponse) {
  expect(response.status()).toBe(200);
  const html = await response.text();
  const csp = response.headers()["content-security-policy"] ?? "";
  const cspNonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  const htmlNonces = [...html.matchAll(/nonce="([^"]*)"/g)].map((m) => m[1]);
  return { html, cspNonce, htmlNonces, withoutNonce: html.replaceAll(cspNonce ?? "\0", "NONCE") };
}

test("each /login response has its own nonce, the same in its CSP header and its HTML", async ({ playwright, baseURL }) => {
  // A fresh client without cookies, like a first visit.
  const api = await playwright.request.newContext({ baseURL });
  const docs = [];
  for (let i = 0; i < 4; i++) docs.push(await document(await api.get("/login")));
  const nonces = docs.map((d) => d.cspNonce);
  for (const d of docs) {
    expect(d.cspNonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(d.htmlNonces.length).toBeGreaterThan(0);
    expect(new Set(d.htmlNonces)).toEqual(new Set([d.cspNonce]));
  }
  expect(new Set(nonces).size).toBe(nonces.length);
  // Otherwise the same document, and the same as one rendered for this request alone.
  const alone = await document(await api.get("/login", { headers: { cookie: "unrelated=1" } }));
  expect(new Set(alone.htmlNonces)).toEqual(new Set([alone.cspNonce]));
  for (const d of docs) expect(d.withoutNonce).toBe(alone.withoutNonce);
  await api.dispose();
});

test("a document is sent with its length, not chunked (uncompressed) — any page, signed in or not", async ({ playwright, baseURL }) => {
  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { "accept-encoding": "identity" } });
  for (const path of ["/login", "/login?reset=1", "/hvem-fik-hvad"]) {
    const response = await api.get(path);
    expect(response.status(), path).toBe(200);
    expect(response.headers()["transfer-encoding"], path).toBeUndefined();
    expect(Number(response.headers()["content-length"]), path).toBe((await response.body()).byteLength);
  }
  await api.dispose();
});

test("a query is never answered from the shared render", async ({ playwright, baseURL }) => {
  const api = await playwright.request.newContext({ baseURL });
  await api.get("/login");
  const reset = await document(await api.get("/login?reset=1"));
  expect(reset.html).toContain("Din adgangskode er ændret");
  const back = await document(await api.get("/login?redirectTo=%2Fapplications"));
  expect(back.html).toContain('value="/applications"');
  const plain = await document(await api.get("/login"));
  expect(plain.html).not.toContain("Din adgangskode er ændret");
  expect(plain.html).not.toContain('value="/applications"');
  await api.dispose();
});

test("the shared /login hydrates under its CSP: the browser's validation runs, no CSP violation", async ({ page }) => {
  const violations: string[] = [];
  const posts: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST") posts.push(r.url());
  });
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  for (let i = 0; i < 2; i++) {
    await page.goto("/login");
    await page.waitForFunction(() => (window as unknown as { __remixRouter?: unknown }).__remixRouter !== undefined);
    await page.getByRole("button", { name: "Log ind" }).click();
    // The hydrated page checks the empty form itself: errors shown, nothing posted.
    await expect(page.locator("[aria-invalid='true']").first()).toBeVisible();
  }
  expect(posts).toEqual([]);
  expect(violations).toEqual([]);
});

// Decision 040: a signed-out GET /login whose document is rendered already skips Remix's handler
// (server/shared-document-fast-path.ts). Its answer must be Remix's own: the same status,
// headers (names, order and values) and document, apart from what is per response anyway —
// the request id, the date, the nonce (and so the compressed length). A Cookie header that is no
// session takes Remix's full path, so it is the reference.
test("the fast path answers exactly as Remix does: same headers and document but the request id and nonce", async ({ playwright, baseURL }) => {
  for (const encoding of ["identity", "gzip", "br", "gzip, deflate, br"]) {
    const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { "accept-encoding": encoding } });
    await api.get("/login"); // rendered once (Remix), then served by the fast path
    const answers = [];
    for (const headers of [{}, { cookie: "unrelated=1" }] as Record<string, string>[]) {
      const response = await api.get("/login", { headers });
      const doc = await document(response);
      const perResponse = new Set(["x-request-id", "date", ...(encoding === "identity" ? [] : ["content-length"])]);
      const headerList = response
        .headersArray()
        .filter((h) => !perResponse.has(h.name.toLowerCase()))
        .map((h) => `${h.name.toLowerCase()}: ${h.value.replaceAll(doc.cspNonce ?? "\0", "NONCE")}`);
      expect(response.headers()["x-request-id"], encoding).toMatch(/^[0-9a-f-]{36}$/);
      answers.push({ status: response.status(), headerList, html: doc.withoutNonce });
    }
    const [fast, remix] = answers;
    expect(fast!.headerList, encoding).toEqual(remix!.headerList);
    expect(fast!.html, encoding).toBe(remix!.html);
    expect(fast!.status).toBe(remix!.status);
    if (encoding !== "identity") expect(fast!.headerList, encoding).toContain(`content-encoding: ${encoding.startsWith("gzip, deflate") ? "br" : encoding}`);
    await api.dispose();
  }
});
