// Lists sort municipalities in Danish order by municipalities.sort_key (decision 028), not by
// the name's bytes or the server's collation: Ballerup, Ærø, Aabenraa (aa is å, after æ and
// ø). Under byte order or en_US collation Aabenraa comes first, so these fail on either.
import { beforeAll, expect, it } from "vitest";
import type { Database } from "#db/client";
import { getDb } from "~/db.server";
import { replanUnpaidPayments } from "~/domain/grants/payment-replan.server";
import { listPayments, parsePaymentFilters } from "~/domain/payments/queries.server";
import { loader as timelineLoader } from "~/routes/programmes.timeline";
import { createUser, seedBase, signedInRequest, type TestUser } from "../fixtures";
import { makeAssessmentCall } from "./assessment-fixtures";
import { makeGrant, systemActor } from "./grant-fixtures";
import { makePayableGrant } from "./payment-fixtures";
import { makeProgramme } from "./timeline-fixtures";

const DANISH = ["Ballerup", "Ærø", "Aabenraa"];
// Made in byte order, so an unordered (insertion or id order) answer fails too.
const CODES = ["0580", "0151", "0492"]; // Aabenraa, Ballerup, Ærø

let db: Database;
let caseworker: TestUser;
let admin: TestUser;

beforeAll(async () => {
  db = await getDb();
  await seedBase(db);
  caseworker = await createUser(db, "caseworker");
  admin = await createUser(db, "admin");
}, 60_000);

it("the payments work list: payments due the same day in Danish municipality order", async () => {
  for (const code of CODES) {
    const g = await makePayableGrant(db, { municipalityCode: code });
    await db.transaction((tx) => replanUnpaidPayments(tx, systemActor, g.grant.id));
  }
  const { rows } = await listPayments(db, caseworker, parsePaymentFilters(new URLSearchParams("view=all")), "2023-01-15");
  const firstDue = rows[0]!.dueOn;
  expect(rows.filter((r) => r.dueOn === firstDue).map((r) => r.municipalityName)).toEqual(DANISH);
});

it("the programme timeline: programmes in Danish municipality order", async () => {
  const { call } = await makeAssessmentCall(db);
  for (const code of CODES) await makeProgramme(db, (await makeGrant(db, call.id, code)).grant);
  const data = await timelineLoader({ request: await signedInRequest(db, admin, "/programmes/timeline"), params: {}, context: {} });
  expect(data.view.programmes.map((p) => p.municipalityName)).toEqual(DANISH);
});
