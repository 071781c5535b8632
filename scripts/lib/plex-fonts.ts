// IBM Plex Sans as its Latin-1 cut (decision 037). dkfds' @font-face rules point at the complete
// fonts (57–61 KB woff2 each: Greek, Cyrillic, Vietnamese …); the same package ships IBM's own
// split of every face, and the Latin1 part (17–18 KB) has every letter and mark Danish text uses
// (æ ø å, é ü …, – — “ ” ‘ ’ … €). The build (vite.config.ts) points each face at that part
// and gives it the part's unicode-range, so a character outside it (ł, č, Greek) is drawn by the
// metric-matched fallback face instead (app.css) and never pulls in a bigger file.

/** The characters in IBMPlexSans-*-Latin1.woff2 (its cmap; plex-fonts.test.ts holds it to the files). */
export const PLEX_LATIN1_RANGE =
  "U+0000, U+000D, U+0020-007E, U+00A0-00FF, U+0131, U+0152-0153, U+02C6, U+02DA, U+02DC, U+2013-2014, U+2018-201A, U+201C-201E, U+2020-2022, U+2026, U+2030, U+2039-203A, U+2044, U+20AC, U+2122, U+2212, U+FB01-FB02";

const COMPLETE_WOFF2 = /url\(["']?(\.\.\/fonts\/IBMPlexSans\/)complete\/woff2\/(IBMPlexSans-[A-Za-z]+)\.woff2["']?\)/;

/**
 * The `src` for one of dkfds' IBM Plex Sans faces: the Latin1 part of the same face, as woff2
 * (every browser we support reads it), or null when the declaration names no complete woff2.
 */
export function plexLatin1Source(src: string): string | null {
  const m = COMPLETE_WOFF2.exec(src);
  return m ? `url(${m[1]}split/woff2/${m[2]}-Latin1.woff2) format("woff2")` : null;
}
