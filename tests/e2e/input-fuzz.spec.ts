// Input fuzz on every form: each payload of tests/support/fuzz-payloads.ts goes into each
// field of each form the app renders (found on the pages, hidden intents and submit buttons
// included), signed in as a role that may use it, posted over HTTP to the real server. The
// answer must never be 5xx; a refusal must explain itself in Danish and change nothing (a
// checksum of every table before and after, read through the e2e server's test channel);
// what is accepted must come back escaped on the pages that show it. At the end no stored
// row may hold the CPR number the fuzz tried to smuggle in.
//
// Forms that only show in some states (a payment to approve, accounts to approve, a failed
// mail, a locked user, a seminar to answer) are reached by bringing the record there first:
// `advance` posts a form of the page with its own values, as a user would; where no screen
// makes the state (a mail whose sending failed, a draft call), a row is set through the test
// channel. The visits list below names them in order; a visit may name how to bring the
// record back after an accepted post (a submitted report is sent back), so every payload
// meets the form in the same state. Each form reached prints a line (FORM role route
// [intent] fields), and the end prints the figures and where the seconds went.
//
// Runtime (the target is 90 s): the posts go over HTTP with fetch (no navigation),
// a page is fetched the same way and its forms read in one script-less browser tab (no
// browser context and navigation per page), the table checksums are reused while no
// transaction has committed, and each field gets a
// sample for its type instead of the whole table: free text one payload of six kinds, a
// number or date the amounts or dates and a wrong type, a hidden field or a choice a wrong
// type and markup, a file its content and name; every field also goes missing and twice.
// The kinds' payloads are taken in turn, so the fields together use the whole table;
// FUZZ_FULL=1 puts every payload into every field.
//
// Posting junk changes the demo data (drafts saved, calls published, users locked), so this
// file runs its own server and database, like every-button.spec.ts.
import { spawn, type ChildProcess } from "node:child_process";
import { createDecipheriv, createHash } from "node:crypto";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { THEMES } from "../../app/domain/programmes/programme-constants";
import { normaliseForCpr } from "../../app/utils/cpr";
import { CookieJar } from "../support/cookie-jar";
import { classify, danishRefusalProblem, injectedMarkupIn, visibleText } from "../support/fuzz-oracle";
import { CPR_DIGITS, FUZZ_PAYLOADS, type FuzzPayload } from "../support/fuzz-payloads";
import { recordSecurityFigures } from "../support/security-figures";
import type { E2eFixtures } from "./fixtures-data";
import { DEMO_PASSWORD, fixtures } from "./utils";

const PORT_BASE = Number(process.env.E2E_PORT ?? 3111);
const NAME = `e2e-fuzz-${PORT_BASE}`;
const PORT = PORT_BASE + 2000;
const BASE = `http://localhost:${PORT}`;
const SECRET = `${NAME}-secret-not-for-production-0000000`;
/** Tables a refusal may change by design: sessions, and the sign-in history and throttle (every wrong password counts). */
const CHANGES_ALLOWED = new Set(["sessions", "login_throttles", "login_attempts"]);
/** Audit rows that record a read, written by showing a page (a refusal shows the page again). */
const READ_AUDITS = new Set(["mail.viewed", "mail.attachment-viewed"]);

type Role = keyof E2eFixtures["logins"] | "anon";
type Entry = [name: string, value: string | { file: string }];
type Form = {
  role: Role;
  page: string;
  action: string;
  key: string;
  /** What the form does: its submitter (`intent=approve`) or its hidden intent; "" when neither. */
  intent: string;
  multipart: boolean;
  entries: Entry[];
  fields: string[];
  types: Record<string, string>;
};

const KINDS = [...new Set(FUZZ_PAYLOADS.map((p) => p.kind))];
/** A theme's name inside a field name (`theme_udredning_score`, `comment_theme:indsats`): the four themes' fields share one parser, like numbered rows. */
const THEME_NAMES = new RegExp(`(?<=^|[_:])(${THEMES.join("|")})(?=$|[_\\]])`, "g");

/**
 * What a field of each type gets besides the two shapes (left out, sent twice): free text
 * one payload of every kind; a field whose browser control only lets a few values through
 * (a date, a number, a choice, a hidden id or intent, a file) the kinds that reach its parser
 * and the markup that must never come back unescaped. A kind named twice gets two of its payloads.
 */
const KINDS_BY_TYPE: Record<string, FuzzPayload["kind"][]> = {
  text: ["text", "control", "markup", "sql", "type", "cpr"],
  number: ["amount", "amount", "type", "markup"],
  date: ["date", "date", "type"],
  hidden: ["type", "sql", "markup"],
  choice: ["type", "markup"],
  file: ["text", "markup"],
};

function typeGroup(type: string | undefined): string {
  if (type && type in KINDS_BY_TYPE) return type;
  if (type === "number" || type === "decimal" || type === "numeric") return "number";
  if (type === "date" || type === "time" || type === "datetime-local" || type === "month") return "date";
  if (type === "hidden") return "hidden";
  if (type === "select" || type === "checkbox" || type === "radio") return "choice";
  if (type === "file") return "file";
  return "text";
}

