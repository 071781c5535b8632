// Advisory programmes through their routes: the ministry creates one from a template with
// advisors from two agencies; an assigned advisor logs milestones (note, participants,
// attachment, postponement) and an advisor of another programme gets 404 on every
// programme route, GET and POST; the municipality sees its own, comments, cannot edit.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, asc, eq } from "drizzle-orm";
import PDFDocument from "pdfkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, milestones, milestoneParticipants } from "#db/schema";
import { getDb } from "~/db.server";
import { resetEnvCache } from "~/env.server";
import { loader as listLoader } from "~/routes/programmes._index";
import { action as newAction } from "~/routes/programmes.new";
import { loader as programmeLoader } from "~/routes/programmes.$programmeId._index";
import { action as milestoneAction, loader as milestoneLoader } from "~/routes/programmes.$programmeId.milestones.$milestoneId";
import { loader as downloadLoader } from "~/routes/programmes.$programmeId.milestones.$milestoneId.attachments.$attachmentId";
import { action as sessionsAction, loader as sessionsLoader } from "~/routes/programmes.sessions";
import { createUser, postForm, signedInRequest, type TestUser } from "../fixtures";
import { outcome } from "../support/route-result";
import { makeAssessmentCall } from "./assessment-fixtures";
import { makeGrant } from "./grant-fixtures";
import { agencies, programmeTemplates } from "#db/schema";

const ctx = { context: {} };
let uploadDir: string;
let db: Awaited<ReturnType<typeof getDb>>;
let admin: TestUser, sbstA: TestUser, astA: TestUser, sbstB: TestUser, astB: TestUser, lolland: TestUser, faxe: TestUser;
let grantA: number, grantB: number, templateId: number, sbst: number, ast: number;
let programmeA: number, programmeB: number, milestoneA: number[], milestoneB: number;

function smallPdf(): Promise<Uint8Array> {
  return new Promise((resolve) => {
    const doc = new PDFDocument();
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.text("Dagsorden for kick-off");
    doc.end();
  });
}

const create = (user: TestUser, fields: Record<string, string | string[]>) =>
  outcome(async () => newAction({ request: await postForm(db, user, "/programmes/new", fields), params: {}, ...ctx }));
const programmeFields = (grantId: number, advisors: string[], extra: Record<string, string | string[]> = {}) => ({
  grantId: String(grantId),
  templateId: String(templateId),
  leadAgencyId: String(sbst),
  partnerAgencyId: String(ast),
  startsOn: "2024-02-01",
  plannedEndOn: "2024-08-01",
  intensity: "medium",
  lengthReason: "",
  "advisorIds[]": advisors,
  "focusAreaIds[]": ["1"],
  newFocusArea: "",
  ...extra,
});
const milestoneParams = (p: number, m: number) => ({ programmeId: String(p), milestoneId: String(m) });
const post = (user: TestUser, p: number, m: number, fields: Record<string, string | string[]>) =>
  outcome(async () => milestoneAction({ request: await postForm(db, user, `/programmes/${p}/milestones/${m}`, fields), params: milestoneParams(p, m), ...ctx }));
const get = (user: TestUser, p: number, m?: number) =>
  outcome(async () =>
    m === undefined
      ? programmeLoader({ request: await signedInRequest(db, user, `/programmes/${p}`), params: { programmeId: String(p) }, ...ctx })
      : milestoneLoader({ request: await signedInRequest(db, user, `/programmes/${p}/milestones/${m}`), params: milestoneParams(p, m), ...ctx }),
  );
const logFields = (version: number, extra: Record<string, string>) => ({ intent: "log", version: String(version), plannedOn: "2024-02-01", ...extra });

