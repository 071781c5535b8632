// An audit row's before/after as a reader understands it: "Status: Indsendt → Vurderet",
// Danish field names, Copenhagen times, kroner instead of øre. The page and the CSV
// export use it; the raw JSON stays in the database and on the entry's own page.
import { statusLabels } from "~/domain/applications/status";
import { roleLabel } from "~/policy/permissions";
import { formatOre } from "~/utils/money";
import { TIME_ZONE } from "~/utils/dates";

const fieldLabels: Record<string, string> = {
  status: "Status",
  version: "Version",
  title: "Titel",
  name: "Navn",
  email: "E-mail",
  role: "Rolle",
  municipalityCode: "Kommunekode",
  agencyId: "Styrelse",
  expiresAt: "Udløber",
  revokedAt: "Tilbagekaldt",
  revokedInvitationIds: "Tilbagekaldte invitationer",
  invitationId: "Invitation",
  passwordResetId: "Nulstilling",
  publishedAt: "Offentliggjort",
  deadline: "Ansøgningsfrist",
  projectStart: "Projektstart",
  projectEnd: "Projektslut",
  periodStart: "Periodestart",
  periodEnd: "Periodeslut",
  description: "Beskrivelse",
  poolId: "Pulje",
  callId: "Opslag",
  maxAmountOre: "Højeste beløb",
  requestedOre: "Ansøgt beløb",
  amountOre: "Beløb",
  totalOre: "Ramme",
  contactName: "Kontaktperson",
  contactEmail: "Kontaktpersonens e-mail",
  contactPhone: "Kontaktpersonens telefon",
  challenge: "Udfordring",
  activities: "Aktiviteter",
  expectedEffect: "Forventet effekt",
  themes: "Temaer",
  submittedAt: "Indsendt",
  budget: "Budget",
  categoryId: "Kategori",
  quarter: "Kvartal",
  categories: "Udgiftskategorier",
  criteria: "Kriterier",
  label: "Betegnelse",
  weight: "Vægt",
  eligibleCount: "Antal kommuner, der kan søge",
  eligibleCodes: "Kommuner, der kan søge",
  checks: "Formalia",
  requirement: "Krav",
  met: "Opfyldt",
  scores: "Scorer",
  criterionId: "Kriterium",
  score: "Score",
  note: "Note",
  reason: "Begrundelse",
  weightedScoreTenths: "Vægtet score",
  assignedTo: "Sagsbehandler",
  secondAssessorId: "2. bedømmer",
  assessorId: "Bedømmer",
  agreed: "Aftalte scorer",
  first: "1. bedømmers score",
  second: "2. bedømmers score",
  flagged: "Stor forskel",
  bothSubmitted: "Begge vurderinger afgivet",
  rows: "Rækker",
  filename: "Filnavn",
  attachmentId: "Bilag",
  contentType: "Filtype",
  sizeBytes: "Størrelse (bytes)",
  sha256: "SHA-256",
  deletedAt: "Slettet",
  attempts: "Forsøg",
  lastError: "Seneste fejl",
  text: "Tekst",
  body: "Tekst",
};

const statusValueLabels: Record<string, string> = {
  ...statusLabels,
  published: "Offentliggjort",
  active: "Aktiv",
  disabled: "Deaktiveret",
  pending: "Venter",
  sent: "Sendt",
  failed: "Fejlet",
};

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

const dateTimeParts = new Intl.DateTimeFormat("da-DK", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

/** "23.11.2026 14:03:12" in Copenhagen time. */
export function danishDateTime(d: Date): string {
  const p: Record<string, string> = {};
  for (const part of dateTimeParts.formatToParts(d)) p[part.type] = part.value;
  return `${p.day}.${p.month}.${p.year} ${p.hour}:${p.minute}:${p.second}`;
}

export function fieldLabel(key: string): string {
  return fieldLabels[key] ?? key;
}

/** One value the Danish way: statuses and roles by name, times in Copenhagen, øre as kroner. */
export function formatAuditValue(key: string, value: unknown): string {
  if (value === null || value === undefined || value === "") return "–";
  if (typeof value === "boolean") return value ? "Ja" : "Nej";
  if (typeof value === "string" || typeof value === "number") {
    const s = String(value);
    if (/Ore$/.test(key) && /^-?\d+$/.test(s)) return formatOre(s);
    if (key === "status") return statusValueLabels[s] ?? s;
    if (key === "role") return roleLabel(s);
    if (key === "weightedScoreTenths" && typeof value === "number") return (value / 10).toFixed(1).replace(".", ",");
    if (typeof value === "string" && ISO_INSTANT.test(s)) return danishDateTime(new Date(s));
    if (s === "alle") return "alle";
    return s;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return "ingen";
    return value.map((v) => (typeof v === "object" && v !== null ? `(${describeObject(v as Record<string, unknown>)})` : formatAuditValue(key, v))).join(", ");
  }
  if (typeof value === "object") return describeObject(value as Record<string, unknown>);
  return String(value);
}

function describeObject(o: Record<string, unknown>): string {
  return Object.entries(o)
    .map(([k, v]) => `${fieldLabel(k)}: ${formatAuditValue(k, v)}`)
    .join(", ");
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

export type FieldChange = { field: string; before: string | null; after: string | null };

/**
 * The fields that differ between before and after, in Danish. A field only in
 * `after` is a new value (before null); one only in `before` was removed. A
 * non-object before/after is shown as one "Værdi" change.
 */
export function auditChanges(before: unknown, after: unknown): FieldChange[] {
  const b = asRecord(before);
  const a = asRecord(after);
  if ((before !== null && before !== undefined && !b) || (after !== null && after !== undefined && !a)) {
    return [
      {
        field: "Værdi",
        before: before === null || before === undefined ? null : formatAuditValue("", before),
        after: after === null || after === undefined ? null : formatAuditValue("", after),
      },
    ];
  }
  const keys = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])];
  const changes: FieldChange[] = [];
  for (const key of keys) {
    const inBefore = b !== null && key in b;
    const inAfter = a !== null && key in a;
    const bv = inBefore ? b![key] : undefined;
    const av = inAfter ? a![key] : undefined;
    if (inBefore && inAfter && JSON.stringify(bv) === JSON.stringify(av)) continue;
    changes.push({
      field: fieldLabel(key),
      before: inBefore ? formatAuditValue(key, bv) : null,
      after: inAfter ? formatAuditValue(key, av) : null,
    });
  }
  return changes;
}

/** "Status: Indsendt → Vurderet" per line; a new value reads "Rækker: 98". */
export function describeChanges(before: unknown, after: unknown): string {
  return auditChanges(before, after)
    .map((c) => (c.before === null ? `${c.field}: ${c.after}` : c.after === null ? `${c.field}: ${c.before} (fjernet)` : `${c.field}: ${c.before} → ${c.after}`))
    .join("\n");
}
