// The status pack as a document: title, summary, sections with paragraphs and tables.
// Pure: figures in, document out. The DOCX, PDF and XLSX writers only lay this out, so
// the three files say the same thing. Table cells carry the text shown and, for numbers,
// the exact value (øre as bigint) the XLSX writes as a number.
import { grantStatusLabel } from "~/domain/grants/grant-labels";
import { INTENSITY_LABELS, PROGRAMME_STATUS_LABELS, THEME_LABELS } from "~/domain/programmes/programme-constants";
import { INDICATOR_UNIT_LABELS } from "~/domain/reports/report-constants";
import { formatOre } from "~/utils/money";
import type { PackGrantRow, StatusPackFigures, StatusPackPurpose } from "./figures";
import { buildSummary, financeLine, focusAreaCounts, longDate } from "./summary";

export type PackCell = { text: string; ore?: bigint; number?: number };
export type PackColumn = { header: string; /** Relative width (characters in XLSX). */ width: number; numeric?: boolean; money?: boolean };
export type PackTable = {
  /** The XLSX sheet name (≤ 31 characters). */
  sheet: string;
  caption: string;
  columns: PackColumn[];
  rows: PackCell[][];
  /** "I alt" row; money and count columns summed from the rows. */
  totals?: PackCell[];
};
export type PackSection = { heading: string; paragraphs: string[]; tables: PackTable[] };
export type StatusPackDocument = {
  title: string;
  subtitle: string;
  /** "Opgjort pr. 30. april 2024", printed under the title and in every footer. */
  asOfLine: string;
  summary: string[];
  sections: PackSection[];
  /** Short footer label for each page. */
  footer: string;
};

const text = (t: string): PackCell => ({ text: t });
const money = (ore: bigint): PackCell => ({ text: formatOre(ore, { suffix: false }), ore });
const num = (n: number, shown = String(n)): PackCell => ({ text: shown, number: n });

export function packTitle(purpose: StatusPackPurpose, asOf: string) {
  return purpose.kind === "question"
    ? `Svar på ${purpose.committee} spørgsmål nr. ${purpose.questionNo}`
    : `Årlig status ${asOf.slice(0, 4)}`;
}

export function buildStatusPackDocument(f: StatusPackFigures, purpose: StatusPackPurpose, opts: { demoData?: boolean } = {}): StatusPackDocument {
  const title = packTitle(purpose, f.asOf);
  const asOfLine = `Opgjort pr. ${longDate(f.asOf)}`;
  const subtitle =
    purpose.kind === "question"
      ? `Status for puljen ${f.pool.name}: bidrag til besvarelsen`
      : `Status for puljen ${f.pool.name} til partierne bag aftalen`;
  return {
    title,
    subtitle,
    asOfLine,
    summary: buildSummary(f),
    footer: `${title} · ${asOfLine}`,
    sections: [
      poolSection(f),
      grantSection(f),
      programmeSection(f),
      reportSection(f),
      indicatorSection(f),
      methodSection(f, opts.demoData ?? false),
    ],
  };
}

function poolSection(f: StatusPackFigures): PackSection {
  const p = f.pool;
  const rows: [string, bigint][] = [
    ["Puljens ramme", p.totalOre],
    ["Givet i tilsagn", p.grantedOre],
    ["Bortfaldet", p.lapsedOre],
    ["Annulleret/frigivet", p.cancelledOre],
    ["Disponeret", p.committedOre],
    ["Ikke disponeret", p.uncommittedOre],
    ["Udbetalt", p.paidOre],
    ["Tilbagebetalt", p.repaidOre],
    ["Udbetalt efter tilbagebetalinger", p.netPaidOre],
    ["Disponeret, ikke udbetalt", p.outstandingOre],
  ];
  const period = `${longDate(p.startsOn)} – ${longDate(p.endsOn)}`;
  return {
    heading: "Puljen",
    paragraphs: [
      `${p.name}, finanslovens ${financeLine(p.financeLine)}. Puljens periode: ${period}.${p.initiativeEndsOn ? ` Initiativets forventede afslutning: ${longDate(p.initiativeEndsOn)}.` : ""}`,
    ],
    tables: [
      {
        sheet: "Pulje",
        caption: "Puljens økonomi (kr.)",
        columns: [
          { header: "Post", width: 36 },
          { header: "Beløb (kr.)", width: 20, numeric: true, money: true },
        ],
        rows: rows.map(([label, ore]) => [text(label), money(ore)]),
      },
    ],
  };
}