beforeAll(async () => {
  uploadDir = mkdtempSync(path.join(tmpdir(), "pp-programmes-"));
  process.env.UPLOAD_DIR = uploadDir;
  resetEnvCache();
  db = await getDb();
  const { call } = await makeAssessmentCall(db);
  grantA = (await makeGrant(db, call.id, "0360")).grant.id;
  grantB = (await makeGrant(db, call.id, "0320")).grant.id;
  admin = await createUser(db, "admin");
  sbstA = await createUser(db, "advisor", { agencySlug: "sbst" });
  astA = await createUser(db, "advisor", { agencySlug: "ast" });
  sbstB = await createUser(db, "advisor", { agencySlug: "sbst" });
  astB = await createUser(db, "advisor", { agencySlug: "ast" });
  lolland = await createUser(db, "municipality", { municipalityCode: "0360" });
  faxe = await createUser(db, "municipality", { municipalityCode: "0320" });
  templateId = (await db.select().from(programmeTemplates).orderBy(asc(programmeTemplates.id)))[0].id;
  const agencyRows = await db.select().from(agencies);
  sbst = agencyRows.find((a) => a.slug === "sbst")!.id;
  ast = agencyRows.find((a) => a.slug === "ast")!.id;
}, 60_000);
afterAll(() => {
  rmSync(uploadDir, { recursive: true, force: true });
  delete process.env.UPLOAD_DIR;
  resetEnvCache();
});

describe("creating a programme", () => {
  it("refuses advisors from one agency only, an end before the start, and a long programme without a reason", async () => {
    const one = await create(admin, programmeFields(grantA, [sbstA.userId, sbstB.userId]));
    expect(one.status).toBe(400);
    expect(one.data?.errors["advisorIds[]"]).toMatch(/hver af de to styrelser/);
    const backwards = await create(admin, programmeFields(grantA, [sbstA.userId, astA.userId], { plannedEndOn: "2024-01-01" }));
    expect(backwards.status).toBe(400);
    expect(backwards.data?.errors.plannedEndOn).toBeDefined();
    const long = await create(admin, programmeFields(grantA, [sbstA.userId, astA.userId], { plannedEndOn: "2025-02-01" }));
    expect(long.status).toBe(400);
    expect(long.data?.errors.lengthReason).toBeDefined();
    // Neither a municipality user nor an advisor may create one.
    expect((await create(lolland, programmeFields(grantA, [sbstA.userId, astA.userId]))).status).toBe(403);
    expect((await create(sbstA, programmeFields(grantA, [sbstA.userId, astA.userId]))).status).toBe(403);
  });

  it("creates one from a template with two advisors from two agencies, audited; one per grant", async () => {
    const a = await create(admin, programmeFields(grantA, [sbstA.userId, astA.userId], { newFocusArea: "Overgange til voksenlivet", "newFocusAreaThemes[]": ["opfoelgning"] }));
    expect(a.status).toBe(302);
    programmeA = Number(a.headers.get("location")!.match(/\/programmes\/(\d+)/)![1]);
    const b = await create(admin, programmeFields(grantB, [sbstB.userId, astB.userId]));
    programmeB = Number(b.headers.get("location")!.match(/\/programmes\/(\d+)/)![1]);
    milestoneA = (await db.select().from(milestones).where(eq(milestones.programmeId, programmeA)).orderBy(asc(milestones.sortOrder))).map((m) => m.id);
    milestoneB = (await db.select().from(milestones).where(eq(milestones.programmeId, programmeB)))[0].id;
    expect(milestoneA.length).toBe(7);
    const again = await create(admin, programmeFields(grantA, [sbstA.userId, astA.userId]));
    expect(again.status).toBe(409);
    const rows = await db.select().from(auditLog).where(and(eq(auditLog.action, "programme.created"), eq(auditLog.entityId, String(programmeA))));
    expect(rows).toHaveLength(1);
    const page = await get(admin, programmeA);
    expect(page.data?.focusAreas.map((f: { name: string }) => f.name)).toContain("Overgange til voksenlivet");
    expect(page.data?.advisors).toHaveLength(2);
  });
});

