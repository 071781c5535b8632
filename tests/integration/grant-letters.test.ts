// Award and rejection letters issued in the decision's transaction (stored with their
// SHA-256, audited, mailed with the PDF), downloaded only by the ministry and the own
// municipality; acceptance before the deadline (appNow, the test clock); the lapse job
// returning the money to the pool.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import {
  applications,
  auditLog,
  budgetVersionLines,
  budgetVersions,
  callCostCategories,
  calls,
  decisionLetters,
  emailAttachments,
  emailOutbox,
  grantLedgerEntries,
  grants,
  pools,
} from "#db/schema";
import type { Database } from "#db/client";
import { getDb } from "~/db.server";
import { setTestClock } from "~/domain/clock/clock.server";
import { acceptGrant, lapseOverdueGrants, lapseOverdueGrantsNow } from "~/domain/grants/acceptance.server";
import { issueDecisionLetters, issuePendingDecisionLetters, pendingDecisionLetters } from "~/domain/grants/letters/letters.server";
import { loader as grantLetterLoader } from "~/routes/grants.$grantId.letters.$letterId[.]pdf";
import { loader as applicationLetterLoader } from "~/routes/applications.$applicationId.letters.$letterId[.]pdf";
import { action as acceptAction, loader as acceptLoader } from "~/routes/grants.$grantId.accept";
import { quartersBetween } from "~/utils/dates";
import { grantLapse, scheduledJobs } from "~/jobs/registry.server";
import { createJobRunner } from "~/jobs/runner.server";
import { createUser, postForm, signedInRequest } from "../fixtures";
import { settle } from "../support/route-result";
import { makeApplication, makeAssessmentCall } from "./assessment-fixtures";
import { expectLedgerConsistent, grantRow, makeGrant, systemActor } from "./grant-fixtures";

// Each test renders letters (pdfkit with a subset font): slow on a busy two-core machine.
vi.setConfig({ testTimeout: 90_000 });
const ctx = { context: {} };
const pdftotext = (pdf: Uint8Array) => execFileSync("pdftotext", ["-", "-"], { input: pdf }).toString("utf8").replace(/\s+/g, " ");

// The ledger is append-only: each test makes a pool and a call of its own.
async function freshPoolAndCall(db: Database) {
  const { call } = await makeAssessmentCall(db);
  const [pool] = await db
    .insert(pools)
    .values({ name: `Testpulje ${call.id}`, financeLine: "§ 15.26.35.10", totalOre: 1_430_000_000n, startsOn: "2022-01-01", endsOn: "2025-09-30" })
    .returning();
  await db.update(calls).set({ poolId: pool!.id }).where(eq(calls.id, call.id));
  const [cat] = await db.insert(callCostCategories).values({ callId: call.id, label: "Vikardækning" }).returning();
  return { callId: call.id, poolId: pool!.id, categoryId: cat!.id };
}

/** Budget version 1: the awarded amount over the eight quarters, the remainder on the last. */
async function withBudget(db: Database, grantId: number, categoryId: number, awardedOre: bigint) {
  const [v] = await db.insert(budgetVersions).values({ grantId, version: 1 }).returning();
  const quarters = quartersBetween("2023-01-01", "2024-12-31");
  const share = awardedOre / 8n;
  await db.insert(budgetVersionLines).values(
    quarters.map((quarter, i) => ({ budgetVersionId: v!.id, categoryId, quarter, amountOre: i === 7 ? awardedOre - share * 7n : share })),
  );
}

async function offeredGrant(db: Database, municipalityCode = "0360", awardedOre = 158_888_888n, deadline = new Date("2022-12-29T22:59:00Z")) {
  const f = await freshPoolAndCall(db);
  const { grant, application } = await makeGrant(db, f.callId, municipalityCode, { awardedOre, poolId: f.poolId });
  await db.update(grants).set({ acceptanceDeadline: deadline }).where(eq(grants.id, grant.id));
  await withBudget(db, grant.id, f.categoryId, awardedOre);
  return { ...f, grant, application };
}

