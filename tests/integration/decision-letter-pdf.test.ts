// The award and rejection letters read back with poppler, as a reader's program sees them:
// the amount in figures and in words, æøå intact, the conditions with the pool's own
// thresholds, the payment plan summing to the grant, fonts embedded, tagged, and page 1
// renders (pdftoppm).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { paymentPlanFromBudget, type AwardLetterData } from "~/domain/grants/letters/letter-content";
import { renderAwardLetterPdf, renderRejectionLetterPdf } from "~/domain/grants/letters/letter-pdf.server";
import { quartersBetween } from "~/utils/dates";

function award(overrides: Partial<AwardLetterData> = {}): AwardLetterData {
  const quarters = quartersBetween("2023-01-01", "2024-12-31");
  // 158.888.888 øre over 8 quarters and two categories: not an even split.
  const lines = quarters.flatMap((quarter, i) => [
    { categoryId: 1, quarter, amountOre: 10_000_000n + BigInt(i) },
    { categoryId: 2, quarter, amountOre: 9_861_111n },
  ]);
  const spent = lines.reduce((a, l) => a + l.amountOre, 0n);
  lines[lines.length - 1]!.amountOre += 158_888_888n - spent;
  return {
    reference: "PP-2022-0007",
    letterDate: new Date("2022-12-15T10:00:00Z"),
    municipalityOfficialName: "Ærø Kommune",
    callTitle: "Ekstra hjælp til kommuner med mange børnesager",
    poolName: "Ekstra hjælp til kommuner med mange børnesager",
    financeLine: "§ 15.26.35.10",
    awardedOre: 158_888_888n,
    projectStart: "2023-01-01",
    projectEnd: "2024-12-31",
    acceptanceDeadline: new Date("2022-12-29T22:59:00Z"),
    latestStartOn: "2023-06-15",
    accountsDueOn: "2025-03-31",
    conditions: "Kommunen deltager i de tværkommunale læringsseminarer.",
    reportDueDates: [{ kind: "status_report", dueOn: "2024-01-31", label: "Statusrapport 2023" }],
    pool: { changeApprovalPercent: 15, changeApprovalOre: 20_000_000n, repaymentMinOre: 50_000n },
    paymentPlan: paymentPlanFromBudget(lines),
    ...overrides,
  };
}

const pdftotext = (pdf: Uint8Array) => execFileSync("pdftotext", ["-", "-"], { input: pdf }).toString("utf8");
/** Running text with the line breaks pdftotext puts in long sentences taken out. */
const flat = (text: string) => text.replace(/\s+/g, " ");

describe("award letter PDF (tilsagnsbrev)", () => {
  it("states the amount in figures and in words, the period, recipient and reference", async () => {
    const text = flat(pdftotext(await renderAwardLetterPdf(award())));
    expect(text).toContain("1.588.888,88 kr.");
    expect(text).toContain("én million fem hundrede otteogfirs tusinde otte hundrede otteogfirs kroner og otteogfirs øre");
    expect(text).toContain("Ærø Kommune");
    expect(text).toContain("Social- og Boligministeriet");
    expect(text).toContain("PP-2022-0007");
    expect(text).toContain("1. januar 2023 – 31. december 2024");
    expect(text).toContain("§ 15.26.35.10");
  });

  it("prints the deadlines in Copenhagen time and the conditions with the pool's thresholds", async () => {
    const text = flat(pdftotext(await renderAwardLetterPdf(award())));
    // 22:59 UTC on 29 December is 23:59 in Copenhagen.
    expect(text).toContain("senest 29. december 2022 kl. 23:59");
    expect(text).toContain("påbegyndt senest 15. juni 2023");
    expect(text).toContain("overstiger 15 % af en budgetpost eller 200.000,00 kr.");
    expect(text).toContain("under 500,00 kr. kræves dog ikke tilbagebetalt");
    expect(text).toContain("med revisorerklæring skal være ministeriet i hænde senest 31. marts 2025");
    expect(text).toContain("Statusrapport 2023 senest 31. januar 2024");
    expect(text).toContain("kvartalsvis forud");
    expect(text).toContain("Kommunen deltager i de tværkommunale læringsseminarer.");
  });

  it("shows the quarterly payment plan from the budget, summing to the grant", async () => {
    const text = pdftotext(await renderAwardLetterPdf(award()));
    for (const q of ["1. kvt. 2023", "4. kvt. 2024"]) expect(text).toContain(q);
    expect(text).toContain("198.611,11");
    expect(text).toMatch(/I alt[\s\S]*1\.588\.888,88/);
    const plan = award().paymentPlan;
    expect(plan).toHaveLength(8);
    expect(plan.reduce((a, r) => a + r.amountOre, 0n)).toBe(158_888_888n);
  });

  it("embeds the Unicode font, is tagged with title and language, and page 1 renders", async () => {
    const pdf = await renderAwardLetterPdf(award());
    const fonts = execFileSync("pdffonts", ["-"], { input: pdf }).toString();
    expect(fonts).toMatch(/\+NotoSans-Regular\s+CID TrueType\s+Identity-H\s+yes yes/);
    expect(fonts).not.toMatch(/Helvetica/);
    const info = execFileSync("pdfinfo", ["-"], { input: pdf }).toString();
    expect(info).toMatch(/^Title:\s+Tilsagnsbrev PP-2022-0007 – Ærø Kommune$/m);
    expect(info).toMatch(/^Tagged:\s+yes$/m);
    const raw = Buffer.from(pdf).toString("latin1");
    expect(raw).toContain("/Lang (da-DK)");
    for (const tag of ["/H1", "/H2", "/Table", "/TH", "/TD", "/L", "/LI"]) expect(raw).toContain(`/S ${tag}`);
    const pages = flat(pdftotext(pdf)).match(/Tilsagnsbrev PP-2022-0007 · Side \d af (\d)/);
    expect(pages).not.toBeNull();

    const dir = mkdtempSync(path.join(tmpdir(), "letter-"));
    try {
      execFileSync("pdftoppm", ["-f", "1", "-l", "1", "-r", "50", "-png", "-", path.join(dir, "page")], { input: pdf, stdio: ["pipe", "pipe", "pipe"] });
      const files = readdirSync(dir).filter((f) => f.endsWith(".png"));
      expect(files).toHaveLength(1);
      expect(statSync(path.join(dir, files[0]!)).size).toBeGreaterThan(1000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("rejection letter PDF (afslag)", () => {
  it("gives the reason, recipient and reference with æøå intact", async () => {
    const pdf = await renderRejectionLetterPdf({
      reference: "PP-2022-0011",
      letterDate: new Date("2022-12-15T10:00:00Z"),
      municipalityOfficialName: "Københavns Kommune",
      callTitle: "Ekstra hjælp til kommuner med mange børnesager",
      poolName: "Ekstra hjælp til kommuner med mange børnesager",
      reason: "Kommunens andel af udsatte børn er lavere end de ni kommuner, der fik tilsagn; søg gerne næste runde.",
    });
    const text = flat(pdftotext(pdf));
    expect(text).toContain("Afslag på ansøgning om tilskud");
    expect(text).toContain("Københavns Kommune");
    expect(text).toContain("PP-2022-0011");
    expect(text).toContain("Kommunens andel af udsatte børn er lavere end de ni kommuner, der fik tilsagn; søg gerne næste runde.");
    expect(text).not.toContain("kr.");
  });
});