/**
 * The payloads for the n-th field of its type group: a representative sample for its type
 * (the kind's payloads taken in turn, so the fields together use every payload in the
 * table) and both shapes. FUZZ_FULL=1 puts every payload into every field (about ten
 * times as many requests).
 */
function payloadsFor(n: number, type?: string): FuzzPayload[] {
  if (process.env.FUZZ_FULL === "1") return FUZZ_PAYLOADS;
  const kinds = KINDS_BY_TYPE[typeGroup(type)];
  const seen = new Map<string, number>();
  const picked = kinds.map((kind) => {
    const ofKind = FUZZ_PAYLOADS.filter((p) => p.kind === kind);
    const i = seen.get(kind) ?? 0;
    seen.set(kind, i + 1);
    return ofKind[(n * kinds.filter((k) => k === kind).length + i) % ofKind.length];
  });
  // A file sent twice is the same check as one file: only "left out" for files.
  return [...picked, ...FUZZ_PAYLOADS.filter((p) => p.kind === "shape" && (typeGroup(type) !== "file" || p.shape === "missing"))];
}

let server: ChildProcess | undefined;
let serverErrors = "";
let fx: E2eFixtures;
let nextId = 1;
const pending = new Map<number, (msg: { rows?: Record<string, unknown>[]; error?: string }) => void>();

/** SQL through the server's own database handle (scripts/e2e-server.ts, E2E_TEST_CHANNEL). */
function query<T = Record<string, unknown>>(sqlText: string): Promise<T[]> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, (msg) => (msg.error ? reject(new Error(msg.error)) : resolve(msg.rows as T[])));
    server!.send({ id, sql: sqlText });
  });
}

test.beforeAll(async () => {
  // Seeding the demo (award letters rendered as PDF) next to the suite's own server: slow on a busy machine.
  test.setTimeout(360_000);
  let ready!: () => void;
  const isReady = new Promise<void>((r) => (ready = r));
  server = spawn(process.execPath, ["--import", "tsx", "scripts/e2e-server.ts"], {
    env: { ...process.env, E2E_PORT: String(PORT), E2E_NAME: NAME, E2E_TEST_CHANNEL: "1", SESSION_SECRET: SECRET },
    stdio: ["ignore", "ignore", "pipe", "ipc"],
    serialization: "advanced",
  });
  server.stderr!.on("data", (d: Buffer) => {
    serverErrors += d.toString();
    process.stderr.write(d);
  });
  server.on("message", (msg: { id?: number; ready?: boolean; rows?: Record<string, unknown>[]; error?: string }) => {
    if (msg.ready) ready();
    else if (msg.id) {
      pending.get(msg.id)?.(msg);
      pending.delete(msg.id);
    }
  });
  await isReady;
  fx = fixtures(NAME);
});

test.afterAll(async () => {
  if (!server || server.exitCode !== null) return;
  const exited = new Promise((resolve) => server!.once("exit", resolve));
  server.kill("SIGTERM");
  await exited;
});

// ---- sessions ------------------------------------------------------------------------

const jars = new Map<Role, CookieJar>();
const passwords = new Map<Role, string>();

async function signIn(role: Role) {
  const jar = new CookieJar();
  jars.set(role, jar);
  if (role === "anon") return jar;
  const res = await fetch(`${BASE}/login`, {
    method: "POST",
    headers: { origin: BASE },
    body: new URLSearchParams({ email: fx.logins[role], password: passwords.get(role) ?? DEMO_PASSWORD, redirectTo: "/" }),
    redirect: "manual",
  });
  jar.take(res.headers);
  return jar;
}

type Answer = { status: number; location: string | null; html: string };

async function send(role: Role, path: string, body?: URLSearchParams | FormData): Promise<Answer> {
  const jar = jars.get(role) ?? (await signIn(role));
  const res = await fetch(`${BASE}${path}`, {
    method: body ? "POST" : "GET",
    headers: { origin: BASE, cookie: jar.header() },
    body,
    redirect: "manual",
  });
  jar.take(res.headers);
  return { status: res.status, location: res.headers.get("location"), html: await res.text() };
}

/** As `send`, signing in again when the session is gone (a fuzzed "sign out everywhere" was accepted). */
let signedInAgain: (() => Promise<void>) | undefined;

async function sendSignedIn(role: Role, path: string, body?: () => URLSearchParams | FormData): Promise<Answer> {
  const first = await send(role, path, body?.());
  if (role === "anon" || first.status !== 302 || !first.location?.startsWith("/login")) return first;
  await signIn(role);
  await signedInAgain?.();
  return send(role, path, body?.());
}

// ---- the forms on a page ---------------------------------------------------------------

/** Where the seconds go (printed at the end): page loads in the browser, table scans, posts. */
const spent = { pages: 0, scans: 0, posts: 0, n: { pages: 0, scans: 0 } };

async function formsOn(browser: Browser, role: Role, page: string): Promise<Form[]> {
  const t0 = Date.now();
  try {
    return await formsOnPage(browser, role, page);
  } finally {
    spent.pages += Date.now() - t0;
    spent.n.pages++;
  }
}

let reader: Page | undefined;

