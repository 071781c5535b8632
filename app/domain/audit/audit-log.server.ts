// Reading the audit trail: one WHERE for the page and the export, newest first.
// Users are LEFT JOINed for their names: a row outlives the user who wrote it. The
// WHERE refers to audit_log only, so counting needs no join.
import { and, asc, count, desc, eq, gte, ilike, inArray, isNull, lt, lte, or, sql, type SQL } from "drizzle-orm";
import type { Executor } from "#db/client";
import { rowsOf } from "#db/client";
import { applications, auditLog, calls, emailOutbox, invitations, municipalities, pools, users } from "#db/schema";
import { referenceNumber } from "~/domain/applications/reference";
import { pageWindow } from "~/utils/paging";
import { AUDIT_PAGE_SIZE, containsPattern, periodOf, type AuditFilters } from "./audit-filters";

export type AuditRow = {
  id: number;
  at: Date;
  actorUserId: string | null;
  actorRole: string | null;
  actorName: string | null;
  actorEmail: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
};

const rowColumns = {
  id: auditLog.id,
  at: auditLog.at,
  actorUserId: auditLog.actorUserId,
  actorRole: auditLog.actorRole,
  actorName: users.name,
  actorEmail: users.email,
  action: auditLog.action,
  entityType: auditLog.entityType,
  entityId: auditLog.entityId,
  before: auditLog.before,
  after: auditLog.after,
  requestId: auditLog.requestId,
};

/**
 * The WHERE for the filters. The name/e-mail search is resolved to user ids first
 * (users is a small table): as a subquery or a join, the planner cannot tell how
 * many rows those users wrote and walked the whole trail by time.
 */
export async function auditWhere(db: Executor, filters: AuditFilters): Promise<SQL | undefined> {
  const conditions: (SQL | undefined)[] = [];
  if (filters.user === "system") conditions.push(isNull(auditLog.actorUserId));
  else if (filters.user) conditions.push(eq(auditLog.actorUserId, filters.user));
  if (filters.q) {
    const pattern = containsPattern(filters.q);
    const matching = await db
      .select({ id: users.id })
      .from(users)
      .where(or(ilike(users.name, pattern), ilike(users.email, pattern)));
    conditions.push(matching.length ? inArray(auditLog.actorUserId, matching.map((u) => u.id)) : sql`false`);
  }
  if (filters.entityType) conditions.push(eq(auditLog.entityType, filters.entityType));
  if (filters.action) conditions.push(ilike(auditLog.action, containsPattern(filters.action)));
  const { fromInstant, toExclusive } = periodOf(filters);
  if (fromInstant) conditions.push(gte(auditLog.at, fromInstant));
  if (toExclusive) conditions.push(lt(auditLog.at, toExclusive));
  return and(...conditions);
}

export type AuditPage = { rows: AuditRow[]; total: number; page: number; pageCount: number };

/** One page of rows and the total; a page past the end shows the last page. */
export async function listAuditEntries(db: Executor, filters: AuditFilters, requestedPage: number): Promise<AuditPage> {
  const where = await auditWhere(db, filters);
  const [{ total }] = await db.select({ total: count() }).from(auditLog).where(where);
  const { page, pageCount, offset } = pageWindow(total, requestedPage, AUDIT_PAGE_SIZE);
  const rows = await db
    .select(rowColumns)
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(where)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE)
    .offset(offset);
  return { rows, total, page, pageCount };
}

/**
 * All matching rows, newest first, in batches. Keyset paging on (at, id): the
 * cursor keeps `at` as PostgreSQL's own text, because a JS Date drops the
 * microseconds and would skip rows that share a millisecond.
 */
export async function* auditRowsInBatches(db: Executor, filters: AuditFilters, batchSize = 5000): AsyncGenerator<AuditRow[]> {
  const where = await auditWhere(db, filters);
  let cursor: { at: string; id: number } | null = null;
  for (;;) {
    const after: SQL | undefined = cursor
      ? and(
          // The plain bound lets the index on `at` start at the cursor.
          lte(auditLog.at, sql`${cursor.at}::timestamptz`),
          sql`(${auditLog.at}, ${auditLog.id}) < (${cursor.at}::timestamptz, ${cursor.id}::bigint)`,
        )
      : undefined;
    const batch: (AuditRow & { cursorAt: string })[] = await db
      .select({ ...rowColumns, cursorAt: sql<string>`${auditLog.at}::text` })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorUserId))
      .where(and(where, after))
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(batchSize);
    if (batch.length === 0) return;
    const last = batch[batch.length - 1]!;
    cursor = { at: last.cursorAt, id: Number(last.id) };
    yield batch.map(({ cursorAt: _cursor, ...row }) => row);
    if (batch.length < batchSize) return;
  }
}

