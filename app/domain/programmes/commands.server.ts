// Writes for the advisory programmes: one transaction each, one audit row in it, a Result.
// The scoped lookup comes first (a programme outside the actor's scope is not found: 404),
// then the permission (visible but not allowed: 403), then the rules (409/400).
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database, Tx } from "#db/client";
import {
  advisoryProgrammes,
  agencies,
  crossMunicipalSessions,
  focusAreas,
  grants,
  memberships,
  milestoneAttachments,
  milestoneCaseReviews,
  milestoneComments,
  milestoneParticipants,
  milestones,
  milestoneTemplates,
  programmeAdvisors,
  programmeFocusAreas,
  sessionInvitations,
  users,
} from "#db/schema";
import type { Actor } from "~/auth/actor";
import { checkUpload, storeUpload } from "~/domain/files/uploads.server";
import { conflict, invalid, notFound, ok, refused, type Result } from "~/domain/result";
import { can, ownMunicipality } from "~/policy/permissions";
import { programmeScope, sessionScope } from "~/policy/scopes.server";
import { audit } from "~/utils/audit.server";
import { PARTICIPANT_ROLES, THEMES } from "./programme-constants";
import { milestoneLogProblems, plannedDateAt, programmeDateProblems } from "./programme-rules";
import type { CreateProgrammeInput, LogMilestoneInput } from "./programme-schemas";

const PROGRAMME_NOT_FOUND = "Rådgivningsforløbet findes ikke.";
const MILESTONE_NOT_FOUND = "Milepælen findes ikke.";

