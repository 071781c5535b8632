// A failure injected between two steps of a command leaves no partial rows: a test-only
// trigger makes one of the command's later inserts (the audit row, the outbox mail, the
// mail's attachment) raise, and the whole database must be exactly as before, row for
// row. Then, without the fault, the same command succeeds and does change the database,
// so each case proves the command really writes the table the fault hit.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { rowsOf, type Database } from "#db/client";
import { callCriteria } from "#db/schema";
import { createInvitation } from "~/auth/invitations.server";
import { startApplication, submitApplication } from "~/domain/applications/commands.server";
import { reopenForCorrection } from "~/domain/assessment/commands.server";
import { publishCall } from "~/domain/calls/commands.server";
import { setTestClock } from "~/domain/clock/clock.server";
import { getDb } from "~/db.server";
import { createUser } from "../fixtures";
import { completeForm, makeCall } from "./application-helpers";
import { makeApplication } from "./assessment-fixtures";
import { securityTally } from "../support/security-figures";

const figures = securityTally("fault-partial-commands", "faults", "an insert made to fail mid-command (audit, outbox, attachment)");
afterAll(() => figures.record());

let db: Database;
beforeAll(async () => {
  db = await getDb();
});

/** Every row of every table, hashed per table: equal fingerprints mean an unchanged database. */
async function fingerprint(): Promise<Record<string, string>> {
  const tables = rowsOf<{ table_name: string }>(
    await db.execute(sql`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`),
  ).map((t) => t.table_name);
  const out: Record<string, string> = {};
  for (const t of tables) {
    const [row] = rowsOf<{ h: string }>(
      await db.execute(sql.raw(`SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM "${t}" x`)),
    );
    out[t] = row.h;
  }
  return out;
}

async function injectFault(table: string) {
  await db.execute(
    sql.raw(`CREATE OR REPLACE FUNCTION test_fault() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'fault injected on %', TG_TABLE_NAME; END $$`),
  );
  await db.execute(sql.raw(`CREATE TRIGGER test_fault BEFORE INSERT ON "${table}" FOR EACH ROW EXECUTE FUNCTION test_fault()`));
}
async function removeFault(table: string) {
  await db.execute(sql.raw(`DROP TRIGGER IF EXISTS test_fault ON "${table}"`));
}

/** Runs a command; true if it answered ok. A thrown database error or a failed Result both count as failed. */
async function succeeded(run: () => Promise<unknown>): Promise<boolean> {
  try {
    const r = (await run()) as { ok?: boolean } | undefined;
    return r?.ok !== false;
  } catch {
    return false;
  }
}

type Case = { command: string; failAt: string[]; prepare: () => Promise<() => Promise<unknown>> };

let seq = 0;
const cases: Case[] = [
  {
    // draft → submitted, budget total, audit row, arrival notice and a receipt with its PDF.
    command: "submit an application",
    failAt: ["audit_log", "email_outbox", "email_attachments"],
    prepare: async () => {
      const { call, categories } = await makeCall(db, { eligible: ["0360"] });
      const municipality = await createUser(db, "municipality", { municipalityCode: "0360", email: `kommune${++seq}@lolland.dk` });
      const started = await startApplication(db, municipality, call.id);
      if (!started.ok) throw new Error(started.message);
      return () =>
        submitApplication(db, municipality, { id: started.value.id, version: 1, values: completeForm(categories.map((c) => c.id)), confirmed: true });
    },
  },
  {
    // draft → published and its audit row.
    command: "publish a call",
    failAt: ["audit_log"],
    prepare: async () => {
      const { call } = await makeCall(db, { status: "draft", eligible: ["0360"] });
      await db.insert(callCriteria).values({ callId: call.id, label: "Kvalitet", weight: 100, sortOrder: 1 });
      const caseworker = await createUser(db, "caseworker", { email: `sagsbehandler${++seq}@sm.dk` });
      return () => publishCall(db, caseworker, call.id, new Date("2022-10-01T10:00:00Z"));
    },
  },
  {
    // submitted → reopened for correction, its audit row and the mail to the municipality.
    command: "reopen an application for correction",
    failAt: ["audit_log", "email_outbox"],
    prepare: async () => {
      const { call } = await makeCall(db, { eligible: ["0360"] });
      await createUser(db, "municipality", { municipalityCode: "0360", email: `kontakt${++seq}@lolland.dk` });
      const app = await makeApplication(db, call.id, "0360", { status: "submitted" });
      const caseworker = await createUser(db, "caseworker", { email: `sagsbehandler${++seq}@sm.dk` });
      return () => reopenForCorrection(db, caseworker, app.id, "Budgettet mangler for 2024.");
    },
  },
  {
    // a user, the invitation, its audit row and the mail with the sealed link.
    command: "invite a user",
    failAt: ["audit_log", "email_outbox"],
    prepare: async () => {
      await makeCall(db);
      const admin = await createUser(db, "admin", { email: `admin${++seq}@sm.dk` });
      const email = `ny${++seq}@sm.dk`;
      return () => createInvitation(db, admin, { name: "Ny Bruger", email, role: "caseworker" });
    },
  },
  {
    // the test clock setting and its audit row.
    command: "set the test clock",
    failAt: ["audit_log"],
    prepare: async () => {
      const admin = await createUser(db, "admin", { email: `ur${++seq}@sm.dk` });
      return () => setTestClock(db, admin, new Date("2030-01-01T08:00:00Z"));
    },
  },
];

describe("a failure between two steps of a command", () => {
  it.each(cases.flatMap((c) => c.failAt.map((table) => ({ command: c.command, table, prepare: c.prepare }))))(
    "$command, failing at $table, leaves every table as it was; without the fault it succeeds",
    async ({ table, prepare }) => {
      vi.spyOn(console, "error").mockImplementation(() => {});
      const run = await prepare();
      const before = await fingerprint();
      await injectFault(table);
      let failed: boolean;
      let after: Record<string, string>;
      try {
        failed = !(await succeeded(run));
        after = await fingerprint();
      } finally {
        await removeFault(table);
      }
      const changed = Object.keys(before).filter((t) => before[t] !== after[t]);
      figures.add(1, changed.length > 0 || !failed ? 1 : 0);
      expect(failed).toBe(true);
      expect(changed).toEqual([]);

      // The same command, no fault: it goes through and writes the table that failed above.
      expect(await succeeded(run)).toBe(true);
      const done = await fingerprint();
      expect(done[table]).not.toBe(before[table]);
    },
  );
});