/** Users who have written to the trail, for the filter's select. */
export async function auditActors(db: Executor) {
  return db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(sql`exists (select 1 from ${auditLog} where ${auditLog.actorUserId} = ${users.id})`)
    .orderBy(asc(users.name), asc(users.email));
}

/**
 * The entity types in the trail. A loose index scan (one index probe per distinct
 * value) instead of DISTINCT over the whole table, which grows without end.
 */
export async function auditEntityTypes(db: Executor): Promise<string[]> {
  const result = await db.execute(sql`
    with recursive t(v) as (
      select min(entity_type) from audit_log
      union all
      select (select min(entity_type) from audit_log where entity_type > t.v) from t where t.v is not null
    )
    select v from t where v is not null`);
  return rowsOf<{ v: string }>(result).map((r) => r.v);
}

/** One entry with its author, for its own page; null when there is none with that id. */
export async function getAuditEntry(db: Executor, id: number): Promise<AuditRow | null> {
  const [row] = await db.select(rowColumns).from(auditLog).leftJoin(users, eq(users.id, auditLog.actorUserId)).where(eq(auditLog.id, id));
  return row ?? null;
}

const entityKey = (type: string, id: string) => `${type}:${id}`;
const numericIds = (rows: { entityType: string; entityId: string | null }[], type: string) => [
  ...new Set(rows.filter((r) => r.entityType === type && r.entityId && /^\d{1,9}$/.test(r.entityId)).map((r) => Number(r.entityId))),
];

/**
 * What each row is about, as a reader knows it: an application by its reference and
 * municipality ("PP-2026-0007 · Lolland Kommune"), a call by its title, a user by name,
 * a mail by its subject. One query per kind of object on the page; ids without a
 * match (deleted, or not ours) are left out and shown by type alone.
 */
export async function describeEntities(db: Executor, rows: { entityType: string; entityId: string | null }[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const applicationIds = numericIds(rows, "application");
  if (applicationIds.length) {
    const apps = await db
      .select({ id: applications.id, submittedAt: applications.submittedAt, createdAt: applications.createdAt, municipality: municipalities.officialName })
      .from(applications)
      .innerJoin(municipalities, eq(municipalities.code, applications.municipalityCode))
      .where(inArray(applications.id, applicationIds));
    for (const a of apps) out[entityKey("application", String(a.id))] = `${referenceNumber(a)} · ${a.municipality}`;
  }
  const callIds = numericIds(rows, "call");
  if (callIds.length) {
    for (const c of await db.select({ id: calls.id, title: calls.title }).from(calls).where(inArray(calls.id, callIds))) {
      out[entityKey("call", String(c.id))] = c.title;
    }
  }
  const poolIds = numericIds(rows, "pool");
  if (poolIds.length) {
    for (const p of await db.select({ id: pools.id, name: pools.name }).from(pools).where(inArray(pools.id, poolIds))) {
      out[entityKey("pool", String(p.id))] = p.name;
    }
  }
  const invitationIds = numericIds(rows, "invitation");
  if (invitationIds.length) {
    const rowsFound = await db.select({ id: invitations.id, name: invitations.name, email: invitations.email }).from(invitations).where(inArray(invitations.id, invitationIds));
    for (const i of rowsFound) out[entityKey("invitation", String(i.id))] = `${i.name} (${i.email})`;
  }
  const mailIds = numericIds(rows, "email_outbox");
  if (mailIds.length) {
    const mails = await db.select({ id: emailOutbox.id, subject: emailOutbox.subject, to: emailOutbox.toAddress }).from(emailOutbox).where(inArray(emailOutbox.id, mailIds));
    for (const m of mails) out[entityKey("email_outbox", String(m.id))] = `„${m.subject}“ til ${m.to}`;
  }
  const userIds = [...new Set(rows.filter((r) => r.entityType === "user" && r.entityId && UUID.test(r.entityId)).map((r) => r.entityId!))];
  if (userIds.length) {
    for (const u of await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, userIds))) {
      out[entityKey("user", u.id)] = u.name;
    }
  }
  return out;
}

export function entityDescription(descriptions: Record<string, string>, row: { entityType: string; entityId: string | null }): string | null {
  return row.entityId ? (descriptions[entityKey(row.entityType, row.entityId)] ?? null) : null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