export async function createProgramme(db: Database, actor: Actor, input: CreateProgrammeInput): Promise<Result<{ id: number }>> {
  if (!can(actor, "programme:create")) return refused("Du har ikke adgang til at oprette rådgivningsforløb.");
  const dateErrors = programmeDateProblems(input);
  if (Object.keys(dateErrors).length) return invalid("Datoerne passer ikke.", dateErrors);
  if (input.leadAgencyId === input.partnerAgencyId) {
    return invalid("Vælg to forskellige styrelser.", { partnerAgencyId: "Den samarbejdende styrelse skal være en anden end den ledende." });
  }
  return db.transaction(async (tx): Promise<Result<{ id: number }>> => {
    const [grant] = await tx.select().from(grants).where(eq(grants.id, input.grantId)).for("update");
    if (!grant) return invalid("Tilsagnet findes ikke.", { grantId: "Vælg et tilsagn fra listen." });
    const [existing] = await tx.select({ id: advisoryProgrammes.id }).from(advisoryProgrammes).where(eq(advisoryProgrammes.grantId, grant.id));
    if (existing) return conflict("Tilsagnet har allerede et rådgivningsforløb.");
    const agencyRows = await tx.select().from(agencies).where(inArray(agencies.id, [input.leadAgencyId, input.partnerAgencyId]));
    if (agencyRows.length !== 2 || agencyRows.some((a) => a.kind !== "agency")) return invalid("Vælg styrelserne fra listen.", { leadAgencyId: "Vælg styrelserne fra listen." });
    const advisorRows = await tx
      .select({ userId: users.id, agencyId: memberships.agencyId })
      .from(users)
      .innerJoin(memberships, eq(memberships.userId, users.id))
      .where(and(inArray(users.id, input["advisorIds[]"]), eq(memberships.role, "advisor"), eq(users.status, "active")));
    const field = { "advisorIds[]": "" };
    if (advisorRows.length !== new Set(input["advisorIds[]"]).size) return invalid("Vælg rådgivere fra listen.", { ...field, "advisorIds[]": "Vælg rådgivere fra listen." });
    const agencyIds = new Set(advisorRows.map((a) => a.agencyId));
    if (!agencyIds.has(input.leadAgencyId) || !agencyIds.has(input.partnerAgencyId) || agencyIds.size !== 2) {
      return invalid("Rådgiverne skal komme fra de to valgte styrelser, mindst én fra hver.", { "advisorIds[]": "Vælg mindst én rådgiver fra hver af de to styrelser (og kun fra dem)." });
    }
    const items = await tx.select().from(milestoneTemplates).where(eq(milestoneTemplates.templateId, input.templateId));
    if (items.length === 0) return invalid("Vælg en skabelon fra listen.", { templateId: "Vælg en skabelon fra listen." });
    const areaIds = [...new Set(input["focusAreaIds[]"])];
    if (areaIds.length) {
      const found = await tx.select({ id: focusAreas.id }).from(focusAreas).where(inArray(focusAreas.id, areaIds));
      if (found.length !== areaIds.length) return invalid("Vælg fokusområder fra listen.", { "focusAreaIds[]": "Vælg fokusområder fra listen." });
    }
    if (input.newFocusArea) {
      const [same] = await tx.select({ id: focusAreas.id }).from(focusAreas).where(sql`lower(${focusAreas.name}) = lower(${input.newFocusArea})`);
      if (same) areaIds.push(same.id);
      else {
        const [added] = await tx
          .insert(focusAreas)
          .values({ name: input.newFocusArea, themes: input["newFocusAreaThemes[]"], createdBy: actor.userId })
          .returning({ id: focusAreas.id });
        areaIds.push(added.id);
      }
    }
    if (areaIds.length === 0) return invalid("Vælg mindst ét fokusområde.", { "focusAreaIds[]": "Vælg mindst ét fokusområde." });

    const [programme] = await tx
      .insert(advisoryProgrammes)
      .values({
        grantId: grant.id,
        poolId: grant.poolId,
        municipalityCode: grant.municipalityCode,
        leadAgencyId: input.leadAgencyId,
        partnerAgencyId: input.partnerAgencyId,
        templateId: input.templateId,
        startsOn: input.startsOn,
        plannedEndOn: input.plannedEndOn,
        intensity: input.intensity,
        lengthReason: input.lengthReason || null,
        createdBy: actor.userId,
      })
      .returning();
    await tx.insert(programmeAdvisors).values(advisorRows.map((a) => ({ programmeId: programme.id, userId: a.userId, agencyId: a.agencyId! })));
    await tx.insert(programmeFocusAreas).values([...new Set(areaIds)].map((focusAreaId) => ({ programmeId: programme.id, focusAreaId })));
    const planned = await tx
      .insert(milestones)
      .values(
        items
          .sort((a, b) => a.sortOrder - b.sortOrder)
          .map((item) => ({
            programmeId: programme.id,
            sortOrder: item.sortOrder,
            title: item.title,
            kind: item.kind,
            themes: item.themes,
            plannedOn: plannedDateAt(input.startsOn, input.plannedEndOn, item.positionPercent),
            createdBy: actor.userId,
            updatedBy: actor.userId,
          })),
      )
      .returning({ id: milestones.id, title: milestones.title, plannedOn: milestones.plannedOn });
    await audit(tx, actor, {
      action: "programme.created",
      entityType: "programme",
      entityId: programme.id,
      after: { ...programme, advisors: advisorRows.map((a) => a.userId), focusAreaIds: areaIds, milestones: planned },
    });
    return ok({ id: programme.id });
  });
}

/** The milestone, locked, when its programme is in the actor's scope. */
async function lockMilestone(tx: Tx, actor: Actor, programmeId: number, milestoneId: number) {
  const [row] = await tx
    .select({ milestone: milestones, municipalityCode: advisoryProgrammes.municipalityCode })
    .from(milestones)
    .innerJoin(advisoryProgrammes, eq(advisoryProgrammes.id, milestones.programmeId))
    .where(and(eq(milestones.id, milestoneId), eq(advisoryProgrammes.id, programmeId), programmeScope(actor)))
    .for("update", { of: milestones });
  return row ?? null;
}

