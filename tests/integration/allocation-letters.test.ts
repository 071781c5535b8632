// The approval's letters: right after the round is approved (after the response), every
// new grant has its award letter and every rejection its letter, mailed with the PDF.
import { and, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { applicationBudgetLines, applications, callCostCategories, decisionLetters, emailOutbox } from "#db/schema";
import { getDb } from "~/db.server";
import { saveRound } from "~/domain/grants/allocation.server";
import { action } from "~/routes/calls.$callId.allocation";
import { settleAfterResponse } from "~/utils/after-response.server";
import { createUser, postForm } from "../fixtures";
import { settle } from "../support/route-result";
import { makeApplication, makeAssessmentCall } from "./assessment-fixtures";

describe("letters after an approved allocation round", () => {
  it("issues the award and rejection letters once the approval has committed", async () => {
    const db = await getDb();
    const { call } = await makeAssessmentCall(db);
    const [cat] = await db.insert(callCostCategories).values({ callId: call.id, label: "Vikardækning", sortOrder: 1 }).returning();
    const granted = await makeApplication(db, call.id, "0360", { status: "assessed", requestedOre: 90_000_000n });
    const rejected = await makeApplication(db, call.id, "0482", { status: "assessed", requestedOre: 50_000_000n });
    for (const a of [granted, rejected]) {
      await db.insert(applicationBudgetLines).values({ applicationId: a.id, categoryId: cat!.id, quarter: "2023-Q1", amountOre: a.requestedOre });
    }
    await db.update(applications).set({ contactEmail: "kontakt@kommune.dk" }).where(inArray(applications.id, [granted.id, rejected.id]));
    const caseworker = await createUser(db, "caseworker");
    const admin = await createUser(db, "admin");
    const saved = await saveRound(
      db,
      caseworker,
      call.id,
      {
        lines: [
          { applicationId: granted.id, requestedOre: granted.requestedOre, decision: "full", amountOre: null, reason: "" },
          { applicationId: rejected.id, requestedOre: rejected.requestedOre, decision: "none", amountOre: null, reason: "Rækker ikke til flere." },
        ],
        version: null,
      },
      { propose: true },
    );
    if (!saved.ok) throw new Error(saved.message);
    const res = (await settle(
      action({ request: await postForm(db, admin, `/calls/${call.id}/allocation`, { intent: "approve", roundId: String(saved.value.roundId) }), params: { callId: String(call.id) }, context: {} }),
    )) as Response;
    expect(res.status).toBe(302);
    await settleAfterResponse();
    const letters = await db.select().from(decisionLetters).where(inArray(decisionLetters.applicationId, [granted.id, rejected.id]));
    expect(letters.map((l) => [l.applicationId, l.kind]).sort()).toEqual([
      [granted.id, "award"],
      [rejected.id, "rejection"],
    ].sort());
    const mails = await db.select().from(emailOutbox).where(and(inArray(emailOutbox.template, ["award-letter", "rejection-letter"])));
    expect(mails.length).toBeGreaterThanOrEqual(2);
  }, 120_000);
});
