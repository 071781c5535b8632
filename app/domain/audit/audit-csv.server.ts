// The audit trail as CSV for Danish Excel: UTF-8 with BOM (else æøå break),
// semicolons, CRLF, one batch of rows at a time so a large trail is never in memory.
import { stringify } from "csv-stringify/sync";
import type { Executor } from "#db/client";
import { copenhagenDateString, TIME_ZONE } from "~/utils/dates";
import { actionLabel, actorName, actorRoleLabel, entityTypeLabel, type AuditFilters } from "./audit-filters";
import { auditRowsInBatches, type AuditRow } from "./audit-log.server";

export const CSV_HEADER = [
  "Tidspunkt",
  "Bruger",
  "E-mail",
  "Rolle",
  "Handling",
  "Objekttype",
  "Objekt-id",
  "Før",
  "Efter",
  "Anmodnings-id",
];

const csvOptions = {
  delimiter: ";",
  record_delimiter: "windows",
  // csv-stringify quotes only the record delimiter (CRLF) by default; a lone LF
  // inside an unquoted cell would split the row in Excel.
  quoted_match: /[\r\n]/,
} as const;

// One formatter for the whole export: building a TZDate per row cost more than
// reading the row from the database.
const copenhagenParts = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

/** "2026-11-23 14:03:12" in Copenhagen time. */
export function csvTimestamp(d: Date) {
  const p: Record<string, string> = {};
  for (const part of copenhagenParts.formatToParts(d)) p[part.type] = part.value;
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

// A cell starting with = + - @ is run as a formula by spreadsheet programs
// (CSV injection); names and ids come from users, so such cells get a leading '.
function cell(value: string | null | undefined) {
  if (!value) return "";
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function json(value: unknown) {
  return value === null || value === undefined ? "" : JSON.stringify(value);
}

export function csvRecord(row: AuditRow): string[] {
  const label = actionLabel(row.action);
  return [
    csvTimestamp(row.at),
    cell(actorName(row)),
    cell(row.actorEmail),
    actorRoleLabel(row.actorRole),
    cell(label ? `${label} (${row.action})` : row.action),
    cell(entityTypeLabel(row.entityType)),
    cell(row.entityId),
    json(row.before),
    json(row.after),
    cell(row.requestId),
  ];
}

/** A byte stream of the whole CSV; the next batch is read only when the client wants more. */
export function auditCsvStream(db: Executor, filters: AuditFilters, batchSize = 5000): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const batches = auditRowsInBatches(db, filters, batchSize);
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(stringify([CSV_HEADER], { ...csvOptions, bom: true })));
    },
    async pull(controller) {
      try {
        const next = await batches.next();
        if (next.done) {
          controller.close();
          return;
        }
        controller.enqueue(encoder.encode(stringify(next.value.map(csvRecord), csvOptions)));
      } catch (error) {
        controller.error(error);
      }
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
}

/** revisionsspor-2026-11-23.csv (today in Copenhagen). */
export function csvFilename(now = new Date()) {
  return `revisionsspor-${copenhagenDateString(now)}.csv`;
}