/**
 * The page asked for over HTTP with the role's cookies (redirects followed, as a browser
 * would), then read in one long-lived browser tab without scripts or network: its DOM gives
 * each form's FormData exactly as a browser would send it, without a browser context and a
 * navigation per page.
 */
async function formsOnPage(browser: Browser, role: Role, page: string): Promise<Form[]> {
  let at = page;
  let res = await send(role, at);
  for (let hops = 0; res.status >= 300 && res.status < 400 && res.location && hops < 5; hops++) {
    const next = new URL(res.location, `${BASE}${at}`);
    at = next.pathname + next.search;
    res = await send(role, at);
  }
  if (!reader) {
    const context = await browser.newContext({ javaScriptEnabled: false });
    await context.route("**/*", (route) => route.abort());
    reader = await context.newPage();
  }
  const tab = reader;
  if (res.status < 400) await tab.setContent(res.html.replace(/<head[^>]*>/i, (head) => `${head}<base href="${BASE}${at}">`), { waitUntil: "domcontentloaded" });
  const found =
    res.status < 400
      ? await tab.evaluate(() => {
          const out: {
            action: string;
            multipart: boolean;
            entries: [string, string | { file: string }][];
            fields: string[];
            types: Record<string, string>;
            submitter: string;
            hiddenIntent: string;
          }[] = [];
          for (const form of Array.from(document.querySelectorAll("form"))) {
            if ((form.getAttribute("method") ?? "get").toLowerCase() !== "post") continue;
            const controls = Array.from(form.elements) as HTMLInputElement[];
            const submitters = controls.filter((c) => c.name !== undefined && (c.type === "submit" || c.type === "image"));
            const typed = controls.filter((c) => c.name && c.type !== "submit" && c.type !== "image" && c.type !== "button");
            const fields = [...new Set(typed.map((c) => c.name))];
            const types = Object.fromEntries(
              typed.map((c) => [c.name, c.tagName === "SELECT" ? "select" : c.type === "text" && /decimal|numeric/.test(c.inputMode) ? "decimal" : c.type]),
            );
            const fileAccept = Object.fromEntries(controls.filter((c) => c.type === "file").map((c) => [c.name, c.accept]));
            for (const submitter of submitters.length ? submitters : [null]) {
              const entries: [string, string | { file: string }][] = [];
              for (const [name, value] of new FormData(form, submitter)) {
                entries.push([name, typeof value === "string" ? value : { file: fileAccept[name] ?? "" }]);
              }
              // Empty visible fields get an ordinary value, so the fuzzed field is what decides.
              for (const c of controls) {
                if (!c.name || c.type === "hidden" || typeof c.value !== "string" || c.value !== "") continue;
                const ordinary: Record<string, string> = { date: "2024-03-01", time: "12:00", email: "fuzz@example.dk", number: "1", password: "" };
                const value = ordinary[c.type] ?? (c.inputMode === "decimal" || c.inputMode === "numeric" ? "1000" : "Almindelig tekst");
                if (!value) continue;
                const at = entries.findIndex(([n, v]) => n === c.name && v === "");
                if (at >= 0) entries[at] = [c.name, value];
              }
              out.push({
                action: new URL(form.getAttribute("action") ? form.action : document.baseURI).pathname + new URL(form.getAttribute("action") ? form.action : document.baseURI).search,
                multipart: form.enctype === "multipart/form-data",
                entries,
                fields,
                types,
                submitter: submitter?.name ? `${submitter.name}=${submitter.value}` : "",
                hiddenIntent: controls.find((c) => c.name === "intent" && c.type === "hidden")?.value ?? "",
              });
            }
          }
          return out;
        })
      : [];
  return found
    .filter((f) => f.action !== "/logout")
    .map((f) => ({ ...f, intent: f.submitter || (f.hiddenIntent ? `intent=${f.hiddenIntent}` : "") }))
    .map((f) => ({
      role,
      page,
      action: f.action,
      intent: f.intent,
      multipart: f.multipart,
      entries: f.entries,
      fields: f.fields.length ? f.fields : ["(extra)"],
      types: f.types,
      key: `${role === "anon" ? "anon" : "user"} ${f.action.replace(/\/[0-9a-f-]{36}|\/\d+/g, "/:id").replace(/\?.*/, "")} ${f.intent} ${[...f.fields].sort().join(",")}`,
    }));
}

/**
 * Brings a record on to its next state the ordinary way: posts the first form on the page
 * that does `intent` ("intent=approve"; "" for the page's only form) with the values the
 * page gave it. Null when the page has no such form (the record is past that state).
 */
let advance: (role: Role, page: string, intent: string, values?: (form: Form) => Record<string, string | string[]>) => Promise<Answer | null>;

// ---- one post ------------------------------------------------------------------------

/** No payload: the form's own values (the field named "" does not exist and is left out). */
const ORDINARY: FuzzPayload = { kind: "shape", label: "ordinary", value: "", shape: "missing" };
const PDF = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
const CSV = "kommunekode;behovsindeks\n0360;1,5\n";

