// The municipality's start page lists the calls it can still apply to with the same
// query as the calls page: the deadline instant itself is still open (deadline.ts).
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { acceptsSubmissions } from "~/domain/calls/deadline";
import { municipalityStart } from "~/domain/start/start-page.server";
import { createUser, type TestUser } from "../fixtures";
import { makeCall } from "./application-helpers";

const DEADLINE = new Date("2022-11-07T11:00:00Z");
let lolland: TestUser;
let openId: number;

beforeAll(async () => {
  const db = await getDb();
  openId = (await makeCall(db, { deadline: DEADLINE, eligible: ["0360"] })).call.id;
  await makeCall(db, { deadline: DEADLINE, eligible: ["0101"] }); // not Lolland's
  await makeCall(db, { deadline: DEADLINE, eligible: ["0360"], status: "draft" }); // not published
  lolland = await createUser(db, "municipality", { municipalityCode: "0360" });
}, 30_000);

describe("municipality start page", () => {
  it("shows a call as open up to and including its deadline, like deadline.ts", async () => {
    const db = await getDb();
    expect(acceptsSubmissions({ status: "published", deadline: DEADLINE }, DEADLINE)).toBe(true);
    const atDeadline = await municipalityStart(db, lolland, DEADLINE);
    expect(atDeadline.openCalls.map((c) => c.id)).toEqual([openId]);
    const before = await municipalityStart(db, lolland, new Date(DEADLINE.getTime() - 60_000));
    expect(before.openCalls.map((c) => c.id)).toEqual([openId]);
  });

  it("drops the call one millisecond after the deadline", async () => {
    const db = await getDb();
    const after = await municipalityStart(db, lolland, new Date(DEADLINE.getTime() + 1));
    expect(after.openCalls).toEqual([]);
  });
});
