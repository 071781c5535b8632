import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PLEX_LATIN1_RANGE, plexLatin1Source } from "../../scripts/lib/plex-fonts";

// fontkit comes with pdfkit (the PDFs); untyped, and only its cmap is needed here.
const fontkit = createRequire(import.meta.url)("fontkit") as { openSync(file: string): { characterSet: number[] } };
const dkfdsCss = path.resolve("node_modules/dkfds/dist/css");
const faces = readFileSync(path.join(dkfdsCss, "dkfds.min.css"), "utf8").match(/@font-face\s*\{[^}]*IBM Plex Sans[^}]*\}/g) ?? [];

function rangeOf(file: string) {
  const codes = [...fontkit.openSync(file).characterSet].filter((c) => c !== 0xffff).sort((a, b) => a - b);
  const hex = (c: number) => "U+" + c.toString(16).toUpperCase().padStart(4, "0");
  const parts: string[] = [];
  for (let i = 0; i < codes.length; ) {
    let j = i;
    while (j + 1 < codes.length && codes[j + 1] === codes[j]! + 1) j++;
    parts.push(i === j ? hex(codes[i]!) : `${hex(codes[i]!)}-${hex(codes[j]!).slice(2)}`);
    i = j + 1;
  }
  return parts.join(", ");
}

describe("IBM Plex Sans as its Latin-1 cut", () => {
  it("finds dkfds' Plex faces", () => {
    expect(faces.length).toBeGreaterThanOrEqual(8);
  });

  it("gives every face an existing Latin1 woff2 whose characters are exactly the unicode-range", () => {
    for (const face of faces) {
      const src = /src:([^;}]*)/.exec(face)![1]!;
      const latin1 = plexLatin1Source(src);
      expect(latin1, face).not.toBeNull();
      const file = path.join(dkfdsCss, /url\(([^)]*)\)/.exec(latin1!)![1]!);
      expect(existsSync(file), file).toBe(true);
      expect(rangeOf(file)).toBe(PLEX_LATIN1_RANGE);
    }
  });

  it("covers Danish text", () => {
    const text = "Æbleøl på Åbenrå — “citat” – ‘x’ … 1.000 € é ü ½";
    const ranges = PLEX_LATIN1_RANGE.split(", ").map((r) => r.slice(2).split("-").map((h) => parseInt(h, 16)));
    for (const ch of text) {
      const c = ch.codePointAt(0)!;
      expect(ranges.some(([lo, hi]) => c >= lo! && c <= (hi ?? lo!)), ch).toBe(true);
    }
  });
});