export async function logMilestone(
  db: Database,
  actor: Actor,
  programmeId: number,
  milestoneId: number,
  input: LogMilestoneInput,
  today: string,
): Promise<Result<{ id: number }>> {
  return db.transaction(async (tx): Promise<Result<{ id: number }>> => {
    const row = await lockMilestone(tx, actor, programmeId, milestoneId);
    if (!row) return notFound(MILESTONE_NOT_FOUND);
    if (!can(actor, "milestone:log")) return refused("Du kan se milepælen, men ikke ændre den.");
    const before = row.milestone;
    if (before.version !== input.version) return conflict("Milepælen er ændret af en anden, siden du åbnede den. Genindlæs siden, og prøv igen.");
    const next = {
      status: input.status,
      plannedOn: input.plannedOn,
      actualOn: input.actualOn,
      statusReason: input.status === "udskudt" || input.status === "aflyst" ? input.statusReason || null : null,
    };
    const problems = milestoneLogProblems(before.status, next, today);
    if (Object.keys(problems).length) return invalid("Milepælen kan ikke gemmes sådan.", problems);
    const values = input as unknown as Record<string, unknown>;
    const participants = PARTICIPANT_ROLES.map((role) => ({ milestoneId, role, count: Number(values[`participants_${role}`] ?? 0) })).filter((p) => p.count > 0);
    const reviews = THEMES.map((theme) => ({
      milestoneId,
      theme,
      casesReviewed: Number(values[`review_${theme}_reviewed`] ?? 0),
      casesAdequate: Number(values[`review_${theme}_adequate`] ?? 0),
      findings: String(values[`review_${theme}_findings`] ?? ""),
    })).filter((r) => r.casesReviewed > 0 || r.findings);
    const reviewErrors = Object.fromEntries(
      reviews.filter((r) => r.casesAdequate > r.casesReviewed).map((r) => [`review_${r.theme}_adequate`, "Der kan ikke være flere sager, der levede op til kravene, end der er gennemgået."]),
    );
    if (Object.keys(reviewErrors).length) return invalid("Sagsgennemgangen passer ikke.", reviewErrors);

    const beforeParticipants = await tx.select().from(milestoneParticipants).where(eq(milestoneParticipants.milestoneId, milestoneId));
    const beforeReviews = await tx.select().from(milestoneCaseReviews).where(eq(milestoneCaseReviews.milestoneId, milestoneId));
    const [after] = await tx
      .update(milestones)
      .set({ ...next, note: input.note ?? "", version: before.version + 1, updatedBy: actor.userId, updatedAt: new Date() })
      .where(eq(milestones.id, milestoneId))
      .returning();
    await tx.delete(milestoneParticipants).where(eq(milestoneParticipants.milestoneId, milestoneId));
    if (participants.length) await tx.insert(milestoneParticipants).values(participants);
    await tx.delete(milestoneCaseReviews).where(eq(milestoneCaseReviews.milestoneId, milestoneId));
    if (reviews.length) await tx.insert(milestoneCaseReviews).values(reviews);
    const pick = (m: typeof before) => ({ status: m.status, plannedOn: m.plannedOn, actualOn: m.actualOn, statusReason: m.statusReason, note: m.note });
    await audit(tx, actor, {
      action: "milestone.logged",
      entityType: "milestone",
      entityId: milestoneId,
      before: { ...pick(before), participants: beforeParticipants.map(({ role, count }) => ({ role, count })), caseReview: beforeReviews.map(({ milestoneId: _, ...r }) => r) },
      after: { ...pick(after), participants: participants.map(({ role, count }) => ({ role, count })), caseReview: reviews.map(({ milestoneId: _, ...r }) => r) },
    });
    return ok({ id: milestoneId });
  });
}

export async function uploadMilestoneAttachment(
  db: Database,
  actor: Actor,
  programmeId: number,
  milestoneId: number,
  file: File | null,
): Promise<Result<{ id: string }>> {
  // Visible and allowed first: a stranger learns nothing from the upload checks.
  const allowed = await db.transaction(async (tx) => {
    const row = await lockMilestone(tx, actor, programmeId, milestoneId);
    if (!row) return notFound(MILESTONE_NOT_FOUND);
    if (!can(actor, "milestone:log")) return refused("Du kan se milepælen, men ikke tilføje bilag.");
    return ok();
  });
  if (!allowed.ok) return allowed;
  const checked = await checkUpload(file, { fallbackName: "milepael-bilag" });
  if (!checked.ok) return checked;
  const upload = checked.value;
  return db.transaction(async (tx): Promise<Result<{ id: string }>> => {
    const row = await lockMilestone(tx, actor, programmeId, milestoneId);
    if (!row) return notFound(MILESTONE_NOT_FOUND);
    return storeUpload(upload, async () => {
      const [file] = await tx
        .insert(milestoneAttachments)
        .values({ milestoneId, filename: upload.filename, contentType: upload.contentType, sizeBytes: upload.sizeBytes, sha256: upload.sha256, storageKey: upload.storageKey, uploadedBy: actor.userId })
        .returning();
      await audit(tx, actor, {
        action: "milestone.attachment_added",
        entityType: "milestone",
        entityId: milestoneId,
        after: { attachmentId: file.id, filename: file.filename, contentType: file.contentType, sizeBytes: file.sizeBytes, sha256: file.sha256 },
      });
      return ok({ id: file.id });
    });
  });
}