describe("issuing decision letters", () => {
  it("stores the award and rejection letters with their SHA-256, audits them and mails each PDF", async () => {
    const db = await getDb();
    const { grant, application, callId } = await offeredGrant(db);
    await db.update(applications).set({ contactEmail: "mette@lolland.dk" }).where(eq(applications.id, application.id));
    const rejected = await makeApplication(db, callId, "0482", { status: "assessed" });
    await db.update(applications).set({ contactEmail: "kontakt@langeland.dk", rejectionReason: "Langeland Kommunes behov er mindre end de prioriterede kommuners." }).where(eq(applications.id, rejected.id));

    const { letterIds } = await db.transaction((tx) =>
      issueDecisionLetters(tx, systemActor, { grantIds: [grant.id], rejectedApplicationIds: [rejected.id] }),
    );
    expect(letterIds).toHaveLength(2);
    const letters = await db.select().from(decisionLetters).where(inArray(decisionLetters.id, letterIds));
    const award = letters.find((l) => l.kind === "award")!;
    const rejection = letters.find((l) => l.kind === "rejection")!;
    expect(award.grantId).toBe(grant.id);
    expect(award.sha256).toBe(createHash("sha256").update(award.pdf).digest("hex"));
    const awardText = pdftotext(award.pdf);
    expect(awardText).toContain("1.588.888,88 kr.");
    expect(awardText).toContain("én million fem hundrede otteogfirs tusinde otte hundrede otteogfirs kroner og otteogfirs øre");
    expect(awardText).toContain("Lolland Kommune");
    expect(awardText).toContain("senest 29. december 2022 kl. 23:59");
    expect(awardText).toMatch(/1\. kvt\. 2023 01\.01\.2023 198\.611,11/);
    expect(pdftotext(rejection.pdf)).toContain("Langeland Kommunes behov er mindre end de prioriterede kommuners.");

    const mails = await db.select().from(emailOutbox).where(inArray(emailOutbox.template, ["award-letter", "rejection-letter"]));
    expect(mails.map((m) => [m.template, m.toAddress]).sort()).toEqual([
      ["award-letter", "mette@lolland.dk"],
      ["rejection-letter", "kontakt@langeland.dk"],
    ]);
    expect(mails.find((m) => m.template === "award-letter")!.textBody).toContain("1.588.888,88 kr.");
    const attached = await db.select().from(emailAttachments).where(inArray(emailAttachments.outboxId, mails.map((m) => m.id)));
    expect(attached.map((a) => a.filename).sort()).toEqual([award.filename, rejection.filename].sort());
    expect(createHash("sha256").update(attached.find((a) => a.filename === award.filename)!.content).digest("hex")).toBe(award.sha256);
    const audits = await db.select().from(auditLog).where(eq(auditLog.action, "letter.issued"));
    expect(audits.filter((a) => letterIds.includes((a.after as { letterId: number }).letterId))).toHaveLength(2);

    // Issued once: a retry (a re-run job) makes no second letter and sends no second mail.
    const again = await db.transaction((tx) => issueDecisionLetters(tx, systemActor, { grantIds: [grant.id], rejectedApplicationIds: [rejected.id] }));
    expect(again.letterIds).toEqual([]);
    expect(await db.select().from(emailOutbox).where(inArray(emailOutbox.template, ["award-letter", "rejection-letter"]))).toHaveLength(2);
  }, 90_000);

  it("leaves no letter and no mail when the decision's transaction rolls back", async () => {
    const db = await getDb();
    const { grant } = await offeredGrant(db, "0430");
    const before = (await db.select().from(emailOutbox)).length;
    await expect(
      db.transaction(async (tx) => {
        await issueDecisionLetters(tx, systemActor, { grantIds: [grant.id], rejectedApplicationIds: [] });
        throw new Error("approval failed later");
      }),
    ).rejects.toThrow("approval failed later");
    expect(await db.select().from(decisionLetters).where(eq(decisionLetters.grantId, grant.id))).toEqual([]);
    expect((await db.select().from(emailOutbox)).length).toBe(before);
  });
});

