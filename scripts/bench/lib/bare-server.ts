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
const isoDate = (d: unknown) => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d));
/** The quarters from the project's start to its end, as "2025-Q1". */
function quartersOf(start: string, end: string) {
  const out: string[] = [];
  const [sy, sm] = start.split("-").map(Number) as [number, number];
  const [ey, em] = end.split("-").map(Number) as [number, number];
  for (let y = sy, q = Math.ceil(sm / 3); y < ey || (y === ey && q <= Math.ceil(em / 3)); q === 4 ? ((q = 1), y++) : q++) out.push(`${y}-Q${q}`);
  return out;
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
  // The form as the app renders it (decision 039): the same fields with labels and hints, the
  // theme checkboxes, the budget grid (category × quarter inputs with row and column totals),
  // the confirmation, the attachments and the history, from the same rows (application with
  // call, municipality and editor; categories; budget lines; attachments; history). Until
  // 2026-11-28 it rendered six unlabelled textareas and one query's budget lines.
  async "/form"(url, actor) {
    const id = Number(url.searchParams.get("id"));
    const [a] = await sqlc`
      SELECT a.*, c.title, c.deadline, c.project_start, c.project_end, c.max_amount_ore, mu.official_name, up.name AS updated_by_name
        FROM applications a JOIN calls c ON c.id = a.call_id JOIN municipalities mu ON mu.code = a.municipality_code
        LEFT JOIN users up ON up.id = a.updated_by
       WHERE a.id = ${id} AND a.municipality_code = ${actor.municipality_code}`;
    if (!a) return page("Ikke fundet", null);
    const categories = await sqlc`SELECT id, label FROM call_cost_categories WHERE call_id = ${a.call_id} ORDER BY sort_order, id`;
    const lines = await sqlc`SELECT category_id, quarter, amount_ore FROM application_budget_lines WHERE application_id = ${id}`;
    const files = await sqlc`
      SELECT id, filename, size_bytes, uploaded_at FROM application_attachments WHERE application_id = ${id} AND deleted_at IS NULL ORDER BY uploaded_at, id`;
    const history = await sqlc`
      SELECT l.at, l.action, u.name FROM audit_log l LEFT JOIN users u ON u.id = l.actor_user_id
       WHERE l.entity_type = 'application' AND l.entity_id = ${String(id)} ORDER BY l.at, l.id`;
    const quarters = quartersOf(isoDate(a.project_start), isoDate(a.project_end));
    const amounts = new Map(lines.map((l) => [`${l.category_id}:${l.quarter}`, BigInt(l.amount_ore)]));
    const cell = (c: number, q: string) => amounts.get(`${c}:${q}`) ?? 0n;
    const field = (name: string, label: string, value: unknown, hint?: string, area = false) =>
      h(
        "div",
        { className: "form-group", key: name },
        h("label", { className: "form-label", htmlFor: name }, label),
        hint ? h("span", { className: "form-hint", id: `${name}-hint` }, hint) : null,
        h(area ? "textarea" : "input", { id: name, name, className: "form-input", rows: area ? 6 : undefined, defaultValue: String(value ?? ""), "aria-describedby": hint ? `${name}-hint` : undefined }),
      );
    const themes = (a.themes ?? []) as string[];
    const total = lines.reduce((s, l) => s + BigInt(l.amount_ore), 0n);
    return page(
      `Ansøgning fra ${a.official_name}`,
      h(
        "div",
        null,
        h("p", null, h("a", { href: `/calls/${a.call_id}` }, a.title), ` · Frist ${String(a.deadline)} · Reference ${a.id} · `, h("span", { className: "pp-badge" }, a.status)),
        h("p", { className: "pp-muted" }, `Senest ændret ${String(a.updated_at)} af ${a.updated_by_name ?? ""}.`),
        h("div", { className: "alert alert-info" }, h("div", { className: "alert-body" }, h("p", { className: "alert-heading" }, `Frist: ${String(a.deadline)}`), h("p", { className: "alert-text" }, "Kladden kan ændres og indsendes indtil da."))),
        h(
          "form",
          { method: "post", noValidate: true },
          h("input", { type: "hidden", name: "version", value: a.version }),
          h("h2", null, "Kontaktperson"),
          field("contactName", "Kontaktperson", a.contact_name),
          field("contactEmail", "Kontaktpersonens e-mail", a.contact_email),
          field("contactPhone", "Kontaktpersonens telefon", a.contact_phone),
          h("h2", null, "Underskriftsberettiget"),
          field("signatoryName", "Underskriftsberettiget", a.signatory_name),
          field("signatoryTitle", "Underskriftsberettigets stilling", a.signatory_title, "Fx børne- og familiechef"),
          h("h2", null, "Ansøgningen"),
          field("challenge", "Beskrivelse af udfordringen", a.challenge, "Hvilke udfordringer har kommunen med børnesagerne?", true),
          field("activities", "Planlagte aktiviteter", a.activities, "Hvad vil I gøre med tilskuddet, og hvornår?", true),
          h(
            "fieldset",
            { id: "themes", className: "form-group" },
            h("legend", { className: "form-label" }, "Temaer"),
            ...["udredning", "indsats", "opfoelgning", "inddragelse"].map((t) =>
              h("div", { className: "form-group-checkbox", key: t }, h("input", { id: `theme-${t}`, type: "checkbox", name: "themes", value: t, className: "form-checkbox", defaultChecked: themes.includes(t) }), h("label", { htmlFor: `theme-${t}` }, t)),
            ),
          ),
          field("expectedEffect", "Forventet effekt", a.expected_effect, "Hvad forventer I, at indsatsen fører til?", true),
          h(
            "fieldset",
            { id: "budget" },
            h("legend", { className: "h3" }, "Budget"),
            h(
              "table",
              { className: "table table--compact" },
              h("caption", { className: "sr-only" }, "Budget pr. udgiftskategori og kvartal"),
              h("thead", null, h("tr", null, h("th", { scope: "col" }, "Kategori"), ...quarters.map((q) => h("th", { scope: "col", key: q }, q)), h("th", { scope: "col" }, "I alt"))),
              h(
                "tbody",
                null,
                ...categories.map((c) =>
                  h(
                    "tr",
                    { key: c.id },
                    h("th", { scope: "row" }, c.label),
                    ...quarters.map((q) =>
                      h("td", { key: q }, h("input", { id: `b-${c.id}-${q}`, name: `b-${c.id}-${q}`, className: "form-input pp-num", inputMode: "decimal", "aria-label": `${c.label}, ${q}`, defaultValue: cell(c.id, q) ? kr(cell(c.id, q)) : "" })),
                    ),
                    h("td", { className: "pp-num" }, kr(quarters.reduce((s, q) => s + cell(c.id, q), 0n))),
                  ),
                ),
              ),
              h("tfoot", null, h("tr", null, h("th", { scope: "row" }, "I alt"), ...quarters.map((q) => h("td", { key: q, className: "pp-num" }, kr(categories.reduce((s, c) => s + cell(c.id, q), 0n)))), h("td", { className: "pp-num" }, kr(total)))),
            ),
            h("p", null, "Ansøgt beløb i alt: ", h("strong", null, kr(total))),
          ),
          h("button", { type: "submit", name: "intent", value: "save", className: "button button-secondary" }, "Gem kladde"),
          h("h2", null, "Indsend"),
          h("div", { className: "form-group-checkbox" }, h("input", { id: "confirm", type: "checkbox", name: "confirm", value: "ja", className: "form-checkbox" }), h("label", { htmlFor: "confirm" }, "Jeg bekræfter, at ansøgningen er klar til at blive indsendt.")),
          h("button", { type: "submit", name: "intent", value: "submit", className: "button button-primary" }, "Indsend ansøgning"),
        ),
        h("h2", null, "Bilag"),
        files.length ? table("Bilag", ["Fil", "Størrelse", "Tilføjet"], files.map((f) => [h("a", { href: `/applications/${id}/attachments/${f.id}` }, f.filename), String(f.size_bytes), String(f.uploaded_at)])) : h("p", null, "Der er ingen bilag."),
        h(
          "form",
          { method: "post", action: `/applications/${id}/attachments`, encType: "multipart/form-data" },
          h("div", { className: "form-group" }, h("label", { className: "form-label", htmlFor: "attachment-file" }, "Vedhæft en fil"), h("input", { id: "attachment-file", type: "file", name: "file", className: "form-file-input" })),
          h("button", { type: "submit", className: "button button-secondary" }, "Vedhæft fil"),
        ),
        h("h2", null, "Historik"),
        history.length ? table("Historik", ["Tidspunkt", "Hændelse", "Af"], history.map((r) => [String(r.at), r.action, r.name ?? ""])) : h("p", null, "Ingen hændelser endnu."),
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
