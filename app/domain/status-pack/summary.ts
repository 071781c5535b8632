// The short Danish summary at the top of a status pack. Pure, and built from the figures
// only: every sentence states numbers taken from StatusPackFigures (or counts of them),
// and a sentence whose numbers are all missing or zero-in-a-way-that-says-nothing is left
// out rather than filled with words. No adjectives that judge ("godt", "planmæssigt").
import { formatMillions, formatOre } from "~/utils/money";
import { formatLongDate } from "~/utils/dates";
import { PROGRAMME_STATUS_LABELS, type ProgrammeStatus } from "~/domain/programmes/programme-constants";
import type { StatusPackFigures } from "./figures";

/** "1 kommune" / "9 kommuner". */
export function count(n: number, one: string, many: string) {
  return `${n} ${n === 1 ? one : many}`;
}

/** "a", "a og b", "a, b og c". */
export function listDa(items: string[]) {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} og ${items[items.length - 1]}`;
}

/** A share in whole per cent, rounded half up, from integers (no floating point): "42 %". */
export function percent(part: bigint, whole: bigint) {
  if (whole <= 0n) return null;
  return `${((part * 200n + whole) / (whole * 2n)).toString()} %`;
}

/** The date as text in a sentence: "30. april 2024" (from a calendar date at noon, any zone). */
export function longDate(date: string) {
  return formatLongDate(`${date}T12:00:00Z`);
}

export function moneySentence(f: StatusPackFigures): string {
  const p = f.pool;
  const municipalities = new Set(f.grants.filter((g) => g.committedOre > 0n).map((g) => g.municipalityCode)).size;
  const granted =
    municipalities === 0
      ? "er der endnu ikke disponeret midler"
      : `er der disponeret ${formatOre(p.committedOre)} til ${count(municipalities, "kommune", "kommuner")}`;
  return `Puljen ${p.name} (finanslovens ${financeLine(p.financeLine)}) har en ramme på ${formatMillions(p.totalOre)} (${formatOre(p.totalOre)}). Pr. ${longDate(f.asOf)} ${granted}, og ${formatOre(p.netPaidOre)} er udbetalt.`;
}

/** "§ 15.26.35.10" whether or not the stored line carries the sign. */
export function financeLine(line: string) {
  return line.trim().startsWith("§") ? line.trim() : `§ ${line.trim()}`;
}

export function remainderSentence(f: StatusPackFigures): string {
  const p = f.pool;
  const parts = [`Af rammen er ${formatOre(p.uncommittedOre)} ikke disponeret.`, `Af det disponerede er ${formatOre(p.outstandingOre)} endnu ikke udbetalt.`];
  if (p.repaidOre > 0n) parts.push(sentence(`Kommunerne har tilbagebetalt ${formatOre(p.repaidOre)}`));
  if (p.lapsedOre + p.cancelledOre > 0n) parts.push(`${formatOre(p.lapsedOre + p.cancelledOre)} er frigivet ved bortfald eller annullering.`);
  return parts.join(" ");
}

const STATUS_ORDER: ProgrammeStatus[] = ["active", "completed", "planned", "cancelled"];

export function programmeSentence(f: StatusPackFigures): string | null {
  const programmes = f.grants.flatMap((g) => (g.programme ? [g.programme] : []));
  if (programmes.length === 0) return null;
  const parts = STATUS_ORDER.flatMap((s) => {
    const n = programmes.filter((p) => p.status === s).length;
    return n === 0 ? [] : [`${n} ${PROGRAMME_STATUS_LABELS[s].toLowerCase()}`];
  });
  return `Der er ${count(programmes.length, "rådgivningsforløb", "rådgivningsforløb")}: ${listDa(parts)}.`;
}

export function milestoneSentence(f: StatusPackFigures): string | null {
  const programmes = f.grants.flatMap((g) => (g.programme ? [g.programme] : []));
  const total = programmes.reduce((s, p) => s + p.milestones, 0);
  if (total === 0) return null;
  const done = programmes.reduce((s, p) => s + p.milestonesDone, 0);
  const overdue = programmes.reduce((s, p) => s + p.milestonesOverdue, 0);
  const late = overdue === 0 ? "ingen er overskredet" : `${overdue} er overskredet`;
  return `${done} af ${count(total, "planlagt milepæl", "planlagte milepæle")} i forløbene er gennemført, og ${late}.`;
}

export function reportSentence(f: StatusPackFigures): string {
  const due = sum(f.grants.map((g) => g.reportsDue));
  const received = sum(f.grants.map((g) => g.reportsReceived));
  const approved = sum(f.grants.map((g) => g.reportsApproved));
  const overdue = sum(f.grants.map((g) => g.reportsOverdue));
  if (due === 0 && received === 0) return `Ingen statusrapporter havde frist til og med ${longDate(f.asOf)}.`;
  const late = overdue === 0 ? "ingen er forsinket" : `${overdue} er forsinket`;
  return `${count(received, "statusrapport er modtaget", "statusrapporter er modtaget")} (${due} havde frist til og med ${longDate(f.asOf)}); ${approved} er godkendt, og ${late}.`;
}

export function spendSentence(f: StatusPackFigures): string | null {
  const spend = f.grants.reduce((s, g) => s + g.spendReportedOre, 0n);
  if (spend === 0n) return null;
  const reporting = f.grants.filter((g) => g.spendReportedOre > 0n).length;
  const share = percent(spend, f.pool.netPaidOre);
  return sentence(`${capitalise(count(reporting, "kommune", "kommuner"))} har i statusrapporterne indberettet et forbrug på i alt ${formatOre(spend)}${share ? `, svarende til ${share} af det udbetalte` : ""}`);
}

export function focusAreaSentence(f: StatusPackFigures): string | null {
  const ranked = focusAreaCounts(f).slice(0, 3);
  if (ranked.length === 0) return null;
  return `De hyppigste fokusområder i forløbene er ${listDa(ranked.map((a) => `${a.name.toLowerCase()} (${count(a.programmes, "forløb", "forløb")})`))}.`;
}

/** Focus areas by how many programmes have them, most first, then by name. */
export function focusAreaCounts(f: StatusPackFigures) {
  const counts = new Map<string, number>();
  for (const g of f.grants) for (const a of g.programme?.focusAreas ?? []) counts.set(a, (counts.get(a) ?? 0) + 1);
  return [...counts.entries()]
    .map(([name, programmes]) => ({ name, programmes }))
    .sort((a, b) => b.programmes - a.programmes || a.name.localeCompare(b.name, "da"));
}

export function endSentence(f: StatusPackFigures): string | null {
  const end = f.pool.initiativeEndsOn;
  if (!end) return null;
  return end >= f.asOf ? `Initiativet forventes afsluttet ${longDate(end)}.` : `Initiativets forventede afslutning var ${longDate(end)}.`;
}

/** The summary, one paragraph per sentence group, in reading order. */
export function buildSummary(f: StatusPackFigures): string[] {
  return [moneySentence(f), remainderSentence(f), programmeSentence(f), milestoneSentence(f), reportSentence(f), spendSentence(f), focusAreaSentence(f), endSentence(f)].filter(
    (s): s is string => s !== null,
  );
}

function sum(ns: number[]) {
  return ns.reduce((s, n) => s + n, 0);
}

/** A full stop, unless the text already ends with one ("… kr."): never "kr..". */
export function sentence(s: string) {
  return s.endsWith(".") ? s : `${s}.`;
}

function capitalise(s: string) {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
