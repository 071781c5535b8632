// A junk form (unknown intent, no version) aimed at a record the actor may not see, or
// that does not exist, answers 404 like any other request for it, never 400: a 400 would
// tell a stranger that the id exists. On a record the actor may see it stays a 400.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { startApplication } from "~/domain/applications/commands.server";
import { action as callAction } from "~/routes/calls.$callId._index";
import { action as mailAction } from "~/routes/admin.mail.$id";
import { action as applicationAction } from "~/routes/applications.$applicationId._index";
import { action as attachmentsAction } from "~/routes/applications.$applicationId.attachments";
import { createUser, postForm, type TestUser } from "../fixtures";
import { makeCall } from "./application-helpers";
import { outcome } from "../support/route-result";

const junk = { intent: "x" };
let admin: TestUser;
let caseworker: TestUser;
let lolland: TestUser;
let aarhusApplicationId: number;
let lollandApplicationId: number;
let callId: number;

beforeAll(async () => {
  const db = await getDb();
  const { call } = await makeCall(db, { eligible: ["0360", "0751"] });
  callId = call.id;
  admin = await createUser(db, "admin");
  caseworker = await createUser(db, "caseworker");
  lolland = await createUser(db, "municipality", { municipalityCode: "0360" });
  const aarhus = await createUser(db, "municipality", { municipalityCode: "0751" });
  const theirs = await startApplication(db, aarhus, call.id);
  const ours = await startApplication(db, lolland, call.id);
  if (!theirs.ok || !ours.ok) throw new Error("could not start the applications");
  aarhusApplicationId = theirs.value.id;
  lollandApplicationId = ours.value.id;
});

async function post(action: (args: any) => Promise<unknown>, user: TestUser, url: string, params: Record<string, string>) {
  const db = await getDb();
  const request = await postForm(db, user, url, junk);
  return outcome(() => action({ request, params, context: {} }));
}

describe("a junk form is refused with 404 before it is validated", () => {
  it("POST /calls/999999 as admin and as caseworker", async () => {
    for (const user of [admin, caseworker]) {
      expect((await post(callAction, user, "/calls/999999", { callId: "999999" })).status).toBe(404);
    }
    // The same junk on a call that exists is a 400: the lookup, not the form, decided above.
    expect((await post(callAction, caseworker, `/calls/${callId}`, { callId: String(callId) })).status).toBe(400);
  });

  it("POST /admin/mail/999999999 as admin", async () => {
    expect((await post(mailAction, admin, "/admin/mail/999999999", { id: "999999999" })).status).toBe(404);
  });

  it("POST /applications/<another municipality's id> as municipality", async () => {
    const id = String(aarhusApplicationId);
    expect((await post(applicationAction, lolland, `/applications/${id}`, { applicationId: id })).status).toBe(404);
    const own = String(lollandApplicationId);
    expect((await post(applicationAction, lolland, `/applications/${own}`, { applicationId: own })).status).toBe(400);
  });

  it("POST /applications/<another municipality's id>/attachments as municipality", async () => {
    const id = String(aarhusApplicationId);
    expect((await post(attachmentsAction, lolland, `/applications/${id}/attachments`, { applicationId: id })).status).toBe(404);
    const own = String(lollandApplicationId);
    expect((await post(attachmentsAction, lolland, `/applications/${own}/attachments`, { applicationId: own })).status).toBe(400);
  });
});