describe("issuing the missing letters after a decision", () => {
  it("issues each missing letter once, dated with the decision, even when two issuers run at once", async () => {
    const db = await getDb();
    const a = await offeredGrant(db, "0360");
    const b = await offeredGrant(db, "0482");
    await db.update(grants).set({ decidedAt: new Date("2022-12-15T10:00:00Z") }).where(eq(grants.id, a.grant.id));
    const rejected = await makeApplication(db, a.callId, "0430", { status: "assessed" });
    // "rejected" is the board's status; set as the approval does.
    await db.execute(sql`UPDATE applications SET status = 'rejected', rejection_reason = 'Ikke prioriteret.' WHERE id = ${rejected.id}`);
    const pendingBefore = await pendingDecisionLetters(db);
    expect(pendingBefore.grantIds).toEqual(expect.arrayContaining([a.grant.id, b.grant.id]));
    expect(pendingBefore.rejectedApplicationIds).toContain(rejected.id);

    const [x, y] = await Promise.all([issuePendingDecisionLetters(db), issuePendingDecisionLetters(db)]);
    // Every missing letter once between the two of them: the one that came second skipped it.
    expect(x + y).toBe(pendingBefore.grantIds.length + pendingBefore.rejectedApplicationIds.length);
    for (const grantId of [a.grant.id, b.grant.id]) {
      expect(await db.select({ id: decisionLetters.id }).from(decisionLetters).where(eq(decisionLetters.grantId, grantId))).toHaveLength(1);
    }
    expect(
      await db.select({ id: decisionLetters.id }).from(decisionLetters).where(and(eq(decisionLetters.applicationId, rejected.id), eq(decisionLetters.kind, "rejection"))),
    ).toHaveLength(1);
    const [letterA] = await db.select().from(decisionLetters).where(eq(decisionLetters.grantId, a.grant.id));
    expect(pdftotext(letterA!.pdf)).toContain("15. december 2022");
    const after = await pendingDecisionLetters(db);
    expect(after.grantIds).not.toContain(a.grant.id);
    expect(after.rejectedApplicationIds).not.toContain(rejected.id);
    expect(await issuePendingDecisionLetters(db)).toBe(0);
  });
});

describe("downloading a letter", () => {
  it("serves the stored PDF to the ministry and the own municipality, and 404 to any other", async () => {
    const db = await getDb();
    const { grant, application } = await offeredGrant(db, "0360");
    const [letterId] = (await db.transaction((tx) => issueDecisionLetters(tx, systemActor, { grantIds: [grant.id], rejectedApplicationIds: [] }))).letterIds;
    const [stored] = await db.select().from(decisionLetters).where(eq(decisionLetters.id, letterId!));
    const own = await createUser(db, "municipality", { municipalityCode: "0360" });
    const other = await createUser(db, "municipality", { municipalityCode: "0482" });
    const caseworker = await createUser(db, "caseworker");
    const advisor = await createUser(db, "advisor");
    const grantUrl = `/grants/${grant.id}/letters/${letterId}.pdf`;
    const appUrl = `/applications/${application.id}/letters/${letterId}.pdf`;
    const get = async (user: { userId: string }, which: "grant" | "application", params: Record<string, string>) => {
      const loader = which === "grant" ? grantLetterLoader : applicationLetterLoader;
      return (await settle(loader({ request: await signedInRequest(db, user, which === "grant" ? grantUrl : appUrl), params, ...ctx }))) as Response;
    };
    for (const user of [own, caseworker]) {
      for (const [which, params] of [
        ["grant", { grantId: String(grant.id), letterId: String(letterId) }],
        ["application", { applicationId: String(application.id), letterId: String(letterId) }],
      ] as const) {
        const res = await get(user, which, params);
        expect(res.status).toBe(200);
        expect(res.headers.get("content-type")).toBe("application/pdf");
        expect(res.headers.get("content-disposition")).toContain(stored!.filename);
        expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(stored!.pdf))).toBe(true);
      }
    }
    expect((await get(other, "grant", { grantId: String(grant.id), letterId: String(letterId) })).status).toBe(404);
    expect((await get(other, "application", { applicationId: String(application.id), letterId: String(letterId) })).status).toBe(404);
    expect((await get(advisor, "grant", { grantId: String(grant.id), letterId: String(letterId) })).status).toBe(403);
    // The letter under another grant of the same municipality's reach is not found either.
    const { grant: second } = await offeredGrant(db, "0360");
    expect((await get(own, "grant", { grantId: String(second.id), letterId: String(letterId) })).status).toBe(404);
  });
});

