// Where to go after sign-in comes from the URL, so an attacker can choose it. The
// browser, not this code, decides where a Location leads: it drops tabs and
// newlines, reads "\" as "/", and treats "//host" as another site. So the value is
// resolved the way a browser would and kept only if it stays on our origin.
const OWN = "http://puljeportal.invalid";

/** A path on this app's own origin, or the fallback. */
export function safeRedirect(to: unknown, fallback = "/") {
  if (typeof to !== "string" || !to.startsWith("/")) return fallback;
  // Control characters are stripped by browsers (and break the Location header): refuse.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(to)) return fallback;
  let url: URL;
  try {
    url = new URL(to, OWN);
  } catch {
    return fallback;
  }
  if (url.origin !== OWN) return fallback;
  const path = url.pathname + url.search + url.hash;
  // Resolved again, the normalised path must still be ours (e.g. "/.//evil" → "//evil").
  return path.startsWith("//") || new URL(path, OWN).origin !== OWN ? fallback : path;
}
