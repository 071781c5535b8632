// A stored PDF as a download: the bytes as they were sent, never cached by a shared cache.
export function letterResponse(letter: { filename: string; pdf: Uint8Array; sha256: string }) {
  const body = new Uint8Array(letter.pdf);
  return new Response(body, {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Length": String(body.byteLength),
      // The stored names are ASCII ("tilsagnsbrev-PP-2022-0007.pdf").
      "Content-Disposition": `attachment; filename="${letter.filename.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
      ETag: `"${letter.sha256}"`,
    },
  });
}
