import path from "node:path";
import { vitePlugin as remix } from "@remix-run/dev";
import purgeCss from "@fullhuman/postcss-purgecss";
import type { Plugin as PostCssPlugin } from "postcss";
import { defineConfig } from "vite";
import remixConfig from "./remix.config.js";

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
    // dkfds lists IBM Plex Sans Regular as eot, woff, woff2, ttf: Chromium fetches the first it
    // can use (woff, 78 KB) instead of woff2 (56 KB). Every browser we support reads woff2;
    // woff stays behind it as the fallback; eot and ttf are no longer asked for.
    root.walkAtRules("font-face", (rule) => {
      rule.walkDecls("src", (decl) => {
        const sources = decl.value.split(/,(?=\s*url\()/);
        const woff2 = sources.filter((s) => /format\(["']?woff2["']?\)/.test(s));
        const woff = sources.filter((s) => /format\(["']?woff["']?\)/.test(s));
        if (woff2.length > 0) decl.value = [...woff2, ...woff].join(",");
      });
    });
  },
};

export default defineConfig(({ mode, command }) => ({
  css: command === "build" ? { postcss: { plugins: [onlyDkfds] } } : undefined,
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
