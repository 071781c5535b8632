// Filters for the audit trail, read from the URL (a GET form), and the Danish
// labels for what the trail contains. Pure: used by the page, the CSV export and
// unit tests alike.
import { roleLabel } from "~/policy/permissions";
import { copenhagenInstant } from "~/utils/dates";
import { pageCount as pagesFor, pageParam } from "~/utils/paging";
import { text, z } from "~/utils/validation";

export const AUDIT_PAGE_SIZE = 50;

export const FILTER_FIELDS = ["user", "q", "entityType", "action", "from", "to"] as const;
export type FilterField = (typeof FILTER_FIELDS)[number];
/** What the user typed, kept as strings so the form can show it again. */
export type FilterValues = Record<FilterField, string>;

/** Validated filters; an empty field is left out. `user` is a user id or "system". */
export type AuditFilters = {
  user?: string;
  q?: string;
  entityType?: string;
  action?: string;
  /** Calendar dates in Copenhagen, "YYYY-MM-DD". */
  from?: string;
  to?: string;
};

export type ParsedFilters =
  | { ok: true; filters: AuditFilters; values: FilterValues; page: number }
  | { ok: false; errors: Partial<Record<FilterField, string>>; values: FilterValues; page: number };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** "2026-11-23", or the Danish "23.11.2026" typed where no date picker is shown → "2026-11-23"; else null. */
