// The status pack as PDF: pdfkit with the embedded Noto Sans, tagged (H1, H2, P, Table),
// title and language set, "<title> · Opgjort pr. … · Side n af m" on every page, as the
// decision letters (decision 009). The words and numbers come from the document model.
import { openTaggedPdf, PDF_BOLD, PDF_REGULAR } from "~/utils/pdf-document.server";
import type { PackTable, StatusPackDocument } from "./model";

const MARGIN = 48;

export async function renderStatusPackPdf(d: StatusPackDocument): Promise<Uint8Array<ArrayBuffer>> {
  const { doc, root, width, block, finish } = await openTaggedPdf({ margin: MARGIN, title: d.title, author: "Puljeportal", subject: d.subtitle });
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  // A heading keeps with what follows: the new page comes before its tag opens, since a page
  // added inside a tag starts with the tag's end and not its start (poppler: "Mismatched EMC").
  const keepWithNext = (room: number) => {
    if (doc.y + room > bottom()) doc.addPage();
  };
  const h1 = (t: string, size = 13) => {
    keepWithNext(60);
    block("H1", () => {
      doc.moveDown(0.6).font(PDF_BOLD).fontSize(size).fillColor("#000000").text(t, MARGIN, doc.y, { width });
      doc.moveDown(0.2);
    });
  };
  const h2 = (t: string) => {
    keepWithNext(50);
    block("H2", () => {
      doc.moveDown(0.4).font(PDF_BOLD).fontSize(10.5).fillColor("#000000").text(t, MARGIN, doc.y, { width });
      doc.moveDown(0.2);
    });
  };
  const p = (t: string, o: { bold?: boolean; size?: number } = {}) =>
    block("P", () => {
      doc.font(o.bold ? PDF_BOLD : PDF_REGULAR).fontSize(o.size ?? 10).fillColor("#000000").text(t, MARGIN, doc.y, { width });
      doc.moveDown(0.35);
    });

  h1(d.title, 17);
  p(d.subtitle, { size: 11 });
  p(d.asOfLine, { bold: true });
  h1("Sammenfatning");
  for (const s of d.summary) p(s);
  for (const section of d.sections) {
    h1(section.heading);
    for (const para of section.paragraphs) p(para);
    for (const t of section.tables) {
      h2(t.caption);
      drawTable(doc, root, width, t);
    }
  }
  return finish(`${d.title} · ${d.asOfLine}`);
}

function drawTable(doc: PDFKit.PDFDocument, root: PDFKit.PDFStructureElement, width: number, t: PackTable) {
  const table = doc.struct("Table");
  root.add(table);
  const total = t.columns.reduce((s, c) => s + c.width, 0);
  const cols = t.columns.map((c) => (c.width / total) * width);
  const size = t.columns.length > 6 ? 7.5 : 8.5;
  const pad = 3;
  const heightOf = (cells: string[], bold: boolean) => {
    doc.font(bold ? PDF_BOLD : PDF_REGULAR).fontSize(size);
    return Math.max(...cells.map((c, i) => doc.heightOfString(c || " ", { width: cols[i]! - 2 * pad }))) + 2 * pad;
  };
  const row = (cells: string[], header: boolean, bold = header) => {
    const h = heightOf(cells, bold);
    if (doc.y + h > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      if (!header) row(t.columns.map((c) => c.header), true);
    }
    const y = doc.y;
    if (header) {
      doc.markContent("Artifact");
      doc.rect(MARGIN, y, width, h).fill("#E6E6E6");
      doc.endMarkedContent();
    }
    const tr = doc.struct("TR");
    table.add(tr);
    let x = MARGIN;
    cells.forEach((c, i) => {
      const cx = x;
      const right = t.columns[i]!.numeric && !header;
      tr.add(
        doc.struct(header ? "TH" : "TD", {}, () =>
          doc
            .font(bold ? PDF_BOLD : PDF_REGULAR)
            .fontSize(size)
            .fillColor("#000000")
            .text(c, cx + pad, y + pad, { width: cols[i]! - 2 * pad, align: right ? "right" : "left" }),
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
  row(t.columns.map((c) => c.header), true);
  for (const r of t.rows) row(r.map((c) => c.text), false);
  if (t.totals) row(t.totals.map((c) => c.text), false, true);
  table.end();
  doc.moveDown(0.6);
}
