// The bare baseline for the page benchmarks (issue 19): plain node:http, the page's rows
// fetched with hand-written SQL through postgres.js (one pool of 10, as the app), rendered
// with React renderToString into the same table markup (dkfds classes), behind a session
// lookup like the app's (the app's own signed cookie checked with HMAC, then one joined
// SELECT on sessions, users, memberships and organisations). No framework, no routing table,
// no layout, no client JS. Sign-in POST: the user row, argon2 verify, a session row.
// Env: DATABASE_URL, BARE_PORT, SESSION_SECRET. Prints "READY" when listening.
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import http from "node:http";
import { verify } from "@node-rs/argon2";
import postgres from "postgres";
import { createElement as h, type ReactNode } from "react";
import { renderToString } from "react-dom/server";

const sqlc = postgres(process.env.DATABASE_URL!, { max: 10, onnotice: () => {} });
const secret = (process.env.SESSION_SECRET ?? "").split(",")[0]!.trim();
const port = Number(process.env.BARE_PORT ?? 3308);

function tokenOf(cookieHeader: string | undefined) {
  const m = /(?:^|;\s*)pp_session=([^;]+)/.exec(cookieHeader ?? "");
  if (!m) return null;
  const raw = decodeURIComponent(m[1]!);
  const dot = raw.lastIndexOf(".");
  const value = raw.slice(0, dot);
  const sig = Buffer.from(raw.slice(dot + 1));
  const expected = Buffer.from(createHmac("sha256", secret).update(value).digest("base64").replace(/=+$/, ""));
  if (sig.length !== expected.length || !timingSafeEqual(sig, expected)) return null;
  try {
    return JSON.parse(decodeURIComponent(escape(Buffer.from(value, "base64").toString("latin1")))) as string;
  } catch {
    return null;
  }
}

async function actorOf(req: http.IncomingMessage) {
  const token = tokenOf(req.headers.cookie);
  if (!token) return null;
  const id = createHash("sha256").update(token).digest("hex");
  const [row] = await sqlc`
    SELECT u.id, u.name, u.email, m.role, m.municipality_code, mu.official_name, m.agency_id, a.name AS agency_name, s.last_seen_at
      FROM sessions s JOIN users u ON u.id = s.user_id JOIN memberships m ON m.user_id = u.id
      LEFT JOIN municipalities mu ON mu.code = m.municipality_code LEFT JOIN agencies a ON a.id = m.agency_id
     WHERE s.id = ${id} AND s.revoked_at IS NULL AND s.expires_at > now() AND s.last_seen_at > now() - interval '1 hour' AND u.status = 'active'
     LIMIT 1`;
  return row ?? null;
}

const kr = (ore: unknown) => (Number(ore) / 100).toLocaleString("da-DK", { minimumFractionDigits: 2 }) + " kr.";
function table(caption: string, head: string[], rows: ReactNode[][]) {
  return h(
    "table",
    { className: "table table--zebra" },
    h("caption", null, caption),
    h("thead", null, h("tr", null, ...head.map((x) => h("th", { scope: "col", key: x }, x)))),
    h("tbody", null, ...rows.map((r, i) => h("tr", { key: i }, ...r.map((c, j) => h("td", { key: j }, c))))),
  );
}
function page(title: string, body: ReactNode) {
  return "<!DOCTYPE html>" + renderToString(h("html", { lang: "da" }, h("head", null, h("title", null, title)), h("body", null, h("main", { className: "container" }, h("h1", null, title), body))));
}

