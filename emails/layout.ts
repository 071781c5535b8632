// Shared frame for every e-mail: Danish, plain text and HTML from the same parts.
export type RenderedEmail = { subject: string; text: string; html: string };

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export type EmailPart = string | { link: string; label: string };

/** Paragraphs of text and links, rendered to both formats. */
export function composeEmail(subject: string, greeting: string, parts: EmailPart[]): RenderedEmail {
  const footer = "Venlig hilsen\nPuljeportal, Social- og Boligministeriet\n\nDenne e-mail er sendt automatisk og kan ikke besvares.";
  const text = [greeting, ...parts.map((p) => (typeof p === "string" ? p : `${p.label}:\n${p.link}`)), footer].join(
    "\n\n",
  );
  const body = [greeting, ...parts]
    .map((p) =>
      typeof p === "string"
        ? `<p>${esc(p).replace(/\n/g, "<br>")}</p>`
        : `<p><a href="${esc(p.link)}">${esc(p.label)}</a></p>`,
    )
    .join("\n");
  const html = `<!DOCTYPE html><html lang="da"><head><meta charset="utf-8"><title>${esc(subject)}</title></head>
<body style="font-family: Arial, sans-serif; font-size: 16px; color: #1a1a1a; max-width: 640px">
${body}
<p>${esc(footer).replace(/\n/g, "<br>")}</p>
</body></html>`;
  return { subject, text, html };
}