describe("advisors", () => {
  it("see only their assigned programmes", async () => {
    const list = await outcome(async () => listLoader({ request: await signedInRequest(db, sbstA, "/programmes"), params: {}, ...ctx }));
    expect(list.data?.rows.map((r: { id: number }) => r.id)).toEqual([programmeA]);
    const none = await createUser(db, "advisor", { agencySlug: "ast" });
    const empty = await outcome(async () => listLoader({ request: await signedInRequest(db, none, "/programmes"), params: {}, ...ctx }));
    expect(empty.data?.rows).toEqual([]);
  });

  it("get 404 on every route of a programme they are not assigned to, GET and POST", async () => {
    expect((await get(sbstA, programmeB)).status).toBe(404);
    expect((await get(sbstA, programmeB, milestoneB)).status).toBe(404);
    // A milestone of B under A's id is not found either.
    expect((await get(sbstA, programmeA, milestoneB)).status).toBe(404);
    expect((await post(sbstA, programmeB, milestoneB, logFields(1, { status: "gennemfoert", actualOn: "2024-02-01" }))).status).toBe(404);
    expect((await post(sbstA, programmeB, milestoneB, { intent: "comment", body: "Hej" })).status).toBe(404);
    expect((await post(sbstA, programmeB, milestoneB, { intent: "upload" })).status).toBe(404);
    expect((await post(sbstA, programmeB, milestoneB, { intent: "junk" })).status).toBe(404);
    expect((await post(sbstA, programmeB, milestoneB, { intent: "log" })).status).toBe(404);
    // A junk form on a visible programme with another programme's milestone: 404, not 400.
    expect((await post(sbstA, programmeA, milestoneB, { intent: "junk" })).status).toBe(404);
    expect((await post(admin, programmeA, milestoneB, { intent: "log" })).status).toBe(404);
    const download = await outcome(async () =>
      downloadLoader({
        request: await signedInRequest(db, sbstA, "/x"),
        params: { ...milestoneParams(programmeB, milestoneB), attachmentId: "00000000-0000-0000-0000-000000000000" },
        ...ctx,
      }),
    );
    expect(download.status).toBe(404);
    const [m] = await db.select().from(milestones).where(eq(milestones.id, milestoneB));
    expect(m.status).toBe("planlagt");
  });

  it("log a milestone done with a note, participants and an attachment, and postpone another with a reason", async () => {
    const cpr = await post(sbstA, programmeA, milestoneA[0], logFields(1, { status: "gennemfoert", actualOn: "2024-02-01", note: "Barnet 010203-1234 deltog" }));
    expect(cpr.status).toBe(400);
    expect(cpr.data?.errors.note).toMatch(/CPR/);
    const noDate = await post(sbstA, programmeA, milestoneA[0], logFields(1, { status: "gennemfoert" }));
    expect(noDate.status).toBe(400);
    expect(noDate.data?.errors.actualOn).toBeDefined();
    const done = await post(sbstA, programmeA, milestoneA[0], logFields(1, { status: "gennemfoert", actualOn: "2024-02-01", note: "Kick-off holdt; aftalt mødeplan.", participants_leder: "2", participants_sagsbehandler: "7" }));
    expect(done.status).toBe(302);
    const stale = await post(sbstA, programmeA, milestoneA[0], logFields(1, { status: "gennemfoert", actualOn: "2024-02-01" }));
    expect(stale.status).toBe(409);
    const body = new FormData();
    body.append("intent", "upload");
    body.append("file", new File([(await smallPdf()) as Uint8Array<ArrayBuffer>], "dagsorden.pdf", { type: "application/pdf" }));
    const uploaded = await outcome(async () =>
      milestoneAction({ request: await signedInRequest(db, sbstA, "/x", { method: "POST", body }), params: milestoneParams(programmeA, milestoneA[0]), ...ctx }),
    );
    expect(uploaded.status).toBe(302);
    const noReason = await post(astA, programmeA, milestoneA[1], logFields(1, { status: "udskudt", plannedOn: "2024-03-15" }));
    expect(noReason.status).toBe(400);
    expect(noReason.data?.errors.statusReason).toBeDefined();
    const postponed = await post(astA, programmeA, milestoneA[1], logFields(1, { status: "udskudt", plannedOn: "2024-03-15", statusReason: "Ledermøde flyttet." }));
    expect(postponed.status).toBe(302);

    const page = await get(sbstA, programmeA, milestoneA[0]);
    expect(page.data?.status).toBe("gennemfoert");
    expect(page.data?.attachments).toHaveLength(1);
    expect(page.data?.history.length).toBeGreaterThanOrEqual(2);
    expect(await db.select().from(milestoneParticipants).where(eq(milestoneParticipants.milestoneId, milestoneA[0]))).toHaveLength(2);
    const file = await outcome(async () =>
      downloadLoader({
        request: await signedInRequest(db, lolland, "/x"),
        params: { ...milestoneParams(programmeA, milestoneA[0]), attachmentId: page.data!.attachments[0].id },
        ...ctx,
      }),
    );
    expect(file.status).toBe(200);
    const history = await get(astA, programmeA, milestoneA[1]);
    expect(history.data?.history[0].text).toMatch(/Planlagt → Udskudt/);
  });
});