type Handler = (url: URL, actor: postgres.Row) => Promise<string>;
const pages: Record<string, Handler> = {
  async "/list"(url) {
    const size = Number(url.searchParams.get("pageSize") ?? 25);
    const rows = await sqlc`
      SELECT a.id, mu.name, c.title, a.status, a.requested_ore, a.submitted_at
        FROM applications a JOIN municipalities mu ON mu.code = a.municipality_code JOIN calls c ON c.id = a.call_id
       ORDER BY mu.name, a.id LIMIT ${size}`;
    const [t] = await sqlc`SELECT count(*)::int AS n, coalesce(sum(requested_ore), 0) AS s FROM applications`;
    return page(
      `Ansøgninger (${t!.n})`,
      table("Ansøgninger", ["Kommune", "Opslag", "Status", "Beløb", "Indsendt"], rows.map((r) => [h("a", { href: `/applications/${r.id}` }, r.name), r.title, r.status, kr(r.requested_ore), String(r.submitted_at ?? "")])),
    );
  },
  async "/allocation"(url) {
    const callId = Number(url.searchParams.get("call"));
    const rows = await sqlc`
      SELECT a.id, mu.name, a.status, a.requested_ore, n.value AS need, coalesce(avg(s.score), 0) AS score
        FROM applications a JOIN municipalities mu ON mu.code = a.municipality_code
        LEFT JOIN need_index_entries n ON n.call_id = a.call_id AND n.municipality_code = a.municipality_code
        LEFT JOIN assessment_scores s ON s.application_id = a.id
       WHERE a.call_id = ${callId} AND a.status <> 'draft'
       GROUP BY a.id, mu.name, n.value ORDER BY score DESC, mu.name`;
    const [pool] = await sqlc`SELECT p.total_ore, p.allocated_ore FROM pools p JOIN calls c ON c.pool_id = p.id WHERE c.id = ${callId}`;
    return page(
      `Fordeling (${kr(pool?.allocated_ore)} af ${kr(pool?.total_ore)})`,
      table("Fordeling", ["Kommune", "Status", "Behov", "Point", "Ansøgt"], rows.map((r) => [r.name, r.status, String(r.need ?? ""), Number(r.score).toFixed(1), kr(r.requested_ore)])),
    );
  },
  async "/grant"(url) {
    const id = Number(url.searchParams.get("id"));
    const [g] = await sqlc`SELECT g.*, mu.name FROM grants g JOIN municipalities mu ON mu.code = g.municipality_code WHERE g.id = ${id}`;
    const ledger = await sqlc`SELECT kind, committed_delta_ore, paid_delta_ore, note, booked_on FROM grant_ledger_entries WHERE grant_id = ${id} ORDER BY id`;
    const pays = await sqlc`SELECT quarter, amount_ore, status FROM payments WHERE grant_id = ${id} ORDER BY quarter`;
    return page(
      `Tilsagn ${g?.name} (${kr(g?.committed_ore)}, udbetalt ${kr(g?.paid_ore)})`,
      h(
        "div",
        null,
        table("Bevægelser", ["Dato", "Art", "Tilsagn", "Udbetalt", "Note"], ledger.map((r) => [String(r.booked_on), r.kind, kr(r.committed_delta_ore), kr(r.paid_delta_ore), r.note])),
        table("Udbetalinger", ["Kvartal", "Beløb", "Status"], pays.map((r) => [r.quarter, kr(r.amount_ore), r.status])),
      ),
    );
  },
  async "/timeline"() {
    const rows = await sqlc`
      SELECT p.id, mu.name, p.starts_on, p.planned_end_on, p.status,
             count(m.id)::int AS milestones, count(m.id) FILTER (WHERE m.status = 'gennemfoert')::int AS done
        FROM advisory_programmes p JOIN municipalities mu ON mu.code = p.municipality_code LEFT JOIN milestones m ON m.programme_id = p.id
       GROUP BY p.id, mu.name ORDER BY p.starts_on, mu.name`;
    return page("Tidslinje", table("Forløb", ["Kommune", "Start", "Slut", "Status", "Milepæle"], rows.map((r) => [r.name, String(r.starts_on), String(r.planned_end_on), r.status, `${r.done}/${r.milestones}`])));
  },
  async "/dashboard"() {
    const rows = await sqlc`
      SELECT p.name, p.total_ore, p.allocated_ore, (SELECT count(*) FROM grants g WHERE g.pool_id = p.id)::int AS grants,
             (SELECT coalesce(sum(paid_ore), 0) FROM grants g WHERE g.pool_id = p.id) AS paid
        FROM pools p ORDER BY p.id`;
    return page("Overblik", table("Puljer", ["Pulje", "Ramme", "Bevilget", "Tilsagn", "Udbetalt"], rows.map((r) => [r.name, kr(r.total_ore), kr(r.allocated_ore), String(r.grants), kr(r.paid)])));
  },
  async "/start"(_url, actor) {
    const apps = await sqlc`
      SELECT a.id, c.title, a.status, a.requested_ore FROM applications a JOIN calls c ON c.id = a.call_id
       WHERE a.municipality_code = ${actor.municipality_code} ORDER BY a.id DESC`;
    const grants = await sqlc`SELECT id, committed_ore, paid_ore, status FROM grants WHERE municipality_code = ${actor.municipality_code} ORDER BY id DESC`;
    return page(
      `Forside – ${actor.official_name}`,
      h(
        "div",
        null,
        table("Ansøgninger", ["Opslag", "Status", "Beløb"], apps.map((r) => [r.title, r.status, kr(r.requested_ore)])),
        table("Tilsagn", ["Tilsagn", "Udbetalt", "Status"], grants.map((r) => [kr(r.committed_ore), kr(r.paid_ore), r.status])),
      ),
    );
  },
  async "/form"(url, actor) {
    const id = Number(url.searchParams.get("id"));
    const [a] = await sqlc`SELECT * FROM applications WHERE id = ${id} AND municipality_code = ${actor.municipality_code}`;
    const lines = await sqlc`
      SELECT c.label, l.quarter, l.amount_ore FROM application_budget_lines l JOIN call_cost_categories c ON c.id = l.category_id
       WHERE l.application_id = ${id} ORDER BY c.sort_order, l.quarter`;
    return page(
      "Ansøgning",
      h(
        "form",
        { method: "post" },
        ...["contact_name", "contact_email", "contact_phone", "challenge", "activities", "expected_effect"].map((f) =>
          h("div", { className: "form-group", key: f }, h("label", { className: "form-label", htmlFor: f }, f), h("textarea", { className: "form-input", id: f, name: f, defaultValue: String(a?.[f] ?? "") })),
        ),
        table("Budget", ["Post", "Kvartal", "Beløb"], lines.map((r) => [r.label, r.quarter, h("input", { className: "form-input", name: `b-${r.quarter}`, defaultValue: String(r.amount_ore) })])),
      ),
    );
  },
};

