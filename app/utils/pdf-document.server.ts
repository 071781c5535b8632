// The set-up every PDF shares (decision 009): A4, Noto Sans embedded (pdfkit's built-in
// fonts encode WinAnsi only and destroy names such as "Ayşe Yılmaz"), tagged with title
// and language, pages buffered so "… · Side n af m" can be drawn on each at the end.
import { createRequire } from "node:module";

export const PDF_REGULAR = "NotoSans";
export const PDF_BOLD = "NotoSans-Bold";
const FOOTER_HEIGHT = 24;

const require = createRequire(import.meta.url);
/** The embedded fonts, resolved from the package so the server bundle finds them too. */
export const PDF_FONT_FILES = {
  [PDF_REGULAR]: require.resolve("@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf"),
  [PDF_BOLD]: require.resolve("@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf"),
};

export type PdfBlockType = "H1" | "H2" | "P";

export async function openTaggedPdf(opts: { margin: number; title: string; author: string; subject: string }) {
  // Loaded on first use: PDFs are made by commands, not at server start-up.
  const { default: PDFDocument } = await import("pdfkit");
  const { margin } = opts;
  const doc = new PDFDocument({
    size: "A4",
    // Room at the bottom for the footer, which is drawn after the content.
    margins: { top: margin, left: margin, right: margin, bottom: margin + FOOTER_HEIGHT },
    lang: "da-DK",
    pdfVersion: "1.7",
    tagged: true,
    displayTitle: true,
    bufferPages: true,
    info: { Title: opts.title, Author: opts.author, Subject: opts.subject, Creator: "Puljeportal" },
  });
  doc.registerFont(PDF_REGULAR, PDF_FONT_FILES[PDF_REGULAR]);
  doc.registerFont(PDF_BOLD, PDF_FONT_FILES[PDF_BOLD]);
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Uint8Array<ArrayBuffer>>((resolve, reject) => {
    doc.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on("error", reject);
  });
  const root = doc.struct("Document");
  doc.addStructure(root);
  const block = (type: PdfBlockType, draw: () => void) => root.add(doc.struct(type, {}, draw));
  /** Close the structure, put "<footerLabel> · Side n af m" on every page, and give the bytes. */
  const finish = (footerLabel: string) => {
    root.end();
    pageFooters(doc, footerLabel, margin);
    doc.end();
    return done;
  };
  return { doc, root, width: doc.page.width - 2 * margin, block, finish };
}

/** The footer on every page, marked as a page artifact (not content). */
function pageFooters(doc: PDFKit.PDFDocument, label: string, margin: number) {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    // Inside the bottom margin: lift it while drawing, or pdfkit starts a new page.
    doc.page.margins.bottom = 0;
    doc.markContent("Artifact", { type: "Pagination" });
    doc
      .font(PDF_REGULAR)
      .fontSize(8)
      .fillColor("#555555")
      .text(`${label} · Side ${i - range.start + 1} af ${range.count}`, margin, doc.page.height - margin, {
        width: doc.page.width - 2 * margin,
        align: "right",
        lineBreak: false,
      });
    doc.endMarkedContent();
    doc.page.margins.bottom = bottom;
  }
}