describe("accepting a grant", () => {
  it("lets the own municipality accept before the deadline: accepted, audited, the caseworker mailed", async () => {
    const db = await getDb();
    const { grant } = await offeredGrant(db, "0360");
    const lolland = await createUser(db, "municipality", { municipalityCode: "0360", name: "Mette Hansen" });
    const caseworker = await createUser(db, "caseworker", { email: `cw-${grant.id}@sm.dk` });
    const other = await createUser(db, "municipality", { municipalityCode: "0482" });
    const before = new Date("2022-12-20T10:00:00Z");

    expect(await acceptGrant(db, caseworker, grant.id, before)).toMatchObject({ ok: false, kind: "refused" });
    expect(await acceptGrant(db, other, grant.id, before)).toMatchObject({ ok: false, kind: "not_found" });
    expect(await acceptGrant(db, lolland, grant.id, before)).toEqual({ ok: true, value: { id: grant.id } });
    const row = await grantRow(db, grant.id);
    expect(row.status).toBe("accepted");
    expect(row.acceptedBy).toBe(lolland.userId);
    expect(row.acceptedAt).toEqual(before);
    const [entry] = await db.select().from(auditLog).where(and(eq(auditLog.action, "grant.accepted"), eq(auditLog.entityId, String(grant.id))));
    expect(entry).toMatchObject({ actorUserId: lolland.userId, before: { status: "offered" } });
    const mails = await db.select().from(emailOutbox).where(and(eq(emailOutbox.template, "grant-accepted"), eq(emailOutbox.toAddress, caseworker.email)));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.textBody).toContain("Lolland Kommune har accepteret tilsagnet på 1.588.888,88 kr.");
    expect(await acceptGrant(db, lolland, grant.id, before)).toMatchObject({ ok: false, kind: "conflict", message: "Tilsagnet er allerede accepteret." });
  });

  it("refuses after the deadline by the test clock, with a Danish message, and changes nothing", async () => {
    const db = await getDb();
    const { grant } = await offeredGrant(db, "0360", 100_000_000n, new Date("2022-12-29T22:59:00Z"));
    const lolland = await createUser(db, "municipality", { municipalityCode: "0360" });
    const admin = await createUser(db, "admin");
    const params = { grantId: String(grant.id) };
    try {
      // One minute before the deadline in Copenhagen: the page offers the button and the POST accepts.
      await setTestClock(db, admin, new Date("2022-12-29T22:58:00Z"));
      const page = (await acceptLoader({ request: await signedInRequest(db, lolland, `/grants/${grant.id}/accept`), params, ...ctx })) as { blocker: string | null };
      expect(page.blocker).toBeNull();
      // One minute after: refused.
      await setTestClock(db, admin, new Date("2022-12-29T23:00:00Z"));
      const res = (await settle(acceptAction({ request: await postForm(db, lolland, `/grants/${grant.id}/accept`, {}), params, ...ctx }))) as {
        data: { errors: Record<string, string> };
        init: ResponseInit;
      };
      expect(res.init.status).toBe(409);
      expect(res.data.errors.form).toBe(
        "Fristen for at acceptere tilsagnet udløb 29. december 2022 kl. 23:59. Tilsagnet kan ikke længere accepteres; kontakt ministeriet.",
      );
      expect((await grantRow(db, grant.id)).status).toBe("offered");
      // Back before the deadline: the route accepts and redirects to the grant.
      await setTestClock(db, admin, new Date("2022-12-29T22:00:00Z"));
      const ok = (await settle(acceptAction({ request: await postForm(db, lolland, `/grants/${grant.id}/accept`, {}), params, ...ctx }))) as Response;
      expect(ok.status).toBe(302);
      expect(ok.headers.get("location")).toBe(`/grants/${grant.id}?accepted=1`);
      expect((await grantRow(db, grant.id)).status).toBe("accepted");
    } finally {
      await setTestClock(db, admin, null);
    }
  });

  it("answers 404 to another municipality's user and 403 to the ministry on the accept page", async () => {
    const db = await getDb();
    const { grant } = await offeredGrant(db, "0360");
    const other = await createUser(db, "municipality", { municipalityCode: "0482" });
    const caseworker = await createUser(db, "caseworker");
    const params = { grantId: String(grant.id) };
    const asOther = (await settle(acceptAction({ request: await postForm(db, other, `/grants/${grant.id}/accept`, {}), params, ...ctx }))) as Response;
    expect(asOther.status).toBe(404);
    const asMinistry = (await settle(acceptAction({ request: await postForm(db, caseworker, `/grants/${grant.id}/accept`, {}), params, ...ctx }))) as Response;
    expect(asMinistry.status).toBe(403);
    expect((await grantRow(db, grant.id)).status).toBe("offered");
  });
});

