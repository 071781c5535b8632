// The application PDF read back with poppler (pdftotext), as a reader's program sees it:
// names outside Latin-1 intact, the reference and page numbers on every page, title,
// language and tags set. .ci/run installs poppler-utils.
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { renderApplicationPdf, type ApplicationPdfInput } from "~/domain/applications/application-pdf.server";
import { quartersBetween } from "~/utils/dates";

function input(overrides: { challenge?: string } = {}): ApplicationPdfInput {
  const quarters = quartersBetween("2023-01-01", "2024-12-31");
  const categories = [
    { id: 1, label: "Vikardækning" },
    { id: 2, label: "Efteruddannelse" },
  ];
  return {
    reference: "PP-2026-0007",
    municipalityName: "Ærø Kommune",
    submittedByName: "Ayşe Yılmaz",
    call: { title: "Ekstra hjælp til kommuner med mange børnesager", deadline: new Date("2022-11-07T11:00:00Z"), maxAmountOre: 300_000_000n },
    application: {
      status: "submitted",
      submittedAt: new Date("2026-11-02T09:30:00Z"),
      contactName: "Ayşe Yılmaz",
      contactEmail: "ayse@aeroe.dk",
      contactPhone: "+45 12 34 56 78",
      themes: ["udredning", "inddragelse"],
      challenge: overrides.challenge ?? "Mange sager – „for få“ hænder. Œuvre, Łódź, Ğ, €.",
      activities: "Sagsgennemgang og supervision.",
      expectedEffect: "Færre skift af sagsbehandler.",
    },
    categories,
    quarters,
    grid: { categoryIds: categories.map((c) => c.id), quarters },
    budget: quarters.map((quarter) => ({ categoryId: 1, quarter, amountOre: 12_500_000n })),
    attachments: [{ filename: "Budget 2023.pdf" }],
  } as unknown as ApplicationPdfInput;
}

function pdftotext(pdf: Uint8Array, ...args: string[]) {
  return execFileSync("pdftotext", [...args, "-", "-"], { input: pdf }).toString("utf8");
}

describe("application PDF", () => {
  it("prints names outside Latin-1 as they are (embedded Unicode font)", async () => {
    const pdf = await renderApplicationPdf(input());
    const text = pdftotext(pdf);
    expect(text).toContain("Ayşe Yılmaz");
    expect(text).toContain("Ansøgning fra Ærø Kommune");
    expect(text).toContain("„for få“");
    expect(text).toContain("Œuvre, Łódź, Ğ, €");
    const fonts = execFileSync("pdffonts", ["-"], { input: pdf }).toString();
    expect(fonts).toMatch(/\+NotoSans-Regular\s+CID TrueType\s+Identity-H\s+yes yes/);
    expect(fonts).not.toMatch(/Helvetica/);
  });

  it("carries the reference and 'Side n af m' on every page", async () => {
    const pdf = await renderApplicationPdf(input({ challenge: "Et langt afsnit om udfordringen. ".repeat(400) }));
    const pages = pdftotext(pdf, "-layout").split("\f").filter((p) => p.trim() !== "");
    expect(pages.length).toBeGreaterThanOrEqual(3);
    pages.forEach((page, i) => {
      expect(page).toContain(`Ansøgning PP-2026-0007 · Side ${i + 1} af ${pages.length}`);
    });
  });

  it("sets the title and language, and is tagged", async () => {
    const pdf = await renderApplicationPdf(input());
    const info = execFileSync("pdfinfo", ["-"], { input: pdf }).toString();
    expect(info).toMatch(/^Title:\s+Ansøgning PP-2026-0007 – Ærø Kommune$/m);
    expect(info).toMatch(/^Tagged:\s+yes$/m);
    const raw = Buffer.from(pdf).toString("latin1");
    expect(raw).toContain("/Lang (da-DK)");
    expect(raw).toMatch(/\/DisplayDocTitle true/);
    for (const tag of ["/H1", "/H2", "/Table", "/TR", "/TH", "/TD"]) expect(raw).toContain(`/S ${tag}`);
  });
});
