// A generated file as a download (never cached by a shared cache), or a plain-text refusal.
export function downloadResponse(file: { ok: true; body: Uint8Array; filename: string; contentType: string } | { ok: false; status: number; message: string }) {
  if (!file.ok) return new Response(file.message, { status: file.status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const body = new Uint8Array(file.body);
  return new Response(body, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Length": String(body.byteLength),
      // The names are ASCII already (exportFileName); anything else is replaced, never sent raw.
      "Content-Disposition": `attachment; filename="${file.filename.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