const MONEY_KEYS = ["grantedOre", "committedOre", "netPaidOre", "outstandingOre", "spendReportedOre"] as const satisfies readonly (keyof PackGrantRow)[];

function grantSection(f: StatusPackFigures): PackSection {
  const totals = MONEY_KEYS.map((k) => f.grants.reduce((s, g) => s + g[k], 0n));
  return {
    heading: "Tilsagn og udbetalinger pr. kommune",
    paragraphs: [
      f.grants.length === 0
        ? "Der er ikke givet tilsagn fra puljen."
        : `Beløbene er summer af hvert tilsagns posteringer i puljens regnskab bogført til og med ${longDate(f.asOf)}. Forbrug er det, kommunen har indberettet i sin senest godkendte statusrapport (ellers den senest indsendte).`,
    ],
    tables: [
      {
        sheet: "Kommuner",
        caption: "Tilsagn, udbetalinger og indberettet forbrug pr. kommune (kr.)",
        columns: [
          { header: "Kommune", width: 18 },
          { header: "Tilsagn nr.", width: 8 },
          { header: "Status", width: 13 },
          { header: "Givet i tilsagn", width: 16, numeric: true, money: true },
          { header: "Disponeret", width: 16, numeric: true, money: true },
          { header: "Udbetalt (netto)", width: 16, numeric: true, money: true },
          { header: "Ikke udbetalt", width: 16, numeric: true, money: true },
          { header: "Forbrug indberettet", width: 16, numeric: true, money: true },
        ],
        rows: f.grants.map((g) => [
          text(g.municipalityName),
          text(String(g.grantId)),
          text(grantStatusLabel(g.grantStatus)),
          ...MONEY_KEYS.map((k) => money(g[k])),
        ]),
        totals: [text("I alt"), text(""), text(""), ...totals.map(money)],
      },
    ],
  };
}

function programmeSection(f: StatusPackFigures): PackSection {
  const withProgramme = f.grants.filter((g) => g.programme);
  const areas = focusAreaCounts(f);
  const done = withProgramme.reduce((s, g) => s + g.programme!.milestonesDone, 0);
  const all = withProgramme.reduce((s, g) => s + g.programme!.milestones, 0);
  const overdue = withProgramme.reduce((s, g) => s + g.programme!.milestonesOverdue, 0);
  return {
    heading: "Rådgivningsforløb, fokusområder og milepæle",
    paragraphs: [
      withProgramme.length === 0
        ? "Der er ikke oprettet rådgivningsforløb for puljens tilsagn."
        : `Hvert tilsagn har et skræddersyet rådgivningsforløb. Status er opgjort pr. ${longDate(f.asOf)} ud fra forløbets datoer; en milepæl tæller som gennemført, når den er gennemført senest den dag, og som overskredet, når den var planlagt før den dag og ikke var gennemført.`,
    ],
    tables:
      withProgramme.length === 0
        ? []
        : [
            {
              sheet: "Forløb",
              caption: "Rådgivningsforløb pr. kommune",
              columns: [
                { header: "Kommune", width: 16 },
                { header: "Status", width: 10 },
                { header: "Periode", width: 16 },
                { header: "Intensitet", width: 11 },
                { header: "Fokusområder", width: 25 },
                { header: "Milepæle", width: 13, numeric: true },
                { header: "Gennemført", width: 13, numeric: true },
                { header: "Overskredet", width: 13, numeric: true },
              ],
              rows: withProgramme.map((g) => {
                const p = g.programme!;
                return [
                  text(g.municipalityName),
                  text(PROGRAMME_STATUS_LABELS[p.status]),
                  text(`${formatShort(p.startsOn)}–${formatShort(p.plannedEndOn)}`),
                  text(INTENSITY_LABELS[p.intensity]),
                  text(p.focusAreas.join(", ")),
                  num(p.milestones),
                  num(p.milestonesDone),
                  num(p.milestonesOverdue),
                ];
              }),
              totals: [text("I alt"), text(""), text(""), text(""), text(""), num(all), num(done), num(overdue)],
            },
            {
              sheet: "Fokusområder",
              caption: "Fokusområder: antal forløb",
              columns: [
                { header: "Fokusområde", width: 40 },
                { header: "Forløb", width: 10, numeric: true },
              ],
              rows: areas.map((a) => [text(a.name), num(a.programmes)]),
            },
          ],
  };
}