export function parseCalendarDate(input: string): string | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(input);
  const dk = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(input);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : dk ? [dk[3], dk[2], dk[1]] : [];
  if (!y) return null;
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  if (year < 1900 || year > 9999) return null;
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  return `${y}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

const optionalDate = (label: string) =>
  z
    .string()
    .trim()
    .transform((v, ctx) => {
      if (v === "") return undefined;
      const date = parseCalendarDate(v);
      if (!date) {
        ctx.addIssue({ code: "custom", message: `Skriv ${label} som en gyldig dato, fx 23.11.2026.` });
        return z.NEVER;
      }
      return date;
    });

const emptyToUndefined = (v: string) => (v === "" ? undefined : v);

export const auditFilterSchema = z
  .strictObject({
    user: z
      .string()
      .trim()
      .refine((v) => v === "" || v === "system" || UUID.test(v), "Vælg en bruger fra listen.")
      .transform(emptyToUndefined),
    q: text("navn eller e-mail", { max: 100, optional: true }).transform(emptyToUndefined),
    entityType: z.string().trim().max(100, "Vælg en objekttype fra listen.").transform(emptyToUndefined),
    action: text("handlingen", { max: 100, optional: true }).transform(emptyToUndefined),
    from: optionalDate("fra-datoen"),
    to: optionalDate("til-datoen"),
  })
  .superRefine((f, ctx) => {
    if (f.from && f.to && f.from > f.to) {
      ctx.addIssue({ code: "custom", path: ["to"], message: "Til-datoen skal være samme dag som fra-datoen eller senere." });
    }
  });

export function filterValuesOf(params: URLSearchParams): FilterValues {
  return Object.fromEntries(FILTER_FIELDS.map((k) => [k, params.get(k) ?? ""])) as FilterValues;
}

/** The page number from ?page=; anything odd means the first page (not an error worth a message). */
export const pageOf = pageParam;

export function parseAuditFilters(params: URLSearchParams): ParsedFilters {
  const values = filterValuesOf(params);
  const page = pageOf(params);
  const result = auditFilterSchema.safeParse(values);
  if (result.success) {
    const filters = Object.fromEntries(Object.entries(result.data).filter(([, v]) => v !== undefined)) as AuditFilters;
    return { ok: true, filters, values, page };
  }
  const errors: Partial<Record<FilterField, string>> = {};
  for (const issue of result.error.issues) {
    const key = issue.path[0] as FilterField;
    errors[key] ??= issue.message;
  }
  return { ok: false, errors, values, page };
}

/** The day after a calendar date, "YYYY-MM-DD" (plain calendar arithmetic, no time zone). */
export function nextCalendarDay(date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/**
 * The period as instants: from the start of the "from" day in Copenhagen up to (not
 * including) the start of the day after "to", so the whole "to" day counts, also on
 * the 23- and 25-hour days when summer time starts or ends.
 */
export function periodOf(filters: AuditFilters): { fromInstant?: Date; toExclusive?: Date } {
  return {
    fromInstant: filters.from ? copenhagenInstant(filters.from, "00:00:00") : undefined,
    toExclusive: filters.to ? copenhagenInstant(nextCalendarDay(filters.to), "00:00:00") : undefined,
  };
}

/** "?user=…&from=…&page=2" with the filters the user gave, for links that keep them. */
export function filterQuery(values: Partial<FilterValues>, page?: number): string {
  const params = new URLSearchParams();
  for (const k of FILTER_FIELDS) if (values[k]) params.set(k, values[k]!);
  if (page && page > 1) params.set("page", String(page));
  const s = params.toString();
  return s ? `?${s}` : "";
}

export function pageCount(total: number, pageSize = AUDIT_PAGE_SIZE) {
  return pagesFor(total, pageSize);
}

/** LIKE pattern that matches the text literally anywhere (%, _ and \ in it are escaped). */
export function containsPattern(textToFind: string) {
  return `%${textToFind.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

// Labels for the action codes the commands write (collected from the code base on
// 23.11.2026). Unknown codes are shown as they are, so a new command is visible in
// the trail before it gets a label here.
const actionLabels: Record<string, string> = {
  "session.login": "Logget ind",
  "pool.closed": "Pulje afsluttet (skrivebeskyttet)",
  "session.logout-all": "Logget ud på alle enheder",
  "user.identity-linked": "Login hos identitetsudbyder knyttet til brugeren",
  "password-reset.requested": "Nulstilling af adgangskode bestilt",
  "password-reset.completed": "Adgangskode nulstillet",
  "user.password-changed": "Adgangskode ændret",
  "user.membership-changed": "Brugerens rolle eller organisation ændret",
  "user.unlocked": "Låst konto låst op",
  "user.erased": "Personoplysninger slettet (pseudonymiseret)",
  "user.application_notice_changed": "Valg af besked om nye ansøgninger ændret",
  "invitation.created": "Bruger inviteret",
  "invitation.accepted": "Invitation accepteret",
  "invitation.revoked": "Invitation tilbagekaldt",
  "call.created": "Opslag oprettet",
  "call.updated": "Opslag ændret",
  "call.published": "Opslag offentliggjort",
  "call.withdrawn": "Opslag trukket tilbage til kladde",
  "call.need_index_imported": "Behovsindeks indlæst",
  "budget_change.registered": "Budgetændring registreret",
  "budget_change.requested": "Budgetændring anmodet (kræver godkendelse)",
  "budget_change.approved": "Budgetændring godkendt",
  "budget_change.rejected": "Budgetændring afvist",
  "application.created": "Ansøgning oprettet",
  "application.saved": "Ansøgning gemt",
  "application.submitted": "Ansøgning indsendt",
  "application.attachment_added": "Bilag tilføjet",
  "application.attachment_deleted": "Bilag slettet",
  "application.assigned": "Sagsbehandler tildelt",
  "application.formalia_checked": "Formalia kontrolleret",
  "application.scored": "Kriterium scoret",
  "application.assessment_submitted": "Vurdering afgivet af bedømmer",
  "application.scores_agreed": "Enighed om scorer registreret",
  "application.assessment_completed": "Vurdering afsluttet",
  "application.note_added": "Note tilføjet",
  "letter.issued": "Afgørelsesbrev dannet og sendt",
  "grant.accepted": "Tilsagn accepteret af kommunen",
  "grant.lapsed": "Tilsagn bortfaldet (ikke accepteret inden fristen)",
  "accounts.saved": "Regnskab gemt",
  "accounts.statement_uploaded": "Revisorerklæring vedhæftet",
  "accounts.submitted": "Regnskab indsendt",
  "accounts.ineligible_marked": "Ikke støtteberettigede udgifter markeret",
  "accounts.returned": "Regnskab sendt retur",
  "accounts.approved": "Regnskab godkendt og tilsagn afregnet",
  "repayment.paid": "Tilbagebetaling registreret",
  "application.granted": "Tilsagn givet til ansøgningen",
  "application.rejected": "Afslag givet på ansøgningen",
  "allocation.saved": "Fordelingsrunde gemt",
  "allocation.proposed": "Fordelingsrunde indstillet til godkendelse",
  "allocation.approved": "Fordelingsrunde godkendt",
  "grant.created": "Tilsagn oprettet",
  "ledger.committed": "Postering: tilsagn disponeret",
  "ledger.lapsed": "Postering: tilsagn bortfaldet",
  "ledger.cancelled": "Postering: tilsagn annulleret",
  "ledger.paid": "Postering: udbetaling",
  "ledger.repaid": "Postering: tilbagebetaling",
  "ledger.corrected": "Postering: korrektion",
  "mail.requeued": "E-mail sat i kø igen",
  "job.completed": "Planlagt kørsel gennemført",
  "job.failed": "Planlagt kørsel fejlede",
  "payments.replanned": "Udbetalingsplan lagt om efter budgettet",
  "payment.prepared": "Udbetaling klargjort",
  "payment.approved": "Udbetaling godkendt",
  "payment.returned": "Udbetaling sendt tilbage til planlagt",
  "payment.paid": "Udbetaling markeret som udbetalt",
  "payment.corrected": "Udbetaling rettet",
  "payment.held": "Udbetalinger standset",
  "payment.hold-released": "Stop for udbetalinger ophævet",
  "programme.created": "Rådgivningsforløb oprettet",
  "milestone.planned": "Milepæl planlagt",
  "milestone.logged": "Milepæl logget",
  "milestone.attachment_added": "Bilag tilføjet til milepæl",
  "milestone.commented": "Milepæl kommenteret",
  "milestone.overdue_reminded": "Påmindelse om overskredet milepæl sendt",
  "report.reminded": "Påmindelse om rapport sendt til kommunen",
  "report.reminders_paused": "Påmindelser om rapporter sat på pause",
  "report.reminders_resumed": "Påmindelser om rapporter genoptaget",
  "report_indicator.created": "Rapporteringsindikator oprettet",
  "report_plan.set": "Rapporteringsplan fastlagt",
  "report_due_date.changed": "Rapporteringsfrist ændret",
  "report.started": "Statusrapport påbegyndt",
  "report.saved": "Statusrapport gemt",
  "report.submitted": "Statusrapport indsendt",
  "report.sent_back": "Statusrapport sendt tilbage med kommentarer",
  "report.approved": "Statusrapport godkendt",
  "payment.hold-lifted-by-report": "Automatisk stop for udbetalinger ophævet (rapport godkendt)",
  "session.created": "Tværkommunalt seminar oprettet",
  "session.attendance": "Deltagelse i seminar besvaret",
  "seed.reference": "Referencedata indlæst",
  "seed.demo": "Demodata indlæst",
  "seed.scale": "Demodata skaleret til målinger",
};

const entityTypeLabels: Record<string, string> = {
  user: "Bruger",
  invitation: "Invitation",
  call: "Opslag",
  application: "Ansøgning",
  email_outbox: "E-mail",
  job: "Planlagt kørsel",
  database: "Database",
  pool: "Pulje",
  grant: "Tilsagn",
  allocation_round: "Fordelingsrunde",
  payment: "Udbetaling",
  report: "Statusrapport",
  programme: "Rådgivningsforløb",
  milestone: "Milepæl",
  session: "Tværkommunalt seminar",
};

/** Danish label for a known action, or null (the raw code is then shown). */
export function actionLabel(code: string): string | null {
  return actionLabels[code] ?? null;
}

export function entityTypeLabel(type: string): string {
  return entityTypeLabels[type] ?? type;
}

/** The role recorded on the row (the role at the time, not today's). */
export function actorRoleLabel(role: string | null): string {
  if (!role || role === "system") return "System";
  return roleLabel(role);
}

/** "Anna Jensen", "System" or, when the user is gone, the id the row still holds. */
export function actorName(row: { actorUserId: string | null; actorName: string | null }): string {
  if (!row.actorUserId) return "System";
  return row.actorName ?? `Slettet bruger (${row.actorUserId})`;
}
