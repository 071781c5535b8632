// Award letter (tilsagnsbrev) and rejection letter (afslag) as PDF: pdfkit with the
// embedded Noto Sans, tagged (H1, H2, P, L/LI, Table), title and language set, and
// "Tilsagnsbrev PP-… · Side n af m" on every page, as the application PDF (decision 009).
// The words come from letter-content.ts; this file only lays them out.
import { formatDate, formatLongDate } from "~/utils/dates";
import { formatOre } from "~/utils/money";
import { openTaggedPdf, PDF_BOLD, PDF_REGULAR } from "~/utils/pdf-document.server";
import {
  awardSummary,
  LETTERHEAD,
  quarterLabel,
  rejectionSummary,
  standardConditions,
  type AwardLetterData,
  type RejectionLetterData,
} from "./letter-content";

const MARGIN = 56;
const REGULAR = PDF_REGULAR;
const BOLD = PDF_BOLD;

type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;

type Writer = {
  doc: Doc;
  root: Struct;
  width: number;
  h1: (t: string) => void;
  h2: (t: string) => void;
  p: (t: string, opts?: { bold?: boolean; size?: number; gap?: number }) => void;
  field: (label: string, value: string) => void;
};

async function letterDocument(title: string, subject: string, footer: string, body: (w: Writer) => void) {
  const { doc, root, width, block, finish } = await openTaggedPdf({ margin: MARGIN, title, author: LETTERHEAD.ministry, subject });
  const w: Writer = {
    doc,
    root,
    width,
    h1: (t) => block("H1", () => doc.moveDown(0.6).font(BOLD).fontSize(15).fillColor("#000000").text(t, MARGIN, doc.y, { width })),
    h2: (t) =>
      block("H2", () => {
        doc.moveDown(0.7).font(BOLD).fontSize(11.5).fillColor("#000000").text(t, MARGIN, doc.y, { width });
        doc.moveDown(0.15);
      }),
    p: (t, o = {}) =>
      block("P", () => {
        doc.font(o.bold ? BOLD : REGULAR).fontSize(o.size ?? 10).fillColor("#000000").text(t, MARGIN, doc.y, { width });
        if (o.gap) doc.moveDown(o.gap);
      }),
    field: (label, value) =>
      block("P", () => {
        doc.font(BOLD).fontSize(10).fillColor("#000000").text(`${label}: `, MARGIN, doc.y, { continued: true, width });
        doc.font(REGULAR).text(value, { width });
      }),
  };
  body(w);
  return finish(footer);
}

function letterhead(w: Writer, recipient: string, reference: string, letterDate: Date) {
  const { doc, width } = w;
  const top = doc.y;
  w.root.add(
    doc.struct("P", {}, () => {
      doc.font(BOLD).fontSize(13).text(LETTERHEAD.ministry, MARGIN, top, { width });
      doc.font(REGULAR).fontSize(9).fillColor("#333333").text(LETTERHEAD.lines.join("\n"), MARGIN, doc.y, { width });
    }),
  );
  doc.markContent("Artifact");
  doc.moveTo(MARGIN, doc.y + 6).lineTo(MARGIN + width, doc.y + 6).lineWidth(0.8).strokeColor("#333333").stroke();
  doc.endMarkedContent();
  doc.y += 18;
  const y = doc.y;
  w.root.add(doc.struct("P", {}, () => doc.font(REGULAR).fontSize(10).fillColor("#000000").text(`Til\n${recipient}`, MARGIN, y, { width: width / 2 })));
  const after = doc.y;
  w.root.add(
    doc.struct("P", {}, () =>
      doc
        .font(REGULAR)
        .fontSize(10)
        .text(`${formatLongDate(letterDate)}\nJournalnr.: ${reference}`, MARGIN + width / 2, y, { width: width / 2, align: "right" }),
    ),
  );
  doc.x = MARGIN;
  doc.y = Math.max(after, doc.y) + 8;
}