function loginPage() {
  return page(
    "Log ind",
    h(
      "form",
      { method: "post" },
      h("div", { className: "form-group" }, h("label", { className: "form-label", htmlFor: "email" }, "E-mail"), h("input", { className: "form-input", id: "email", name: "email", type: "email" })),
      h("div", { className: "form-group" }, h("label", { className: "form-label", htmlFor: "password" }, "Adgangskode"), h("input", { className: "form-input", id: "password", name: "password", type: "password" })),
      h("button", { className: "button button-primary", type: "submit" }, "Log ind"),
    ),
  );
}

async function signIn(req: http.IncomingMessage, res: http.ServerResponse) {
  let body = "";
  for await (const chunk of req) body += chunk;
  const form = new URLSearchParams(body);
  const email = (form.get("email") ?? "").trim().toLowerCase();
  const [user] = await sqlc`SELECT u.id, u.password_hash FROM users u WHERE lower(u.email) = ${email} AND u.status = 'active' LIMIT 1`;
  if (!user?.password_hash || !(await verify(user.password_hash, form.get("password") ?? ""))) {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(loginPage());
    return;
  }
  const token = randomBytes(32).toString("base64url");
  await sqlc`INSERT INTO sessions (id, user_id, created_at, last_seen_at, expires_at) VALUES (${createHash("sha256").update(token).digest("hex")}, ${user.id}, now(), now(), now() + interval '12 hours')`;
  res.writeHead(302, { location: "/", "set-cookie": `pp_session=${token}; Path=/; HttpOnly; SameSite=Lax` }).end();
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://bare");
  (async () => {
    if (url.pathname === "/login") {
      if (req.method === "POST") return signIn(req, res);
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(loginPage());
      return;
    }
    const handler = pages[url.pathname];
    if (!handler) return void res.writeHead(404).end();
    const actor = await actorOf(req);
    if (!actor) return void res.writeHead(302, { location: "/login" }).end();
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(await handler(url, actor));
  })().catch((e) => {
    console.error(e);
    res.writeHead(500).end();
  });
});
server.listen(port, "127.0.0.1", () => console.log("READY"));
for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => (server.closeAllConnections(), server.close(() => void sqlc.end({ timeout: 2 }).finally(() => process.exit(0)))));