describe("the lapse job", () => {
  it("lapses offered grants past their deadline, returns the money to the pool, and a second run lapses nothing", async () => {
    const db = await getDb();
    const now = new Date("2023-01-20T08:00:00Z");
    const { grant: overdue, poolId } = await offeredGrant(db, "0360", 150_000_000n, new Date("2023-01-15T22:59:59Z"));
    const { grant: inTime } = await offeredGrant(db, "0482", 90_000_000n, new Date("2023-01-25T22:59:59Z"));
    const { grant: accepted } = await offeredGrant(db, "0430", 80_000_000n, new Date("2023-01-10T22:59:59Z"));
    await db.update(grants).set({ status: "accepted" }).where(eq(grants.id, accepted.id));
    await createUser(db, "caseworker", { email: `lapse-${overdue.id}@sm.dk` });
    const [poolBefore] = await db.select().from(pools).where(eq(pools.id, poolId));

    const first = await lapseOverdueGrantsNow(db, now);
    expect(first).toMatchObject({ ok: true });
    const lapsedIds = first.ok ? first.value.lapsed : [];
    expect(lapsedIds).toContain(overdue.id);
    expect(lapsedIds).not.toContain(inTime.id);
    expect(lapsedIds).not.toContain(accepted.id);

    const row = await grantRow(db, overdue.id);
    expect(row.status).toBe("lapsed");
    expect(row.committedOre).toBe(0n);
    expect(row.lapsedAt).toEqual(now);
    const entries = await db.select().from(grantLedgerEntries).where(eq(grantLedgerEntries.grantId, overdue.id));
    expect(entries.map((e) => [e.kind, e.committedDeltaOre])).toEqual([
      ["committed", 150_000_000n],
      ["lapsed", -150_000_000n],
    ]);
    const [poolAfter] = await db.select().from(pools).where(eq(pools.id, poolId));
    expect(poolAfter!.allocatedOre).toBe(poolBefore!.allocatedOre - 150_000_000n);
    await expectLedgerConsistent(db);
    expect((await grantRow(db, inTime.id)).status).toBe("offered");
    expect((await grantRow(db, accepted.id)).status).toBe("accepted");

    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.action, "grant.lapsed"), eq(auditLog.entityId, String(overdue.id))));
    expect(audit).toMatchObject({ actorUserId: null, actorRole: "system" });
    const mails = await db.select().from(emailOutbox).where(eq(emailOutbox.template, "grant-lapsed"));
    expect(mails.map((m) => m.toAddress)).toContain(`lapse-${overdue.id}@sm.dk`);
    const mine = mails.find((m) => m.toAddress === `lapse-${overdue.id}@sm.dk` && m.textBody.includes(`/grants/${overdue.id}\n`));
    expect(mine!.textBody).toContain(
      "er bortfaldet, fordi det ikke blev accepteret inden fristen 15. januar 2023 kl. 23:59",
    );

    const mailCount = (await db.select().from(emailOutbox).where(eq(emailOutbox.template, "grant-lapsed"))).length;
    const second = await db.transaction((tx) => lapseOverdueGrants(tx, now));
    expect(second.lapsed).toEqual([]);
    expect(await db.select().from(grantLedgerEntries).where(eq(grantLedgerEntries.grantId, overdue.id))).toHaveLength(2);
    expect((await db.select().from(emailOutbox).where(eq(emailOutbox.template, "grant-lapsed"))).length).toBe(mailCount);
    await expectLedgerConsistent(db);
  });

  it("runs as the scheduled grant-lapse job: once per hour key, registered with the runner", async () => {
    const db = await getDb();
    const { grant } = await offeredGrant(db, "0360", 20_000n, new Date("2023-03-01T10:00:00Z"));
    expect(scheduledJobs).toContain(grantLapse);
    const at = new Date("2023-03-01T12:30:00Z");
    const runner = createJobRunner({ db, jobs: [grantLapse], now: async () => at });
    const [outcome] = await runner.runOnce();
    expect(outcome).toMatchObject({ job: "grant-lapse", dueKey: "2023-03-01T13", outcome: "done" });
    expect((await grantRow(db, grant.id)).status).toBe("lapsed");
    expect(await runner.runOnce()).toEqual([]);
    await expectLedgerConsistent(db);
  });

  it("lapses a grant exactly at its deadline instant only after it has passed", async () => {
    const db = await getDb();
    const deadline = new Date("2023-02-01T22:59:59Z");
    const { grant } = await offeredGrant(db, "0360", 10_000n, deadline);
    const atDeadline = await db.transaction((tx) => lapseOverdueGrants(tx, deadline));
    expect(atDeadline.lapsed).not.toContain(grant.id);
    const after = await db.transaction((tx) => lapseOverdueGrants(tx, new Date(deadline.getTime() + 1000)));
    expect(after.lapsed).toContain(grant.id);
    await expectLedgerConsistent(db);
  });
});