export async function renderAwardLetterPdf(d: AwardLetterData): Promise<Uint8Array<ArrayBuffer>> {
  const s = awardSummary(d);
  return letterDocument(`Tilsagnsbrev ${d.reference} – ${d.municipalityOfficialName}`, s.title, `Tilsagnsbrev ${d.reference}`, (w) => {
    letterhead(w, d.municipalityOfficialName, d.reference, d.letterDate);
    w.h1(s.title);
    w.p(d.callTitle, { size: 10, gap: 0.5 });
    w.p(s.intro, { gap: 0.5 });
    w.field("Tilskud", s.amountFigures);
    w.field("Med bogstaver", s.amountWords);
    w.field("Projektperiode", s.period);
    w.field("Referencenummer", d.reference);
    if (s.source) w.p(s.source);

    w.h2("Frister");
    for (const c of standardConditions(d).slice(0, 2)) w.field(c.title, c.text);

    w.h2("Udbetalingsplan");
    w.p("Tilskuddet udbetales kvartalsvis forud efter det budget, der blev godkendt med tilsagnet (budgetversion 1).", { gap: 0.3 });
    planTable(w, d, s.planTotalOre);

    w.h2("Vilkår for tilskuddet");
    const list = w.doc.struct("L");
    w.root.add(list);
    const items = standardConditions(d).slice(2);
    if (d.conditions.trim()) items.push({ title: "Særlige vilkår", text: d.conditions.trim() });
    for (const c of items) {
      list.add(
        w.doc.struct("LI", {}, () => {
          w.doc.moveDown(0.3).font(BOLD).fontSize(10).fillColor("#000000").text(`${c.title}. `, MARGIN, w.doc.y, { continued: true, width: w.width });
          w.doc.font(REGULAR).text(c.text, { width: w.width });
        }),
      );
    }
    list.end();

    w.h2("Accept");
    w.p(
      "Tilsagnet accepteres i Puljeportal under tilsagnet af en bruger fra kommunen. Ved accepten bekræfter kommunen at ville gennemføre projektet på de anførte vilkår.",
    );
    signature(w);
  });
}

export async function renderRejectionLetterPdf(d: RejectionLetterData): Promise<Uint8Array<ArrayBuffer>> {
  const s = rejectionSummary(d);
  return letterDocument(`Afslag ${d.reference} – ${d.municipalityOfficialName}`, s.title, `Afslag ${d.reference}`, (w) => {
    letterhead(w, d.municipalityOfficialName, d.reference, d.letterDate);
    w.h1(s.title);
    w.p(d.callTitle, { size: 10, gap: 0.5 });
    w.field("Referencenummer", d.reference);
    w.p(s.intro, { gap: 0.3 });
    w.h2("Begrundelse");
    w.p(s.reason);
    w.h2("Spørgsmål");
    w.p(s.closing);
    signature(w);
  });
}

function signature(w: Writer) {
  w.p("", { gap: 1 });
  w.p("Med venlig hilsen");
  w.p(LETTERHEAD.ministry, { bold: true });
  w.p("Brevet er dannet i Puljeportal og sendt uden underskrift.", { size: 8 });
}

function planTable(w: Writer, d: AwardLetterData, total: bigint) {
  const { doc, width } = w;
  const table = doc.struct("Table");
  w.root.add(table);
  const cols = [0.45, 0.25, 0.3].map((f) => f * width);
  const row = (cells: string[], header: boolean, bold = header) => {
    doc.font(bold ? BOLD : REGULAR).fontSize(9.5);
    const h = 16;
    if (doc.y + h > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const y = doc.y;
    const tr = doc.struct("TR");
    table.add(tr);
    let x = MARGIN;
    cells.forEach((c, i) => {
      const cx = x;
      tr.add(
        doc.struct(header || i === 0 ? "TH" : "TD", {}, () =>
          doc.fillColor("#000000").text(c, cx, y + 3, { width: cols[i]! - 6, align: i === 0 ? "left" : "right" }),
        ),
      );
      x += cols[i]!;
    });
    tr.end();
    doc.markContent("Artifact");
    doc.moveTo(MARGIN, y + h).lineTo(MARGIN + width, y + h).lineWidth(0.5).strokeColor("#999999").stroke();
    doc.endMarkedContent();
    doc.x = MARGIN;
    doc.y = y + h;
  };
  row(["Kvartal", "Udbetales primo", "Beløb (kr.)"], true);
  for (const r of d.paymentPlan) row([quarterLabel(r.quarter), formatDate(quarterStart(r.quarter)), formatOre(r.amountOre, { suffix: false })], false);
  row(["I alt", "", formatOre(total, { suffix: false })], false, true);
  table.end();
}

/** "2023-Q2" → noon on 1 April 2023 (UTC), the quarter's first day whatever the zone. */
function quarterStart(q: string) {
  const [y, n] = q.split("-Q").map(Number);
  return new Date(Date.UTC(y!, (n! - 1) * 3, 1, 12));
}

