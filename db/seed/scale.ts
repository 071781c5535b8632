// Scaled demo data for measurements (`npm run db:seed -- --scale N`, issue 19): the demo's
// data multiplied N times by bulk INSERT … SELECT (generate_series), deterministic, on both
// PostgreSQL and PGlite. Runs as the tables' owner right after the demo seed, in one
// transaction.
//
// 1. Fill: every call gets an application from each eligible municipality that has none
//    (a copy of the call's first application and its quarterly budget: submitted when the
//    deadline has passed, else a draft), so a call holds ~98 applications as in real life.
// 2. Copy N−1 times every table that hangs off the pools by a foreign key (calls,
//    applications, budgets, assessments, allocation, grants, ledger, payments, budget
//    versions and changes, accounts, programmes, milestones, sessions, and the reporting
//    tables — progress reports, versions, indicators, spend — whenever they hold rows): copy k
//    gets id + k × (the table's largest id), and every reference (declared foreign keys and
//    the few undeclared ones below) moves by the referenced table's offset. Each copy has
//    its own pools, so a pool's allocated amount still equals its ledger and stays within
//    its total, and every grant's committed/paid still equals its ledger and payments.
//    Municipalities, users, agencies and reference data are shared (the 98 real ones).
//    Uploaded files (tables with a storage_key) are not copied: their bytes live on disk.
// 3. Audit log: the demo's entries repeated over the copies (entity ids moved along) up to
//    AUDIT_ROWS_PER_UNIT × N rows — about a million at ×100. Inserts only: the append-only
//    triggers refuse UPDATE/DELETE, never INSERT.
import { sql } from "drizzle-orm";
import type { Executor } from "../client";

export const AUDIT_ROWS_PER_UNIT = 10_000;

/** References the catalog does not know (no FOREIGN KEY on purpose): table.column → table. */
const UNDECLARED: Record<string, Record<string, string>> = {
  grant_ledger_entries: { payment_id: "payments", repayment_claim_id: "repayment_claims" },
  budget_versions: { budget_change_id: "budget_changes" },
};

/** Tables the database's triggers fill from the copied rows (decisions 034, 038): never copied. */
const DERIVED = ["application_standings", "application_totals"];

/** audit_log.entity_type → the table its entity_id points into (numeric ids). */
const AUDIT_ENTITIES: Record<string, string> = {
  application: "applications",
  call: "calls",
  pool: "pools",
  grant: "grants",
  payment: "payments",
  allocation_round: "allocation_rounds",
  budget_change: "budget_changes",
  accounts: "grant_accounts",
  repayment_claim: "repayment_claims",
  programme: "advisory_programmes",
  milestone: "milestones",
  session: "cross_municipal_sessions",
  progress_report: "progress_reports",
  report: "progress_reports",
};

/** Text columns that name a thing on screen: a copy says which set it belongs to. */
const LABELS: Record<string, string> = { calls: "title", pools: "name" };

type Row = Record<string, unknown>;
const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function rows<T = Row>(db: Executor, text: string): Promise<T[]> {
  const r = (await db.execute(sql.raw(text))) as unknown;
  return (Array.isArray(r) ? r : (r as { rows: T[] }).rows) as T[];
}

export type ScaleResult = {
  factor: number;
  /** Rows per copied table before the copies (after the fill) and after. */
  before: Record<string, number>;
  after: Record<string, number>;
  filledApplications: number;
  auditRows: number;
  ms: number;
};