function bodyOf(form: Form, field: string, payload: FuzzPayload): URLSearchParams | FormData {
  const entries: Entry[] = [];
  let placed = false;
  for (const [name, value] of form.entries) {
    if (name !== field) entries.push([name, value]);
    else if (!placed) {
      placed = true;
      if (payload.shape === "missing") continue;
      if (payload.shape === "repeated") entries.push([name, value], [name, typeof value === "string" ? payload.value : { file: "" }]);
      else entries.push([name, typeof value === "string" ? payload.value : { file: "fuzz" }]);
    }
  }
  if (!placed && payload.shape !== "missing") entries.push([field, payload.value]);
  if (!form.multipart) {
    const body = new URLSearchParams();
    for (const [n, v] of entries) body.append(n, typeof v === "string" ? v : "");
    return body;
  }
  const body = new FormData();
  for (const [n, v] of entries) {
    if (typeof v === "string") body.append(n, v);
    else if (v.file === "fuzz") body.append(n, new Blob([payload.value]), payload.value.slice(0, 200) || "tom");
    else if (v.file.includes("csv")) body.append(n, new Blob([CSV], { type: "text/csv" }), "behovsindeks.csv");
    else body.append(n, new Blob([PDF], { type: "application/pdf" }), "bilag.pdf");
  }
  return body;
}

/** The form with some fields set (a list: the field once per value), as a user would fill them in. */
function withValues(form: Form, values: Record<string, string | string[]>): Form {
  const entries = form.entries.filter(([n]) => !(n in values));
  for (const [n, v] of Object.entries(values)) for (const one of [v].flat()) entries.push([n, one]);
  return { ...form, entries };
}

let lastXmax = "";
let lastSums = new Map<string, string>();

/**
 * Per table, a sum that changes with any insert, update or delete. When no transaction has
 * committed a write since the last call (the snapshot's xmax has not moved), the last sums
 * still hold, which saves the table scans on PGlite (a shared server's other databases move it).
 */
async function tableChecksums(): Promise<Map<string, string>> {
  const [{ x }] = await query<{ x: string }>("select pg_snapshot_xmax(pg_current_snapshot())::text as x");
  if (x === lastXmax) return lastSums;
  const t0 = Date.now();
  lastSums = await scanTables();
  spent.scans += Date.now() - t0;
  spent.n.scans++;
  lastXmax = x;
  return lastSums;
}

async function scanTables(): Promise<Map<string, string>> {
  const tables = await query<{ t: string }>(
    "select table_name as t from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1",
  );
  const parts = tables
    .map((r) => r.t)
    .filter((t) => !CHANGES_ALLOWED.has(t))
    // Every insert or update writes a row version with a new xmin, and a delete lowers the count:
    // cheaper than hashing each row's text, and it misses no change.
    .map((t) => `select '${t}' as t, count(*)::text || ':' || coalesce(sum(xmin::text::bigint), 0)::text as h from "${t}"`);
  return new Map((await query<{ t: string; h: string }>(parts.join(" union all "))).map((r) => [r.t, r.h]));
}

function changedTables(a: Map<string, string>, b: Map<string, string>) {
  return [...new Set([...a.keys(), ...b.keys()])].filter((t) => a.get(t) !== b.get(t));
}

// ---- the run -------------------------------------------------------------------------

