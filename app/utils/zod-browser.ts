// zod compiles object parsers with `new Function` when it may. The page's CSP has no
// 'unsafe-eval', so in the browser zod's probe for it is refused and Chromium records a CSP
// issue on the page (Lighthouse's best-practices score counts it). The browser parses small
// forms: no compiling there (`jitless`); the server keeps the fast path.
// zod keeps its settings on globalThis.__zod_globalConfig (created when zod loads, kept if it
// exists; zod-browser.test.ts holds zod to that), so this needs no zod code: importing zod's
// `config` here would add ~4 KB gzip to every page, zod-free ones included. Imported by
// root.tsx, the first route module the browser evaluates, before any page builds a schema.
type ZodGlobal = { __zod_globalConfig?: { jitless?: boolean } };

export function disableZodCompilerInBrowser() {
  if (typeof document === "undefined") return;
  const g = globalThis as ZodGlobal;
  (g.__zod_globalConfig ??= {}).jitless = true;
}

disableZodCompilerInBrowser();