export async function scaleDemo(tx: Executor, factor: number, opts: { auditRowsPerUnit?: number } = {}): Promise<ScaleResult> {
  if (!Number.isInteger(factor) || factor < 1 || factor > 1000) throw new Error(`--scale skal være et helt tal mellem 1 og 1000 (fik ${factor})`);
  const started = performance.now();
  const filledApplications = await fillApplications(tx);

  const fks = await rows<{ t: string; c: string; ref: string }>(
    tx,
    `SELECT kcu.table_name AS t, kcu.column_name AS c, ccu.table_name AS ref
       FROM information_schema.table_constraints tc
       JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
       JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
      WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = 'public'`,
  );
  const cols = await rows<{ t: string; c: string; type: string; generated: string }>(
    tx,
    `SELECT table_name AS t, column_name AS c, data_type AS type, is_generated AS generated
       FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
  );
  const columnsOf = new Map<string, { c: string; type: string }[]>();
  for (const col of cols) {
    if (col.generated === "ALWAYS") continue;
    if (!columnsOf.has(col.t)) columnsOf.set(col.t, []);
    columnsOf.get(col.t)!.push({ c: col.c, type: col.type });
  }
  const hasFiles = (t: string) => columnsOf.get(t)?.some((c) => c.c === "storage_key") ?? false;

  // The tables that hang off the pools, parents before children.
  const set = new Set<string>(["pools"]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const fk of fks) {
      if (set.has(fk.ref) && !set.has(fk.t) && !hasFiles(fk.t) && fk.t !== "audit_log" && !DERIVED.includes(fk.t)) {
        set.add(fk.t);
        grew = true;
      }
    }
  }
  const refs = new Map<string, Map<string, string>>();
  for (const fk of fks) {
    if (!set.has(fk.t) || !set.has(fk.ref) || fk.t === fk.ref) continue;
    if (!refs.has(fk.t)) refs.set(fk.t, new Map());
    refs.get(fk.t)!.set(fk.c, fk.ref);
  }
  for (const [t, m] of Object.entries(UNDECLARED)) {
    if (!set.has(t)) continue;
    if (!refs.has(t)) refs.set(t, new Map());
    for (const [c, ref] of Object.entries(m)) if (set.has(ref) && columnsOf.get(t)?.some((x) => x.c === c)) refs.get(t)!.set(c, ref);
  }
  const order: string[] = [];
  const visiting = new Set<string>();
  const visit = (t: string) => {
    if (order.includes(t) || visiting.has(t)) return;
    visiting.add(t);
    // Undeclared references may point forward (a cycle); only declared ones order the inserts.
    for (const fk of fks) if (fk.t === t && set.has(fk.ref) && fk.ref !== t) visit(fk.ref);
    visiting.delete(t);
    order.push(t);
  };
  for (const t of [...set].sort()) visit(t);

  const intId = (t: string) => columnsOf.get(t)?.find((c) => c.c === "id" && (c.type === "integer" || c.type === "bigint"));
  const uuidId = (t: string) => columnsOf.get(t)?.find((c) => c.c === "id" && c.type === "uuid");
  const offset = new Map<string, number>();
  const before: Record<string, number> = {};
  for (const t of order) {
    const [r] = await rows<{ n: string | number; m: string | number | null }>(
      tx,
      `SELECT count(*) AS n, ${intId(t) ? "max(id)" : "NULL"} AS m FROM ${q(t)}`,
    );
    before[t] = Number(r!.n);
    offset.set(t, Number(r!.m ?? 0));
  }

  // A uuid key becomes a deterministic new uuid per copy; an integer key moves by the offset.
  const moved = (ref: string, expr: string) =>
    uuidId(ref) ? `CASE WHEN ${expr} IS NULL THEN NULL ELSE md5(${expr}::text || '/' || k)::uuid END` : `${expr} + k * ${offset.get(ref) ?? 0}`;
  if (factor > 1) {
    for (const t of order) {
      if (before[t] === 0) continue;
      const list = columnsOf.get(t)!;
      const exprs = list.map(({ c }) => {
        if (c === "id" && (intId(t) || uuidId(t))) return moved(t, "src.id");
        const ref = refs.get(t)?.get(c);
        if (ref) return moved(ref, `src.${q(c)}`);
        if (LABELS[t] === c) return `src.${q(c)} || ' · sæt ' || (k + 1)`;
        return `src.${q(c)}`;
      });
      await tx.execute(
        sql.raw(
          `INSERT INTO ${q(t)} (${list.map((c) => q(c.c)).join(", ")})
           SELECT ${exprs.join(", ")} FROM ${q(t)} src CROSS JOIN generate_series(1, ${factor - 1}) AS k`,
        ),
      );
    }
    for (const t of order) {
      if (!intId(t) || before[t] === 0) continue;
      await tx.execute(sql.raw(`SELECT setval(pg_get_serial_sequence('${t}', 'id'), (SELECT max(id) FROM ${q(t)}))`));
    }
  }

  const auditRows = await scaleAudit(tx, factor, (opts.auditRowsPerUnit ?? AUDIT_ROWS_PER_UNIT) * factor, offset);
  const after: Record<string, number> = {};
  for (const t of order) {
    const [r] = await rows<{ n: string | number }>(tx, `SELECT count(*) AS n FROM ${q(t)}`);
    after[t] = Number(r!.n);
  }
  return { factor, before, after, filledApplications, auditRows, ms: performance.now() - started };
}

/** Every eligible municipality without an application gets one, copied from the call's first. */
async function fillApplications(tx: Executor) {
  const cols = await rows<{ c: string }>(
    tx,
    `SELECT column_name AS c FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name = 'applications' AND column_name <> 'id' AND is_generated <> 'ALWAYS'
      ORDER BY ordinal_position`,
  );
  const fixed: Record<string, string> = {
    municipality_code: "e.municipality_code",
    status: "CASE WHEN c.deadline < now() THEN 'submitted' ELSE 'draft' END",
    version: "1",
    submitted_at: "CASE WHEN c.deadline < now() THEN c.deadline - interval '1 day' ELSE NULL END",
    submitted_by: "NULL",
    reopen_reason: "NULL",
    rejection_reason: "NULL",
    second_assessor_id: "NULL",
    created_by: "NULL",
    updated_by: "NULL",
    contact_email: "'kontakt.' || e.municipality_code || '@example.dk'",
  };
  const names = cols.map((x) => x.c);
  const inserted = await rows<{ id: number }>(
    tx,
    `INSERT INTO applications (${names.map(q).join(", ")})
     SELECT ${names.map((c) => fixed[c] ?? `a.${q(c)}`).join(", ")}
       FROM call_eligible_municipalities e
       JOIN calls c ON c.id = e.call_id
       JOIN LATERAL (SELECT * FROM applications x WHERE x.call_id = e.call_id ORDER BY x.id LIMIT 1) a ON true
      WHERE NOT EXISTS (SELECT 1 FROM applications y WHERE y.call_id = e.call_id AND y.municipality_code = e.municipality_code)
      ORDER BY e.call_id, e.municipality_code
     RETURNING id`,
  );
  if (inserted.length === 0) return 0;
  const minId = Math.min(...inserted.map((r) => Number(r.id)));
  await tx.execute(
    sql.raw(
      `INSERT INTO application_budget_lines (application_id, category_id, quarter, amount_ore)
       SELECT n.id, l.category_id, l.quarter, l.amount_ore
         FROM applications n
         JOIN LATERAL (SELECT x.id FROM applications x WHERE x.call_id = n.call_id ORDER BY x.id LIMIT 1) first ON true
         JOIN application_budget_lines l ON l.application_id = first.id
        WHERE n.id >= ${minId}`,
    ),
  );
  return inserted.length;
}

/** The demo's audit entries spread over the copies, repeated up to `target` rows in all. */
async function scaleAudit(tx: Executor, factor: number, target: number, offset: Map<string, number>) {
  const [r] = await rows<{ n: string | number; m: string | number | null }>(tx, `SELECT count(*) AS n, max(id) AS m FROM audit_log`);
  const base = Number(r!.n);
  if (base === 0 || factor === 1) return base;
  const extra = Math.max(0, target - base);
  const cases = Object.entries(AUDIT_ENTITIES)
    .filter(([, t]) => offset.has(t))
    .map(([type, t]) => `WHEN '${type}' THEN (a.entity_id::bigint + k * ${offset.get(t)})::text`)
    .join(" ");
  // k cycles through the copies 1 … N−1 (and the original when there are more rows than copies).
  await tx.execute(
    sql.raw(
      `INSERT INTO audit_log (at, actor_user_id, actor_role, action, entity_type, entity_id, before, after, request_id)
       SELECT a.at - (g / ${base}) * interval '1 minute', a.actor_user_id, a.actor_role, a.action, a.entity_type,
              CASE WHEN a.entity_id ~ '^[0-9]+$' THEN CASE a.entity_type ${cases || "WHEN '' THEN NULL"} ELSE a.entity_id END ELSE a.entity_id END,
              a.before, a.after, 'seed-scale'
         FROM generate_series(0, ${extra - 1}) AS g
         CROSS JOIN LATERAL (SELECT (g / ${base}) % ${factor - 1} + 1 AS k) kk
         JOIN (SELECT row_number() OVER (ORDER BY id) - 1 AS rn, * FROM audit_log WHERE id <= ${Number(r!.m)}) a ON a.rn = g % ${base}`,
    ),
  );
  return base + extra;
}
