// The audit trail as CSV for Danish Excel (the shared writer in ~/utils/csv), one batch
// of rows at a time so a large trail is never in memory. Times are Copenhagen wall
// clock, changes are Danish sentences; the action code stays for machines and searches.
import type { Executor } from "#db/client";
import { getEnv } from "~/env.server";
import { raw, toCsv, type Cell } from "~/utils/csv";
import { copenhagenDateString } from "~/utils/dates";
import { danishDateTime, describeChanges } from "./audit-changes";
import { actionLabel, actorName, actorRoleLabel, entityTypeLabel, type AuditFilters } from "./audit-filters";
import { auditRowsInBatches, type AuditRow } from "./audit-log.server";

export const CSV_HEADER = [
  "Tidspunkt",
  "Bruger",
  "E-mail",
  "Rolle",
  "Handling",
  "Handlingskode",
  "Objekttype",
  "Objekt-id",
  "Ændringer",
  "Hele posten",
  "Anmodnings-id",
];

/** Excel and LibreOffice hold at most 32 767 characters in a cell and cut the rest silently. */
export const MAX_CELL_CHARS = 32_767;

/** "23.11.2026 14:03:12" in Copenhagen time. */
export const csvTimestamp = danishDateTime;

/** The page that shows one entry in full (the CSV cell may be cut). */
export function entryUrl(id: number, origin = getEnv().APP_ORIGIN) {
  return `${origin}/admin/audit/${id}`;
}

/** Text cut to fit a spreadsheet cell, ending with where to read the rest. */
export function fitCell(text: string, link: string): string {
  // One character spare for the leading apostrophe of the formula guard.
  if (text.length < MAX_CELL_CHARS) return text;
  const tail = `\n… (afkortet: se hele posten på ${link})`;
  return text.slice(0, MAX_CELL_CHARS - 1 - tail.length) + tail;
}

export function csvRecord(row: AuditRow, origin?: string): Cell[] {
  const link = entryUrl(row.id, origin);
  return [
    raw(csvTimestamp(row.at)),
    actorName(row),
    row.actorEmail ?? "",
    actorRoleLabel(row.actorRole),
    actionLabel(row.action) ?? row.action,
    row.action,
    entityTypeLabel(row.entityType),
    row.entityId ?? "",
    fitCell(describeChanges(row.before, row.after), link),
    link,
    row.requestId ?? "",
  ];
}

/** A byte stream of the whole CSV; the next batch is read only when the client wants more. */
export function auditCsvStream(db: Executor, filters: AuditFilters, batchSize = 5000): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const batches = auditRowsInBatches(db, filters, batchSize);
  const origin = getEnv().APP_ORIGIN;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(toCsv([CSV_HEADER], { bom: true })));
    },
    async pull(controller) {
      try {
        const next = await batches.next();
        if (next.done) {
          controller.close();
          return;
        }
        controller.enqueue(encoder.encode(toCsv(next.value.map((r) => csvRecord(r, origin)))));
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
