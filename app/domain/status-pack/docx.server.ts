// The status pack as a Word document (DOCX), editable by the ministry: real headings
// (Overskrift 1/2, so Word's navigation and table of contents work), real tables with a
// repeated header row, Danish language, the "as of" line under the title and in the footer.
// The words and numbers come from the document model; this file only lays them out.
import type { PackTable, StatusPackDocument } from "./model";

// Arial: on every Windows and Mac, and metric-compatible Liberation Sans stands in on Linux
// (LibreOffice put the much wider DejaVu Sans in for Calibri, and the tables wrapped).
const FONT = "Arial";
/** A4 (11906 twips) less two margins of 1,8 cm (1021 twips). */
const MARGIN = 1021;
const TEXT_WIDTH = 11906 - 2 * MARGIN;

export async function renderStatusPackDocx(d: StatusPackDocument): Promise<Buffer> {
  // Loaded on first use: packs are rare, server start-up is not.
  const {
    AlignmentType,
    BorderStyle,
    Document,
    Footer,
    HeadingLevel,
    Packer,
    PageNumber,
    Paragraph,
    Table,
    TableCell,
    TableLayoutType,
    TableRow,
    TextRun,
    WidthType,
  } = await import("docx");

  const p = (text: string, opts: { bold?: boolean; size?: number; after?: number } = {}) =>
    new Paragraph({ spacing: { after: opts.after ?? 120 }, children: [new TextRun({ text, bold: opts.bold, size: opts.size })] });

  const border = { style: BorderStyle.SINGLE, size: 4, color: "999999" };
  const table = (t: PackTable) => {
    const total = t.columns.reduce((s, c) => s + c.width, 0);
    // Fixed widths in twips (Word and LibreOffice both honour these; percentages they autofit).
    const widths = t.columns.map((c) => Math.floor((c.width / total) * TEXT_WIDTH));
    const size = t.columns.length > 6 ? 15 : 18;
    const cell = (text: string, i: number, header: boolean, bold = header) =>
      new TableCell({
        width: { size: widths[i]!, type: WidthType.DXA },
        shading: header ? { fill: "E6E6E6" } : undefined,
        margins: { top: 30, bottom: 30, left: 60, right: 60 },
        children: [
          new Paragraph({
            alignment: t.columns[i]!.numeric && !header ? AlignmentType.RIGHT : AlignmentType.LEFT,
            children: [new TextRun({ text, bold, size })],
          }),
        ],
      });
    const rows = [
      new TableRow({ tableHeader: true, cantSplit: true, children: t.columns.map((c, i) => cell(c.header, i, true)) }),
      ...t.rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c, i) => cell(c.text, i, false)) })),
    ];
    if (t.totals) rows.push(new TableRow({ cantSplit: true, children: t.totals.map((c, i) => cell(c.text, i, false, true)) }));
    return new Table({
      width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
      rows,
    });
  };

  const children: (InstanceType<typeof Paragraph> | InstanceType<typeof Table>)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun({ text: d.title })] }),
    p(d.subtitle, { size: 24 }),
    p(d.asOfLine, { bold: true, after: 240 }),
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun({ text: "Sammenfatning" })] }),
    ...d.summary.map((s) => p(s)),
  ];
  for (const section of d.sections) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun({ text: section.heading })] }));
    for (const para of section.paragraphs) children.push(p(para));
    for (const t of section.tables) {
      children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, keepNext: true, children: [new TextRun({ text: t.caption })] }));
      children.push(table(t));
      children.push(p("", { after: 120 }));
    }
  }

  const doc = new Document({
    creator: "Puljeportal",
    title: d.title,
    description: `${d.subtitle}. ${d.asOfLine}.`,
    styles: {
      default: { document: { run: { font: FONT, size: 20, language: { value: "da-DK" } } } },
    },
    sections: [
      {
        properties: {
          page: { size: { width: 11906, height: 16838 }, margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN } },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [
                  new TextRun({ text: `${d.footer} · Side `, size: 16 }),
                  new TextRun({ children: [PageNumber.CURRENT], size: 16 }),
                  new TextRun({ text: " af ", size: 16 }),
                  new TextRun({ children: [PageNumber.TOTAL_PAGES], size: 16 }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
