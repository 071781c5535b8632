import path from "node:path";
import { vitePlugin as remix } from "@remix-run/dev";
import purgeCss from "@fullhuman/postcss-purgecss";
import type { Plugin as PostCssPlugin } from "postcss";
import { defineConfig } from "vite";
import remixConfig from "./remix.config.js";
import { PLEX_LATIN1_RANGE, plexLatin1Source } from "./scripts/lib/plex-fonts";

// dkfds blocks its dist/ subpaths with "exports"; this alias lets us import its
// stylesheet and fonts as assets (see ../shared/stack-notes.md).
const dkfdsAlias = {
  find: /^dkfds\/dist\/(.*)$/,
  replacement: path.resolve("node_modules/dkfds/dist") + "/$1",
};

// dkfds ships ~290 KB (50 KB gzip) of CSS for every component it has; the app uses a few.
// At build time PurgeCSS keeps the dkfds rules whose classes, tags or attributes occur in
// app/ (its default extractor takes every word of the sources, so class names in maps and
// strings count too), plus a safelist for class names the sources build from parts
// (`alert-${kind}`, `button-${kind}`) and for states dkfds' own JS would set (we ship none of
// it, the safelist is a guard). Our own stylesheets are not touched. Font faces, keyframes
// and custom properties stay. See docs/decisions/ (light pages).
const purgeDkfds = purgeCss({
  content: ["app/**/*.{ts,tsx}"],
  safelist: {
    standard: [/^alert-/, /^button-/, /^form-error/, /^is-/, /^js-/, /^sr-only/],
    deep: [],
    greedy: [],
  },
  // dkfds' icon rules sit on attribute selectors such as [class*=icon-]: keep them judged by
  // the class list, never by a guess at the attribute's value.
  dynamicAttributes: ["aria-expanded", "aria-current", "aria-hidden", "aria-invalid", "aria-disabled", "disabled", "hidden"],
});
const onlyDkfds: PostCssPlugin = {
  postcssPlugin: "purge-dkfds",
  async OnceExit(root, helpers) {
    if (!/node_modules[\\/]dkfds[\\/]/.test(root.source?.input.file ?? "")) return;
    await (purgeDkfds as unknown as { OnceExit: (r: typeof root, h: typeof helpers) => Promise<void> }).OnceExit(root, helpers);
  },
};

// IBM Plex Sans as its Latin-1 cut, woff2 only, with that cut's unicode-range (scripts/lib/
// plex-fonts.ts): 17 KB a face instead of the complete font's 57 KB (dkfds lists eot, woff,
// woff2, ttf of the complete font; decision 029 had only moved woff2 first). In `Once`, before
// Vite's own step turns the url()s into asset references.
const plexLatin1: PostCssPlugin = {
  postcssPlugin: "plex-latin1",
  Once(root) {
    if (!/node_modules[\\/]dkfds[\\/]/.test(root.source?.input.file ?? "")) return;
    root.walkAtRules("font-face", (rule) => {
      let plex = false;
      rule.walkDecls("font-family", (decl) => {
        plex = /^["']?IBM Plex Sans["']?$/.test(decl.value.trim());
      });
      if (!plex) return;
      rule.walkDecls("src", (decl) => {
        const latin1 = plexLatin1Source(decl.value);
        if (latin1 === null) return;
        decl.value = latin1;
        decl.cloneAfter({ prop: "unicode-range", value: PLEX_LATIN1_RANGE });
      });
    });
  },
};

export default defineConfig(({ mode, command }) => ({
  css: command === "build" ? { postcss: { plugins: [plexLatin1, onlyDkfds] } } : undefined,
  resolve: {
    alias: [
      dkfdsAlias,
      { find: /^~\//, replacement: path.resolve("app") + "/" },
      { find: /^#db\//, replacement: path.resolve("db") + "/" },
    ],
  },
  server: { port: 3000 },
  build: { target: "es2022" },
  ssr: { noExternal: [] },
  plugins: mode === "test" || process.env.VITEST ? [] : [remix(remixConfig)],
  test: {
    include: ["app/**/*.test.{ts,tsx}", "tests/integration/**/*.test.ts", "tests/structure/**/*.test.ts", "db/**/*.test.ts"],
    setupFiles: ["./tests/setup/setup-test-env.ts"],
    globalSetup: ["./tests/setup/global-setup.ts"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: "forks",
    reporters: process.env.CI ? ["default", "json"] : ["default"],
    outputFile: { json: `.cache/reports/vitest-${process.env.DATABASE_URL ? "postgres" : "pglite"}.json` },
    fileParallelism: true,
  },
}));