describe("municipality users", () => {
  it("see their own programme and comment, cannot edit milestones, and get 404 on another's", async () => {
    expect((await get(lolland, programmeA)).status).toBe(200);
    const page = await get(lolland, programmeA, milestoneA[0]);
    expect(page.data?.canLog).toBe(false);
    expect(page.data?.canComment).toBe(true);
    const edit = await post(lolland, programmeA, milestoneA[2], logFields(1, { status: "aflyst", statusReason: "Vi vil ikke" }));
    expect(edit.status).toBe(403);
    // An incomplete log form is refused for who they are (403), not for its fields (400).
    expect((await post(lolland, programmeA, milestoneA[2], { intent: "log", status: "aflyst" })).status).toBe(403);
    const upload = await post(lolland, programmeA, milestoneA[2], { intent: "upload" });
    expect(upload.status).toBe(403);
    const [m] = await db.select().from(milestones).where(eq(milestones.id, milestoneA[2]));
    expect(m.status).toBe("planlagt");
    const comment = await post(lolland, programmeA, milestoneA[0], { intent: "comment", body: "Tak for en god kick-off." });
    expect(comment.status).toBe(302);
    expect((await get(lolland, programmeA, milestoneA[0])).data?.comments).toHaveLength(1);
    // Advisors do not comment (visible: 403), and Faxe does not see Lolland's programme.
    expect((await post(sbstA, programmeA, milestoneA[0], { intent: "comment", body: "Hej" })).status).toBe(403);
    expect((await get(faxe, programmeA)).status).toBe(404);
    expect((await post(faxe, programmeA, milestoneA[0], { intent: "comment", body: "Hej" })).status).toBe(404);
  });

  it("confirm attendance at a cross-municipal session they are invited to", async () => {
    const created = await outcome(async () =>
      sessionsAction({
        request: await postForm(db, admin, "/programmes/sessions", { intent: "create", title: "Læringsseminar", heldOn: "2099-05-01", location: "Odense", description: "", "municipalityCodes[]": ["0360", "0320"], "themes[]": ["inddragelse"] }),
        params: {},
        ...ctx,
      }),
    );
    expect(created.status).toBe(302);
    const seen = await outcome(async () => sessionsLoader({ request: await signedInRequest(db, lolland, "/programmes/sessions"), params: {}, ...ctx }));
    const session = seen.data?.sessions[0];
    const answer = await outcome(async () =>
      sessionsAction({ request: await postForm(db, lolland, "/programmes/sessions", { intent: "attendance", sessionId: String(session.id), attendance: "confirmed", participants: "3" }), params: {}, ...ctx }),
    );
    expect(answer.status).toBe(302);
    const after = await outcome(async () => sessionsLoader({ request: await signedInRequest(db, sbstB, "/programmes/sessions"), params: {}, ...ctx }));
    const lollandRow = after.data?.sessions[0].invited.find((i: { municipalityCode: string }) => i.municipalityCode === "0360");
    expect(lollandRow.attendance).toBe("confirmed");
    // An advisor answers for no municipality.
    const advisorAnswer = await outcome(async () =>
      sessionsAction({ request: await postForm(db, sbstA, "/programmes/sessions", { intent: "attendance", sessionId: String(session.id), attendance: "declined", participants: "" }), params: {}, ...ctx }),
    );
    expect(advisorAnswer.status).toBe(403);
  });
});
