// Search by reference number: jumps to the application only when the actor may see it
// (scoped in SQL); the whole reference must match, year included.
import { describe, expect, it } from "vitest";
import { applications } from "#db/schema";
import { getDb } from "~/db.server";
import { loader as listLoader } from "~/routes/applications._index";
import { loader as searchLoader } from "~/routes/search";
import { createUser, signedInRequest } from "../fixtures";
import { makeCall } from "./application-helpers";
import { outcome } from "../support/route-result";

const ctx = { context: {} };

describe("search by reference number", () => {
  it("opens the application for its municipality and the ministry, never for another municipality", async () => {
    const db = await getDb();
    const { call } = await makeCall(db, { deadline: new Date("2022-11-07T11:00:00Z") });
    const [app] = await db.insert(applications).values({ callId: call.id, municipalityCode: "0360", status: "submitted", submittedAt: new Date("2022-11-01T10:00:00Z") }).returning();
    const ref = `PP-2022-${String(app.id).padStart(4, "0")}`;
    const lolland = await createUser(db, "municipality", { municipalityCode: "0360" });
    const langeland = await createUser(db, "municipality", { municipalityCode: "0482" });
    const caseworker = await createUser(db, "caseworker");
    const search = async (user: { userId: string }, q: string) =>
      outcome(async () => searchLoader({ request: await signedInRequest(db, user, `/search?q=${encodeURIComponent(q)}`), params: {}, ...ctx }));

    for (const user of [lolland, caseworker]) {
      const hit = await search(user, ref.toLowerCase().replace(/-/g, " "));
      expect(hit.status).toBe(302);
      expect(hit.headers.get("location")).toBe(`/applications/${app.id}`);
    }
    const other = await search(langeland, ref);
    expect(other.status).toBe(200);
    expect(other.data).toMatchObject({ reference: true });
    const wrongYear = await search(caseworker, `PP-2023-${String(app.id).padStart(4, "0")}`);
    expect(wrongYear.status).toBe(200);
    const name = await search(caseworker, "Lolland");
    expect(name.headers.get("location")).toBe("/applications?q=Lolland");

    // The list's search field does the same.
    const fromList = await outcome(async () =>
      listLoader({ request: await signedInRequest(db, caseworker, `/applications?q=${ref}`), params: {}, ...ctx }),
    );
    expect(fromList.headers.get("location")).toBe(`/applications/${app.id}`);
    const advisor = await createUser(db, "advisor");
    expect((await search(advisor, ref)).status).toBe(403);
  });
});