function reportSection(f: StatusPackFigures): PackSection {
  const keys = ["reportsDue", "reportsReceived", "reportsApproved", "reportsOverdue"] as const;
  return {
    heading: "Statusrapporter",
    paragraphs: [
      `En rapport tæller som modtaget, når kommunen har indsendt den senest ${longDate(f.asOf)}, og som forsinket, når fristen var før den dag, og rapporten ikke var modtaget.`,
    ],
    tables: [
      {
        sheet: "Rapporter",
        caption: "Statusrapporter pr. kommune",
        columns: [
          { header: "Kommune", width: 18 },
          { header: "Frist passeret", width: 14, numeric: true },
          { header: "Modtaget", width: 12, numeric: true },
          { header: "Godkendt", width: 12, numeric: true },
          { header: "Forsinket", width: 12, numeric: true },
        ],
        rows: f.grants.map((g) => [text(g.municipalityName), ...keys.map((k) => num(g[k]))]),
        totals: [text("I alt"), ...keys.map((k) => num(f.grants.reduce((s, g) => s + g[k], 0)))],
      },
    ],
  };
}

/** Exact decimal text → number for the mean and the cells (indicator values are not money). */
function decimal(v: string) {
  return Number(v);
}

function formatNumber(n: number) {
  return (Math.round(n * 10) / 10).toLocaleString("da-DK", { maximumFractionDigits: 1 });
}

function indicatorSection(f: StatusPackFigures): PackSection {
  const reported = f.indicators.filter((i) => i.values.length > 0);
  const themes = f.themes.filter((t) => t.scores.length > 0);
  const tables: PackTable[] = [];
  if (reported.length > 0) {
    tables.push({
      sheet: "Nøgletal",
      caption: "Nøgletal: seneste indberettede værdi pr. kommune",
      columns: [
        { header: "Indikator", width: 40 },
        { header: "Enhed", width: 10 },
        { header: "Kommuner", width: 10, numeric: true },
        { header: "Gennemsnit", width: 12, numeric: true },
        { header: "Laveste", width: 10, numeric: true },
        { header: "Højeste", width: 10, numeric: true },
      ],
      rows: reported.map((i) => {
        const vs = i.values.map((v) => decimal(v.value));
        const mean = vs.reduce((s, v) => s + v, 0) / vs.length;
        const min = Math.min(...vs);
        const max = Math.max(...vs);
        return [
          text(i.label),
          text(INDICATOR_UNIT_LABELS[i.unit]),
          num(vs.length),
          num(Math.round(mean * 10) / 10, formatNumber(mean)),
          num(min, formatNumber(min)),
          num(max, formatNumber(max)),
        ];
      }),
    });
  }
  if (themes.length > 0) {
    tables.push({
      sheet: "Temaer",
      caption: "Kommunernes egen vurdering pr. tema (1–5), seneste indberetning",
      columns: [
        { header: "Tema", width: 40 },
        { header: "Kommuner", width: 10, numeric: true },
        { header: "Gennemsnit", width: 12, numeric: true },
      ],
      rows: themes.map((t) => {
        const mean = t.scores.reduce((s, v) => s + v, 0) / t.scores.length;
        return [text(THEME_LABELS[t.theme]), num(t.scores.length), num(Math.round(mean * 10) / 10, formatNumber(mean))];
      }),
    });
  }
  return {
    heading: "Nøgletal",
    paragraphs: [
      tables.length === 0
        ? `Der var ikke indberettet nøgletal til og med ${longDate(f.asOf)}.`
        : "Nøgletallene er kommunernes egne indberetninger i den senest indsendte statusrapport; gennemsnittet er et simpelt gennemsnit på tværs af de kommuner, der har indberettet.",
    ],
    tables,
  };
}

function methodSection(f: StatusPackFigures, demoData: boolean): PackSection {
  const paragraphs = [
    `Tallene er dannet automatisk i Puljeportal ud fra puljens regnskab (posteringer bogført til og med ${longDate(f.asOf)}), de indsendte statusrapporter og rådgivningsforløbenes milepæle. Sammenfatningen er skrevet ud fra de samme tal og indeholder ingen andre oplysninger.`,
    "Beløb er i kroner og øre. Regnearket (XLSX) indeholder de samme tabeller med beløbene også i øre.",
  ];
  if (demoData) paragraphs.push("Bemærk: dannet i et demo- eller testmiljø. Fordelingen pr. kommune er demodata, ikke de faktiske beløb.");
  return { heading: "Om tallene", paragraphs, tables: [] };
}

function formatShort(date: string) {
  const [y, m, d] = date.split("-");
  return `${d}.${m}.${y}`;
}