export async function commentOnMilestone(db: Database, actor: Actor, programmeId: number, milestoneId: number, body: string): Promise<Result<{ id: number }>> {
  return db.transaction(async (tx): Promise<Result<{ id: number }>> => {
    const row = await lockMilestone(tx, actor, programmeId, milestoneId);
    if (!row) return notFound(MILESTONE_NOT_FOUND);
    if (!can(actor, "milestone:comment", { municipalityCode: row.municipalityCode })) return refused("Kun kommunen kan kommentere milepæle.");
    const [comment] = await tx.insert(milestoneComments).values({ milestoneId, authorId: actor.userId, body }).returning();
    await audit(tx, actor, { action: "milestone.commented", entityType: "milestone", entityId: milestoneId, after: { commentId: comment.id, body } });
    return ok({ id: comment.id });
  });
}

export async function createSession(
  db: Database,
  actor: Actor,
  input: { title: string; description?: string; heldOn: string; location?: string; "municipalityCodes[]": string[]; "themes[]": string[] },
): Promise<Result<{ id: number }>> {
  if (!can(actor, "programme:manage")) return refused("Du har ikke adgang til at planlægge tværkommunale seminarer.");
  return db.transaction(async (tx): Promise<Result<{ id: number }>> => {
    const codes = [...new Set(input["municipalityCodes[]"])];
    const withProgramme = await tx
      .selectDistinct({ code: advisoryProgrammes.municipalityCode, poolId: advisoryProgrammes.poolId })
      .from(advisoryProgrammes)
      .where(inArray(advisoryProgrammes.municipalityCode, codes));
    if (new Set(withProgramme.map((w) => w.code)).size !== codes.length) {
      return invalid("Invitér kun kommuner med et rådgivningsforløb.", { "municipalityCodes[]": "Invitér kun kommuner med et rådgivningsforløb." });
    }
    const [session] = await tx
      .insert(crossMunicipalSessions)
      .values({
        poolId: withProgramme[0].poolId,
        title: input.title,
        description: input.description ?? "",
        heldOn: input.heldOn,
        location: input.location ?? "",
        themes: input["themes[]"] as (typeof THEMES)[number][],
        createdBy: actor.userId,
      })
      .returning();
    await tx.insert(sessionInvitations).values(codes.map((municipalityCode) => ({ sessionId: session.id, municipalityCode })));
    await audit(tx, actor, { action: "session.created", entityType: "session", entityId: session.id, after: { ...session, invited: codes } });
    return ok({ id: session.id });
  });
}

export async function respondToSession(
  db: Database,
  actor: Actor,
  input: { sessionId: number; attendance: "confirmed" | "declined" | "invited"; participants: number },
): Promise<Result<{ id: number }>> {
  return db.transaction(async (tx): Promise<Result<{ id: number }>> => {
    const [session] = await tx.select().from(crossMunicipalSessions).where(and(eq(crossMunicipalSessions.id, input.sessionId), sessionScope(actor)));
    if (!session) return notFound("Seminaret findes ikke.");
    const code = can(actor, "session:attend") ? ownMunicipality(actor) : null;
    if (!code) return refused("Kun en inviteret kommune kan svare på invitationen.");
    if (session.status === "gennemfoert" || session.status === "aflyst") return conflict("Seminaret er afholdt eller aflyst; svaret kan ikke længere ændres.");
    const [before] = await tx
      .select()
      .from(sessionInvitations)
      .where(and(eq(sessionInvitations.sessionId, session.id), eq(sessionInvitations.municipalityCode, code)))
      .for("update");
    if (!before) return notFound("Seminaret findes ikke.");
    const [after] = await tx
      .update(sessionInvitations)
      .set({ attendance: input.attendance, participants: input.attendance === "confirmed" ? input.participants : null, respondedBy: actor.userId, respondedAt: new Date() })
      .where(and(eq(sessionInvitations.sessionId, session.id), eq(sessionInvitations.municipalityCode, code)))
      .returning();
    await audit(tx, actor, { action: "session.attendance", entityType: "session", entityId: session.id, before, after });
    return ok({ id: session.id });
  });
}