test("every payload in every field of every form: no 5xx, Danish refusals that change nothing, escaped output", async ({ browser }) => {
  test.setTimeout(1_800_000);
  const started = Date.now();
  const f = fx;
  const pendingChanges = async () =>
    (await query<{ id: number }>(`select id from budget_changes where grant_id = ${f.budgetGrantId} order by id desc limit 2`)).map(
      (r) => `/grants/${f.budgetGrantId}/budget-changes/${r.id}`,
    );
  const secretLink = async (kind: "invitation" | "reset-password") => {
    // A real link to open: ask for one the ordinary way first.
    const template = kind === "invitation" ? "invitation" : "password-reset";
    const newest = async () =>
      (await query<{ id: number; sealed: string }>(`select id, sealed_link as sealed from email_outbox where sealed_link is not null and template = '${template}' order by id desc limit 1`))[0];
    const earlier = (await newest())?.id ?? 0;
    if (kind === "reset-password") await send("anon", "/forgot-password", new URLSearchParams({ email: fx.logins.otherMunicipality }));
    else await send("admin", "/admin/users/invite", new URLSearchParams({ email: "fuzz-inviteret@example.dk", name: "Fuzz Inviteret", role: "caseworker" }));
    // The reset mail is made after the answer (the same time whether the address exists or not): wait for it.
    let row = await newest();
    for (let i = 0; i < 100 && (row?.id ?? 0) <= earlier; i++) {
      await new Promise((r) => setTimeout(r, 100));
      row = await newest();
    }
    return row ? new URL(openSealedLink(row.sealed)).pathname : `/${kind}/ikke-et-token`;
  };
  // Forms that only show in some states: each visit below first brings the record there
  // the ordinary way (`advance` posts a form on a page with its own values, as a user would),
  // then the fuzz reads the page.
  const P = f.allocation.paymentGrantId;
  const payments = `/grants/${P}/payments`;
  const accounts = `/grants/${f.accountsGrantId}/accounts`;
  const toPaid = async () => {
    await advance("admin", payments, "intent=release");
    await advance("admin", payments, "intent=prepare");
    await advance("caseworker", payments, "intent=approve");
  };
  const toSubmittedAccounts = async () => {
    await advance("otherMunicipality", accounts, "intent=save");
    await advance("otherMunicipality", accounts, "intent=statement");
    await advance("otherMunicipality", accounts, "intent=submit");
  };
  const draftCall = async () => {
    // A draft as "Opret opslag" leaves it (the fuzz's own posts to /calls/new are refused or land elsewhere).
    const [row] = await query<{ id: number }>(
      `insert into calls (pool_id, title, purpose, project_start, project_end, deadline, status)
       select pool_id, 'Kladde til offentliggørelse (fuzz)', purpose, project_start, project_end, deadline, 'draft' from calls where id = ${f.openCallId} returning id`,
    );
    return `/calls/${row!.id}?confirm=publish`;
  };
  const failedMail = async () => {
    // The mail dispatcher is off in the e2e server: a failed send is set on the row, as the dispatcher would after its last try.
    const [row] = await query<{ id: number }>(
      "update email_outbox set status = 'failed', attempts = 5, last_error = 'SMTP svarede ikke (testdata)' where id = (select min(id) from email_outbox) returning id",
    );
    return `/admin/mail/${row!.id}`;
  };
  const openInvitation = async () => {
    await send("admin", "/admin/users/invite", new URLSearchParams({ email: "fuzz-tilbagekald@example.dk", name: "Fuzz Tilbagekald", role: "caseworker" }));
    const [row] = await query<{ id: number }>("select id from invitations where revoked_at is null and accepted_at is null order by id desc limit 1");
    return `/admin/users?revoke=${row!.id}`;
  };
  const lockedUser = async () => {
    // Five wrong passwords lock the account (app/auth/lockout.ts); the client address allows fifty.
    const email = "vesthimmerland@demo.puljeportal.dk";
    for (let i = 0; i < 5; i++) await send("anon", "/login", new URLSearchParams({ email, password: `forkert-${i}`, redirectTo: "/" }));
    const [row] = await query<{ id: string }>(`select id from users where email = '${email}'`);
    return `/admin/users/${row!.id}`;
  };
  const invitedToSessions = async () => {
    // Two seminars inviting the municipality: its page then has two attendance forms.
    for (const title of ["Seminar om sagsbehandling (fuzz)", "Seminar om børnesamtaler (fuzz)"]) {
      await send(
        "admin",
        "/programmes/sessions",
        new URLSearchParams([["intent", "create"], ["title", title], ["heldOn", "2099-05-01"], ["municipalityCodes[]", "0360"], ["municipalityCodes[]", "0320"], ["themes[]", THEMES[0]]]),
      );
    }
    return "/programmes/sessions";
  };
  const milestone = `/programmes/${f.ownProgrammeId}/milestones/${f.ownMilestoneId}`;
  const pendingChange = async () => {
    // A change over the thresholds waits for the ministry: a whole year of one budget line moved to the next, as budget-change.spec.ts does.
    await advance("municipality", `/grants/${f.budgetGrantId}/budget-changes/new`, "", (form) => {
      const cells = form.entries.filter(([n, v]) => /^budget_\d+_/.test(n) && typeof v === "string") as [string, string][];
      const [from, to] = [...new Set(cells.map(([n]) => n.split("_")[1]))];
      const years = [...new Set(cells.map(([n]) => n.split("_")[2].slice(0, 4)))];
      const values: Record<string, string> = { reason: "Efteruddannelsen udvides (fuzz)." };
      for (const [n, v] of cells) {
        if (n.split("_")[1] !== from || !n.endsWith(`${years[years.length - 1]}-Q${n.slice(-1)}`)) continue;
        const other = n.replace(`budget_${from}_`, `budget_${to}_`);
        values[other] = kroner(ore(v) + ore(cells.find(([m]) => m === other)?.[1] ?? ""));
        values[n] = "0,00";
      }
      return values;
    });
    const rows = await query<{ id: number }>(`select id from budget_changes where grant_id = ${f.budgetGrantId} and status = 'pending' order by id`);
    return rows.map((r) => `/grants/${f.budgetGrantId}/budget-changes/${r.id}`);
  };

  // Reporting on the municipality's own grant: the pool's indicators, the plan, a report filled in and reviewed.
  const G = f.ownGrantId;
  const plan = `/grants/${G}/reports`;
  const [{ pool }] = await query<{ pool: number }>(`select pool_id as pool from grants where id = ${G}`);
  let report = "";
  /** A report the municipality could submit: the four themes scored, every indicator and the narrative filled in. */
  const complete = (form: Form) => {
    const values: Record<string, string> = { activities: "Vi har holdt børnesamtaler (fuzz).", nextSteps: "Opfølgning (fuzz)." };
    for (const field of form.fields) {
      if (/^theme_.+_score$/.test(field)) values[field] = "3";
      if (/^indicator_\d+$/.test(field)) values[field] = "12";
    }
    return values;
  };
  const planned = async () => {
    const ids = await query<{ id: number }>(`select id from report_indicators where pool_id = ${pool} and archived_at is null order by id limit 3`);
    await advance("caseworker", plan, "intent=plan", () => ({ template: "half_yearly", "indicatorIds[]": ids.map((r) => String(r.id)) }));
    return plan;
  };
  const openedReport = async () => {
    // The demo grant's own reports are all in (approved or waiting): one more due date, after today, gives the municipality a report to fill in.
    const [due] = await query<{ id: number }>(
      `insert into grant_report_due_dates (grant_id, kind, due_on, label) values (${G}, 'status_report', '2027-06-30', 'Ekstra statusrapport (fuzz)') returning id`,
    );
    const started = await advance("municipality", plan, "intent=start");
    const [row] = await query<{ id: number }>(`select id from progress_reports where due_date_id = ${due!.id}`);
    report = started?.location?.match(/^\/reports\/\d+/)?.[0] ?? `/reports/${row!.id}`;
    // A complete draft: the fuzzed field is then what decides whether it may be submitted.
    await advance("municipality", report, "intent=save", complete);
    return report;
  };
  /** After an accepted submit: the caseworker sends it back, so the next payload meets an open report again. */
  const sendBack = async () => {
    const version = hiddenValue((await send("caseworker", report)).html, "version");
    if (version) await send("caseworker", report, new URLSearchParams({ intent: "send_back", version, note: "Ret venligst (fuzz)." }));
  };
  let resubmit: Form | undefined;
  const submitted = async () => {
    await advance("municipality", report, "intent=submit", complete);
    resubmit = (await formsOn(browser, "municipality", report)).find((x) => x.intent === "intent=submit");
    return report;
  };
  /** After an accepted send-back: the municipality submits the same complete report again. */
  const submitAgain = async () => {
    const version = hiddenValue((await send("municipality", report)).html, "version");
    if (resubmit && version) await send("municipality", report, bodyOf(withValues(resubmit, { ...complete(resubmit), version }), "", ORDINARY));
  };
  const reminders = (confirm: "pause" | "resume") => `/reports/reminders?confirm=${confirm}&grant=${G}`;

  // In order: a later visit may need what an earlier one made (a payment prepared before it is approved).
  // A visit's third element brings the record back after an accepted post (a report submitted is sent back), so the next payload meets the same form.
  const visits: [Role, string | (() => Promise<string[] | string>), (() => Promise<void>)?][] = [
    ["admin", "/calls/new"],
    ["admin", `/calls/${f.openCallId}/edit`],
    ["admin", `/calls/${f.openCallId}/need-index`],
    ["admin", draftCall],
    ["admin", `/calls/${f.withdrawableCallId}?confirm=withdraw`],
    ["draftMunicipality", `/applications/${f.draftApplicationId}`],
    ["municipality", `/calls/${f.openCallId}/apply`],
    ["caseworker", `/applications/${f.formaliaApplicationId}/assessment`],
    ["admin", `/applications/${f.doubleAssessedApplicationId}/assessment`],
    ["caseworker", `/applications/${f.doubleAssessedApplicationId}/assessment`],
    ["admin", `/applications/${f.formaliaApplicationId}/assessment`],
    ["admin", `/calls/${f.openCallId}/allocation`],
    ["admin", `/calls/${f.historicalCallId}/allocation`],
    ["offeredMunicipality", `/grants/${f.offeredGrantId}/accept`],
    ["municipality", `/grants/${f.budgetGrantId}/budget-changes/new`],
    ["caseworker", pendingChange],
    ["admin", pendingChanges],
    ["admin", `/grants/${f.budgetGrantId}/payments`],
    // Payments, four eyes: prepare and hold; approve and send back (another person); mark paid; release.
    ["admin", payments],
    ["caseworker", async () => (await advance("admin", payments, "intent=release"), await advance("admin", payments, "intent=prepare"), payments)],
    ["admin", async () => (await toPaid(), payments)],
    ["admin", async () => (await advance("admin", payments, "intent=hold"), payments)],
    // Accounts: the municipality's forms; approve, send back and mark ineligible; the repayment claim.
    ["otherMunicipality", accounts],
    ["admin", async () => (await toSubmittedAccounts(), accounts)],
    ["admin", async () => (await toSubmittedAccounts(), await advance("admin", accounts, "intent=approve"), accounts)],
    ["otherMunicipality", accounts],
    // Reporting: indicators, the plan, its due dates, the report filled in and reviewed, reminders paused and resumed.
    ["admin", `/pools/${pool}/indicators`],
    ["caseworker", plan],
    ["caseworker", planned],
    ["municipality", plan],
    ["municipality", openedReport, sendBack],
    ["caseworker", submitted, submitAgain],
    ["admin", reminders("pause")],
    ["admin", async () => (await advance("admin", reminders("pause"), "intent=pause"), reminders("resume"))],
    // Advisory programmes.
    ["admin", "/programmes/new"],
    ["advisor", milestone],
    ["admin", milestone],
    ["municipality", milestone],
    ["admin", "/programmes/sessions"],
    ["municipality", invitedToSessions],
    ["admin", failedMail],
    ["admin", "/admin/users/invite"],
    ["admin", openInvitation],
    ["admin", "/admin/users"],
    ["admin", lockedUser],
    ["admin", `/admin/users/${f.userIds.draftMunicipality}`],
    ["admin", "/admin/clock"],
    // Last for each role: the password form may lock the account, "sign out everywhere" ends the session.
    ["municipality", "/account"],
    ["admin", "/account"],
    ["anon", "/forgot-password"],
    ["anon", async () => secretLink("reset-password")],
    ["anon", async () => secretLink("invitation")],
    ["anon", "/login"],
  ];

  advance = async (role, page, intent, values) => {
    const found = (await formsOn(browser, role, page)).find((x) => x.intent === intent);
    if (!found) return null;
    const form = values ? withValues(found, values(found)) : found;
    const answer = await sendSignedIn(role, form.action, () => bodyOf(form, "", ORDINARY));
    if (answer.status >= 500) violation(`${role} POST ${form.action} [${intent}] with the page's own values: ${answer.status}`);
    return answer;
  };
  const done = new Set<string>();
  const families = new Set<string>();
  const perGroup = new Map<string, number>();
  const violations: string[] = [];
  const routes = new Set<string>();
  let tried = 0;
  let fields = 0;
  let accepted = 0;
  let before = await tableChecksums();
  signedInAgain = async () => {
    before = await tableChecksums();
  };
  const violation = (v: string) => {
    if (violations.includes(v)) return;
    violations.push(v);
    console.log(`VIOLATION ${v.slice(0, 400)}`);
  };

  for (const [role, where, again] of visits) {
    const pages = typeof where === "string" ? [where] : [(await where())].flat();
    for (const page of pages) {
      let forms = (await formsOn(browser, role, page)).filter((form) => !done.has(form.key));
      // Where a record is brought back after each accepted post, a final step (approval) goes last: nothing brings it back from there.
      if (again) forms.sort((a, b) => Number(a.intent === "intent=approve") - Number(b.intent === "intent=approve"));
      // Signing in writes (the session, an audit row): each post is measured from after it.
      before = await tableChecksums();
      for (const form of forms) {
        done.add(form.key);
        console.log(`FORM ${role} ${form.action.replace(/\/[0-9a-f-]{36}|\/\d+/g, "/:id").replace(/\?.*/, "")} [${form.intent || "-"}] ${form.fields.filter((x) => x !== "(extra)").length} fields`);
      }
      if (process.env.FUZZ_VERBOSE) console.log(`${Math.round((Date.now() - started) / 1000)} s, ${tried} tried; ${role} ${page}: ${forms.map((x) => x.key).join(" | ") || "no new forms"}`);
      for (let i = 0; i < forms.length; i++) {
        routes.add(forms[i].action.replace(/\/\d+/g, "/:id").replace(/\?.*/, ""));
        // Fields of one family (a budget grid's cells, a list's rows) share one parser: the
        // first of each family gets the payloads. A hidden field (an id, a version) is read the
        // same way by every form of one route, so the route's first form with it gets them,
        // unless a form has nothing else (a payment's "Godkend": its id, its own intent).
        const familyOf = (field: string, own: boolean) =>
          forms[i].types[field] === "hidden" && !own
            ? `${forms[i].key.split(" ").slice(0, 2).join(" ")} hidden ${field}`
            : `${forms[i].key.split(" ").slice(0, 3).join(" ")} ${field.replace(THEME_NAMES, "θ").replace(/\d+/g, "#")}`;
        const own = forms[i].fields.every((field) => families.has(familyOf(field, false)));
        for (const field of forms[i].fields) {
          const family = familyOf(field, own);
          if (families.has(family)) continue;
          families.add(family);
          families.add(familyOf(field, false));
          fields++;
          const group = typeGroup(forms[i].types[field]);
          const nth = (perGroup.get(group) ?? 0) + 1;
          perGroup.set(group, nth);
          for (const payload of payloadsFor(nth, forms[i].types[field])) {
            const form = forms[i];
            const what = `${role} POST ${form.action} [${form.key.split(" ")[2] || "-"}] ${field} ← ${payload.kind}/${payload.label}`;
            const t0 = Date.now();
            const answer = await sendSignedIn(role, form.action, () => bodyOf(form, field, payload));
            spent.posts += Date.now() - t0;
            tried++;
            const verdict = classify(answer.status, answer.html);
            let after = await tableChecksums();
            if (verdict === "server-error") violation(`${what}: ${answer.status}`);
            else if (verdict === "refused") {
              const problem = danishRefusalProblem(answer.status, answer.html);
              if (problem) violation(`${what}: ${answer.status}, ${problem}`);
              let changed = changedTables(before, after);
              if (changed.length === 1 && changed[0] === "audit_log") {
                // Reading a mail is audited (finding 5): the page a refusal shows again writes its "viewed" row.
                const n = Number(after.get("audit_log")!.split(":")[0]) - Number(before.get("audit_log")!.split(":")[0]);
                const rows = n > 0 ? await query<{ a: string }>(`select action as a from audit_log order by id desc limit ${n}`) : [];
                if (rows.length && rows.every((r) => READ_AUDITS.has(r.a))) changed = [];
              }
              if (changed.length) violation(`${what}: refused (${answer.status}) but changed ${changed.join(", ")}`);
            } else {
              if (verdict === "partly-saved") {
                const problem = danishRefusalProblem(answer.status, answer.html);
                if (problem) violation(`${what}: ${answer.status}, ${problem}`);
              }
              accepted++;
              if (answer.location && /^[a-z]+:|^\/\//i.test(answer.location) && !answer.location.startsWith(BASE)) {
                violation(`${what}: redirected off-site to ${answer.location}`);
              }
              const shown = [answer];
              if (payload.kind === "markup" || payload.kind === "cpr") {
                if (answer.location?.startsWith("/")) shown.push(await send(role, answer.location));
                shown.push(await send(role, page));
              }
              for (const s of shown) {
                const markup = injectedMarkupIn(s.html);
                if (markup) violation(`${what}: ${markup} shown unescaped`);
                if (payload.kind === "cpr" && field !== "password" && !/password/i.test(field) && normaliseForCpr(visibleText(s.html)).replace(/\D/g, "").includes(CPR_DIGITS)) {
                  violation(`${what}: a CPR number was stored and shown`);
                }
              }
              if (again) await again();
              // A stale version or id in the other fields would make every later payload a conflict.
              if (role !== "anon" && form.entries.some(([n]) => /version|updated/i.test(n))) {
                const fresh = shown.length > 1 && !again ? shown[shown.length - 1] : await send(role, page);
                shown.push(fresh);
                forms[i] = { ...form, entries: form.entries.map(([n, v]): Entry => [n, /version|updated/i.test(n) ? (hiddenValue(fresh.html, n) ?? v) : v]) };
              }
              if (/password/i.test(field) && /new/i.test(field) && payload.value) passwords.set(role, payload.value);
              // Pages read in between may write (reading a mail is audited): start the next post from now.
              if (shown.length > 1 || form.entries !== forms[i].entries || again) after = await tableChecksums();
            }
            before = after;
          }
        }
      }
      forms = [];
    }
  }
  if (!jars.has("admin")) await signIn("admin");
  await send("admin", "/admin/clock", new URLSearchParams({ intent: "clear" }));

  // No row anywhere may hold the CPR number, however it was spelled.
  const tables = await query<{ t: string }>("select table_name as t from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'");
  for (const { t } of tables) {
    const rows = await query<{ r: string }>(`select x::text as r from "${t}" x where x::text ~ '[0-9０-９]'`);
    const hits = rows.filter((row) => normaliseForCpr(row.r).replace(/\D/g, "").includes(CPR_DIGITS)).length;
    if (hits) violation(`${t}: ${hits} stored row(s) hold a CPR number`);
  }
  const serverErrorLines = serverErrors.split("\n").filter((l) => /error/i.test(l)).length;
  if (serverErrorLines) violation(`the server logged ${serverErrorLines} error line(s)`);

  const seconds = Math.round((Date.now() - started) / 1000);
  const perField =
    process.env.FUZZ_FULL === "1"
      ? `${FUZZ_PAYLOADS.length}`
      : `${payloadsFor(0).length} (free text) or ${Math.min(...Object.keys(KINDS_BY_TYPE).map((t) => payloadsFor(0, t).length))}–${Math.max(...Object.keys(KINDS_BY_TYPE).map((t) => payloadsFor(0, t).length))} (typed)`;
  const summary = `${perField} payloads per field (of a table of ${FUZZ_PAYLOADS.length}) × ${fields} fields of ${done.size} forms on ${routes.size} routes`;
  console.log(
    `input fuzz: payloads tried ${tried} (${summary}), forms ${done.size}, routes ${routes.size}, fields ${fields}, accepted ${accepted}, violations ${violations.length}, ${seconds} s`,
  );
  const sec = (ms: number) => Math.round(ms / 1000);
  console.log(
    `input fuzz time: ${sec(spent.pages)} s reading ${spent.n.pages} pages in the browser, ${sec(spent.scans)} s in ${spent.n.scans} table scans, ${sec(spent.posts)} s posting ${tried} payloads`,
  );
  recordSecurityFigures({ area: "input-fuzz", tried, unit: "payloads", violations: violations.length, detail: summary });
  expect(violations).toEqual([]);
});

/** A hidden field's value in a page's HTML (React writes `name` before `value`). */
function hiddenValue(html: string, name: string): string | null {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const m = new RegExp(`<input[^>]*name="${escaped}"[^>]*value="([^"]*)"`).exec(html);
  return m ? m[1].replace(/&quot;/g, '"').replace(/&amp;/g, "&") : null;
}

/** The invitation or reset link the outbox holds sealed (app/mail/sealed-link.server.ts), opened with the server's secret. */
function openSealedLink(sealed: string): string {
  const [iv, tag, body] = sealed.split(".").map((part) => Buffer.from(part, "base64url"));
  const key = createHash("sha256").update(`puljeportal outbox link\0${SECRET}`).digest();
  const decipher = createDecipheriv("aes-256-gcm", key, iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]).toString("utf8");
}

/** "62.500,00" → øre; "" → 0. */
function ore(text: string): bigint {
  const s = text.trim().replace(/\./g, "");
  if (s === "") return 0n;
  const [kr, o = "0"] = s.split(",");
  return BigInt(kr!) * 100n + BigInt(o.padEnd(2, "0").slice(0, 2));
}

function kroner(v: bigint): string {
  const kr = (v / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return `${kr},${(v % 100n).toString().padStart(2, "0")}`;
}
