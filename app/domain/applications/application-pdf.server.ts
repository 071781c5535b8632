// A PDF copy of the application (receipt mail and /applications/:id/pdf). Noto Sans is
// embedded (subset) because pdfkit's built-in fonts encode WinAnsi only and destroy
// names such as "Ayşe Yılmaz"; the document is tagged (headings, paragraphs, table)
// with its title and language set, and every page carries the reference and "Side n af m".
// Why: docs/decisions (PDF documents).
import { formatDateTime, formatDeadline, formatQuarter } from "~/utils/dates";
import { formatOre } from "~/utils/money";
import { openTaggedPdf, PDF_BOLD, PDF_REGULAR } from "~/utils/pdf-document.server";
import { themeLabels } from "./application-schema";
import { totalsOf, type BudgetLine } from "./budget";
import { statusLabelFor } from "./status";
import type { ApplicationDetail } from "./applications.server";

export type ApplicationPdfInput = Pick<
  ApplicationDetail,
  "application" | "call" | "municipalityName" | "categories" | "quarters" | "grid" | "budget" | "attachments" | "submittedByName"
> & { reference: string; /** Whose copy: decides the status label (policy's audienceOf). */ audience: string };

const MARGIN = 50;
const REGULAR = PDF_REGULAR;
const BOLD = PDF_BOLD;

type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;

export async function renderApplicationPdf(d: ApplicationPdfInput): Promise<Uint8Array<ArrayBuffer>> {
  const a = d.application;
  const title = `Ansøgning ${d.reference} – ${d.municipalityName}`;
  const { doc, root, width, block, finish } = await openTaggedPdf({ margin: MARGIN, title, author: "Puljeportal", subject: d.call.title });
  const heading = (t: string) =>
    block("H2", () => {
      doc.moveDown(0.8).font(BOLD).fontSize(12).text(t, MARGIN, doc.y, { width });
      doc.moveDown(0.2);
    });
  const paragraph = (t: string) => block("P", () => doc.font(REGULAR).fontSize(10).text(t || "–", MARGIN, doc.y, { width }));
  const field = (label: string, value: string) =>
    block("P", () => {
      doc.font(BOLD).fontSize(10).text(`${label}: `, MARGIN, doc.y, { continued: true, width });
      doc.font(REGULAR).text(value || "–", { width });
    });

  block("H1", () => doc.font(BOLD).fontSize(18).text(`Ansøgning fra ${d.municipalityName}`, MARGIN, doc.y, { width }));
  block("P", () => {
    doc.font(REGULAR).fontSize(11).text(d.call.title, MARGIN, doc.y, { width });
    doc.moveDown(0.5);
  });
  field("Referencenummer", d.reference);
  field("Status", statusLabelFor(a.status, d.audience));
  field("Ansøgningsfrist", formatDeadline(d.call.deadline));
  if (a.submittedAt) field("Indsendt", `${formatDateTime(a.submittedAt)}${d.submittedByName ? ` af ${d.submittedByName}` : ""}`);

  heading("Kontaktperson");
  field("Navn", a.contactName);
  field("E-mail", a.contactEmail);
  field("Telefon", a.contactPhone);
  field("Underskriftsberettiget", [a.signatoryName, a.signatoryTitle].filter(Boolean).join(", "));

  heading("Temaer");
  paragraph(a.themes.map((t) => themeLabels[t as keyof typeof themeLabels] ?? t).join(", "));
  heading("Beskrivelse af udfordringen");
  paragraph(a.challenge);
  heading("Planlagte aktiviteter");
  paragraph(a.activities);
  heading("Forventet effekt");
  paragraph(a.expectedEffect);

  heading("Budget (kr.)");
  budgetTable(doc, root, d, width);
  if (d.call.maxAmountOre !== null) {
    block("P", () => doc.moveDown(0.3).font(REGULAR).fontSize(10).text(`Der kan højst søges ${formatOre(d.call.maxAmountOre!)}`, MARGIN, doc.y, { width }));
  }

  heading("Bilag");
  paragraph(d.attachments.length ? d.attachments.map((f) => f.filename).join("\n") : "Ingen bilag");

  block("P", () =>
    doc.moveDown(2).font(REGULAR).fontSize(8).fillColor("#555555").text(`Udskrevet fra Puljeportal ${formatDateTime(new Date())}`, MARGIN, doc.y, { width }),
  );
  return finish(`Ansøgning ${d.reference}`);
}

// Rows are quarters and columns the cost categories, so eight quarters fit on A4 portrait.
function budgetTable(doc: Doc, root: Struct, d: ApplicationPdfInput, width: number) {
  const totals = totalsOf(d.grid, d.budget as BudgetLine[]);
  const amounts = new Map(d.budget.map((l) => [`${l.categoryId}:${l.quarter}`, l.amountOre]));
  const labelWidth = 70;
  const cols = d.categories.length + 1;
  const colWidth = (width - labelWidth) / cols;
  const fontSize = cols > 6 ? 7 : 8;
  const money = (v: bigint) => formatOre(v, { suffix: false });
  const table = doc.struct("Table");
  root.add(table);

  const headerValues = [...d.categories.map((c) => c.label), "I alt"];
  const row = (label: string, values: string[], header = false, bold = header): void => {
    doc.font(bold ? BOLD : REGULAR).fontSize(fontSize);
    const heights = [label, ...values].map((v, i) => doc.heightOfString(v, { width: i === 0 ? labelWidth - 4 : colWidth - 4 }));
    const h = Math.max(...heights) + 6;
    if (doc.y + h > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      // A table that runs onto the next page repeats its header row there.
      if (!header) {
        row("Kvartal", headerValues, true);
        doc.font(bold ? BOLD : REGULAR).fontSize(fontSize);
      }
    }
    const y = doc.y;
    const tr = doc.struct("TR");
    table.add(tr);
    const cellType = header ? "TH" : "TD";
    // The row label heads its row (a TH), the header row heads the columns.
    tr.add(doc.struct("TH", {}, () => doc.text(label, MARGIN, y + 3, { width: labelWidth - 4 })));
    values.forEach((v, i) => {
      tr.add(doc.struct(cellType, {}, () => doc.text(v, MARGIN + labelWidth + i * colWidth, y + 3, { width: colWidth - 4, align: "right" })));
    });
    tr.end();
    doc.markContent("Artifact");
    doc.moveTo(MARGIN, y + h).lineTo(MARGIN + width, y + h).lineWidth(0.5).strokeColor("#999999").stroke();
    doc.endMarkedContent();
    doc.x = MARGIN;
    doc.y = y + h;
  };

  row("Kvartal", headerValues, true);
  for (const q of d.quarters) {
    const values = d.categories.map((c) => money(amounts.get(`${c.id}:${q}`) ?? 0n));
    row(formatQuarter(q), [...values, money(totals.byQuarter.get(q) ?? 0n)]);
  }
  row("I alt", [...d.categories.map((c) => money(totals.byCategory.get(c.id) ?? 0n)), money(totals.total)], false, true);
  table.end();
}
