// The application form's first load does not carry zod or the form's schemas (decision 039):
// they load when the user enters the form. Read from the build's Remix manifest: the files the
// page modulepreloads (entry, root and the route with their static imports) hold no zod code
// and no message of the application schema; the route imports a chunk that does, lazily.
// A static import of application-schema.ts (or of anything that brings zod) from the form's
// components puts them back in the manifest and fails here.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";

type ManifestEntry = { module: string; imports?: string[] };
type Manifest = { entry: ManifestEntry; routes: Record<string, ManifestEntry> };

const CLIENT = path.join("build", "client");
const FORM_ROUTE = "routes/applications.$applicationId._index";
// zod names each of its classes with a string ("$ZodType", "$ZodCheck", "$ZodError"):
// minifying keeps them, so they mark every chunk that holds zod's code.
const ZOD_MARKER = /"\$Zod[A-Z][A-Za-z]*"/;
// A message only the application's submit schema has.
const SCHEMA_MARKER = "Vælg mindst ét af de fire temaer.";

function readManifest(): Manifest {
  const dir = path.join(CLIENT, "assets");
  const file = readdirSync(dir).find((f) => /^manifest-[\w-]+\.js$/.test(f));
  expect(file, "no Remix manifest under build/client/assets: run npm run build").toBeTruthy();
  const text = readFileSync(path.join(dir, file!), "utf8");
  return JSON.parse(text.replace(/^window\.__remixManifest=/, "").replace(/;\s*$/, "")) as Manifest;
}

const source = (url: string) => readFileSync(path.join(CLIENT, url), "utf8");

test("the application form's first load holds neither zod nor the application schema", () => {
  const manifest = readManifest();
  const route = manifest.routes[FORM_ROUTE];
  expect(route, `${FORM_ROUTE} is not in the manifest`).toBeTruthy();
  const initial = [
    ...new Set(
      [manifest.entry, manifest.routes.root!, route!].flatMap((m) => [m.module, ...(m.imports ?? [])]),
    ),
  ];
  const withZod = initial.filter((url) => ZOD_MARKER.test(source(url)));
  const withSchema = initial.filter((url) => source(url).includes(SCHEMA_MARKER));
  expect(withZod, "files the form page modulepreloads that hold zod").toEqual([]);
  expect(withSchema, "files the form page modulepreloads that hold the application schema").toEqual([]);

  // The schema is still shipped, as a chunk the route imports on demand.
  const lazy = [...source(route!.module).matchAll(/import\("\.\/([\w.-]+\.js)"\)/g)].map((m) => `/assets/${m[1]}`);
  expect(lazy.some((url) => source(url).includes(SCHEMA_MARKER)), `lazy chunks of the form route: ${lazy.join(", ")}`).toBe(true);
});
