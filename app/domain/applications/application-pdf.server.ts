// A PDF copy of the application (receipt mail and /applications/:id/pdf). pdfkit's
// built-in Helvetica encodes WinAnsi, which covers æ, ø, å and the Danish quotes.
import { formatDateTime, formatDeadline, formatQuarter } from "~/utils/dates";
import { formatOre } from "~/utils/money";
import { themeLabels } from "./application-schema";
import { totalsOf, type BudgetLine } from "./budget";
import { statusLabels } from "./status";
import type { ApplicationDetail } from "./applications.server";

export type ApplicationPdfInput = Pick<
  ApplicationDetail,
  "application" | "call" | "municipalityName" | "categories" | "quarters" | "grid" | "budget" | "attachments" | "submittedByName"
> & { reference: string };

const MARGIN = 50;

export async function renderApplicationPdf(d: ApplicationPdfInput): Promise<Uint8Array<ArrayBuffer>> {
  // Loaded on first use: PDFs are made at submission, not at server start-up.
  const { default: PDFDocument } = await import("pdfkit");
  const a = d.application;
  const doc = new PDFDocument({
    size: "A4",
    margin: MARGIN,
    lang: "da-DK",
    info: { Title: `Ansøgning ${d.reference} – ${d.municipalityName}`, Author: "Puljeportal", Subject: d.call.title },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Uint8Array<ArrayBuffer>>((resolve, reject) => {
    doc.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on("error", reject);
  });

  const width = doc.page.width - 2 * MARGIN;
  const heading = (t: string) => {
    doc.moveDown(0.8).font("Helvetica-Bold").fontSize(12).text(t, { width });
    doc.moveDown(0.2).font("Helvetica").fontSize(10);
  };
  const field = (label: string, value: string) => {
    doc.font("Helvetica-Bold").fontSize(10).text(`${label}: `, { continued: true, width });
    doc.font("Helvetica").text(value || "–", { width });
  };

  doc.font("Helvetica-Bold").fontSize(18).text(`Ansøgning fra ${d.municipalityName} Kommune`, { width });
  doc.font("Helvetica").fontSize(11).text(d.call.title, { width });
  doc.moveDown(0.5).fontSize(10);
  field("Referencenummer", d.reference);
  field("Status", statusLabels[a.status]);
  field("Ansøgningsfrist", formatDeadline(d.call.deadline));
  if (a.submittedAt) field("Indsendt", `${formatDateTime(a.submittedAt)}${d.submittedByName ? ` af ${d.submittedByName}` : ""}`);

  heading("Kontaktperson");
  field("Navn", a.contactName);
  field("E-mail", a.contactEmail);
  field("Telefon", a.contactPhone);

  heading("Temaer");
  doc.text(a.themes.length ? a.themes.map((t) => themeLabels[t as keyof typeof themeLabels] ?? t).join(", ") : "–", { width });
  heading("Beskrivelse af udfordringen");
  doc.text(a.challenge || "–", { width });
  heading("Planlagte aktiviteter");
  doc.text(a.activities || "–", { width });
  heading("Forventet effekt");
  doc.text(a.expectedEffect || "–", { width });

  heading("Budget (kr.)");
  budgetTable(doc, d, width);
  if (d.call.maxAmountOre !== null) doc.moveDown(0.3).text(`Der kan højst søges ${formatOre(d.call.maxAmountOre)}`, MARGIN, doc.y, { width });

  heading("Bilag");
  doc.text(d.attachments.length ? d.attachments.map((f) => f.filename).join("\n") : "Ingen bilag", MARGIN, doc.y, { width });

  doc.moveDown(2).fontSize(8).fillColor("#555555").text(`Udskrevet fra Puljeportal ${formatDateTime(new Date())}.`, MARGIN, doc.y, { width });
  doc.end();
  return done;
}

// Rows are quarters and columns the cost categories, so eight quarters fit on A4 portrait.
function budgetTable(doc: PDFKit.PDFDocument, d: ApplicationPdfInput, width: number) {
  const totals = totalsOf(d.grid, d.budget as BudgetLine[]);
  const cell = new Map(d.budget.map((l) => [`${l.categoryId}:${l.quarter}`, l.amountOre]));
  const labelWidth = 70;
  const cols = d.categories.length + 1;
  const colWidth = (width - labelWidth) / cols;
  const fontSize = cols > 6 ? 7 : 8;
  const money = (v: bigint) => formatOre(v, { suffix: false });

  const row = (label: string, values: string[], bold = false) => {
    doc.font(bold ? "Helvetica-Bold" : "Helvetica").fontSize(fontSize);
    const heights = [label, ...values].map((v, i) => doc.heightOfString(v, { width: i === 0 ? labelWidth - 4 : colWidth - 4 }));
    const h = Math.max(...heights) + 6;
    if (doc.y + h > doc.page.height - MARGIN) doc.addPage();
    const y = doc.y;
    doc.text(label, MARGIN, y + 3, { width: labelWidth - 4 });
    values.forEach((v, i) => {
      doc.text(v, MARGIN + labelWidth + i * colWidth, y + 3, { width: colWidth - 4, align: "right" });
    });
    doc.moveTo(MARGIN, y + h).lineTo(MARGIN + width, y + h).lineWidth(0.5).strokeColor("#999999").stroke();
    doc.x = MARGIN;
    doc.y = y + h;
  };

  row("Kvartal", [...d.categories.map((c) => c.label), "I alt"], true);
  for (const q of d.quarters) {
    const values = d.categories.map((c) => money(cell.get(`${c.id}:${q}`) ?? 0n));
    row(formatQuarter(q), [...values, money(totals.byQuarter.get(q) ?? 0n)]);
  }
  row("I alt", [...d.categories.map((c) => money(totals.byCategory.get(c.id) ?? 0n)), money(totals.total)], true);
}
