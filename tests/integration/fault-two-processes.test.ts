// Two app processes on one database: two real servers (server.ts, each with its mail
// dispatcher and job runner) on the same PostgreSQL database, mail going to a real SMTP
// peer. Every queued mail arrives once, and the daily digest job runs once and its mail
// arrives once. On PGlite (one process by nature) two dispatchers and two job runners
// share the database in this process instead.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import type { Database } from "#db/client";
import { auditLog, callCaseworkers, emailOutbox, jobRuns, users } from "#db/schema";
import { digestWindow } from "~/domain/applications/arrival-notice";
import { startApplication, submitApplication } from "~/domain/applications/commands.server";
import { getDb } from "~/db.server";
import { arrivalNoticeDigest, scheduledJobs } from "~/jobs/registry.server";
import { createJobRunner } from "~/jobs/runner.server";
import { createMailDispatcher } from "~/mail/dispatcher.server";
import { enqueueEmail } from "~/mail/outbox.server";
import { createSmtpSend } from "~/mail/transport.server";
import { composeEmail } from "../../emails/layout";
import { createUser } from "../fixtures";
import { getTestDb } from "../setup/setup-test-env";
import { securityTally } from "../support/security-figures";
import { header, startSmtp } from "../support/smtp";
import { completeForm, makeCall } from "./application-helpers";

const figures = securityTally("fault-two-processes", "faults", "two app processes racing for each mail and each job run");
afterAll(() => figures.record());

const MAILS = 30;

async function freePort() {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  const { port } = s.address() as import("node:net").AddressInfo;
  await new Promise((resolve) => s.close(resolve));
  return port;
}

function startApp(env: Record<string, string>): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.resolve("node_modules/.bin/tsx"), ["server.ts"], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 60_000);
    const onData = (c: Buffer) => {
      out += c.toString();
      if (out.includes("kører på")) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (c: Buffer) => (out += c.toString()));
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}: ${out}`));
    });
  });
}

async function stopApp(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

/** A digest reader on a call and an application that arrived yesterday: the day's digest job has one mail to queue. */
async function arrange(db: Database) {
  const { call, categories } = await makeCall(db, { eligible: ["0360"] });
  const reader = await createUser(db, "caseworker", { email: "sammendrag@sm.dk", name: "Dorte" });
  await db.update(users).set({ applicationNotice: "daily" }).where(eq(users.id, reader.userId));
  await db.insert(callCaseworkers).values({ callId: call.id, userId: reader.userId });
  const municipality = await createUser(db, "municipality", { municipalityCode: "0360" });
  const started = await startApplication(db, municipality, call.id);
  if (!started.ok) throw new Error(started.message);
  const yesterday = new Date(digestWindow(new Date()).from.getTime() + 60 * 60_000);
  const submitted = await submitApplication(db, municipality, { id: started.value.id, version: 1, values: completeForm(categories.map((c) => c.id)), confirmed: true }, yesterday);
  if (!submitted.ok) throw new Error(JSON.stringify(submitted));
  for (let i = 0; i < MAILS; i++) {
    await enqueueEmail(db, { ...composeEmail(`Besked ${i}`, "Kære modtager", ["Tekst."]), to: `modtager${i}@kommune.dk`, template: "test" });
  }
}

async function waitFor(check: () => Promise<boolean>, ms = 60_000) {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe("two app processes on one database", () => {
  it(`deliver each of ${MAILS} queued mails and the daily digest once, and run the digest job once`, async () => {
    const db = await getDb();
    const { url } = await getTestDb();
    await arrange(db);
    const smtp = await startSmtp();
    const apps: ChildProcess[] = [];
    const inProcess: { stop: () => Promise<void> }[] = [];
    const dayKey = arrivalNoticeDigest.dueKey(new Date())!;
    const allSent = async () => {
      const rows = await db.select({ status: emailOutbox.status, template: emailOutbox.template }).from(emailOutbox);
      return rows.some((r) => r.template === "application-digest") && rows.every((r) => r.status === "sent");
    };
    try {
      if (url) {
        const uploads = mkdtempSync(path.join(tmpdir(), "pp-two-"));
        const env = (port: number) => ({
          DATABASE_URL: url,
          PORT: String(port),
          HOST: "127.0.0.1",
          NODE_ENV: "test",
          JOBS: "1",
          SMTP_URL: smtp.url,
          UPLOAD_DIR: uploads,
          SESSION_SECRET: "two-processes-secret-not-for-production-000",
        });
        apps.push(...(await Promise.all([startApp(env(await freePort())), startApp(env(await freePort()))])));
      } else {
        for (const name of ["a", "b"]) {
          const send = createSmtpSend({ url: smtp.url, from: "Puljeportal <noreply@puljeportal.local>" });
          const dispatcher = createMailDispatcher({ db, send, batchSize: 10 });
          const runner = createJobRunner({ db, jobs: scheduledJobs });
          runner.start(60_000, () => dispatcher.kick());
          dispatcher.start(200);
          inProcess.push({ stop: async () => (await runner.stop(), await dispatcher.stop(), send.close(), void name) });
        }
      }
      await waitFor(allSent);
      // A moment more: a double send would show up now.
      await new Promise((resolve) => setTimeout(resolve, 1500));
    } finally {
      await Promise.all(apps.map(stopApp));
      await Promise.all(inProcess.map((p) => p.stop()));
      await smtp.close();
    }

    const rows = await db.select().from(emailOutbox);
    const delivered = smtp.received.map((m) => header(m.raw, "Message-ID")!);
    const runs = await db.select().from(jobRuns).where(eq(jobRuns.jobName, arrivalNoticeDigest.name));
    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "job.completed"), eq(auditLog.entityId, `${arrivalNoticeDigest.name}/${dayKey}`)));
    const digests = rows.filter((r) => r.template === "application-digest");
    figures.add(rows.length + 1, delivered.length - new Set(delivered).size + Math.max(0, audits.length - 1) + Math.max(0, digests.length - 1));

    expect(rows.length).toBeGreaterThan(MAILS);
    expect(rows.every((r) => r.status === "sent" && r.attempts === 0)).toBe(true);
    expect(delivered).toHaveLength(rows.length);
    expect(new Set(delivered)).toEqual(new Set(rows.map((r) => r.messageId)));
    expect(runs).toMatchObject([{ dueKey: dayKey, status: "done", attempts: 1, result: { queued: 1 } }]);
    expect(audits).toHaveLength(1);
    expect(digests.map((d) => d.toAddress)).toEqual(["sammendrag@sm.dk"]);
  }, 120_000);
});
