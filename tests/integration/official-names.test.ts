// Where a municipality is named in full (headers, application, PDF, receipt, mails),
// the official name from the reference data is used: "Vesthimmerlands Kommune", not
// "Vesthimmerland Kommune"; "Bornholms Regionskommune", not "Bornholm Kommune".
import { describe, expect, it } from "vitest";
import { requireActor } from "~/auth/guards.server";
import { getDb } from "~/db.server";
import { getApplication } from "~/domain/applications/applications.server";
import { createUser, signedInRequest } from "../fixtures";
import { loader as grantLoader } from "~/routes/grants.$grantId._index";
import { ctx, makeApplication, makeAssessmentCall } from "./assessment-fixtures";
import { makeGrant } from "./grant-fixtures";

describe("official municipality names", () => {
  it("in the signed-in user's header and on the application", async () => {
    const db = await getDb();
    const { call } = await makeAssessmentCall(db);
    const bornholm = await createUser(db, "municipality", { municipalityCode: "0400" });
    const actor = await requireActor(await signedInRequest(db, bornholm, "/"));
    expect(actor.municipalityName).toBe("Bornholms Regionskommune");

    const app = await makeApplication(db, call.id, "0820");
    const caseworker = await createUser(db, "caseworker");
    const staff = await requireActor(await signedInRequest(db, caseworker, "/"));
    expect((await getApplication(db, staff, app.id))!.municipalityName).toBe("Vesthimmerlands Kommune");
  });

  it("in the grant page's heading", async () => {
    const db = await getDb();
    const { call } = await makeAssessmentCall(db);
    const { grant } = await makeGrant(db, call.id, "0820", { commit: false });
    const caseworker = await createUser(db, "caseworker");
    const request = await signedInRequest(db, caseworker, `/grants/${grant.id}`);
    const view = await grantLoader({ request, params: { grantId: String(grant.id) }, ...ctx });
    expect(view.header.municipalityName).toBe("Vesthimmerlands Kommune");
  });
});
