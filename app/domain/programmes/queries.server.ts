// Reads for the advisory programmes, every one scoped in the SQL WHERE (programmeScope /
// sessionScope): an id the actor may not see finds nothing, and the route answers 404.
import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "#db/client";
import {
  advisoryProgrammes,
  agencies,
  auditLog,
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
  municipalities,
  pools,
  programmeAdvisors,
  programmeFocusAreas,
  programmeTemplates,
  sessionInvitations,
  users,
} from "#db/schema";
import { programmeScope, sessionScope, type ScopeActor } from "~/policy/scopes.server";
import { isAfterInitiativeEnd, isOverdue } from "./programme-rules";

type Reader = ScopeActor & { userId: string };
const lead = alias(agencies, "lead_agency");
const partner = alias(agencies, "partner_agency");

/** Is the programme in the actor's scope? (For junk forms: 404 or 400.) */
export async function programmeVisible(db: Executor, actor: Reader, programmeId: number) {
  const [row] = await db
    .select({ id: advisoryProgrammes.id })
    .from(advisoryProgrammes)
    .where(and(eq(advisoryProgrammes.id, programmeId), programmeScope(actor)));
  return Boolean(row);
}

/** Is the milestone one of a programme in the actor's scope (and of that programme)? */
export async function milestoneVisible(db: Executor, actor: Reader, programmeId: number, milestoneId: number) {
  const [row] = await db
    .select({ id: milestones.id })
    .from(milestones)
    .innerJoin(advisoryProgrammes, eq(advisoryProgrammes.id, milestones.programmeId))
    .where(and(eq(milestones.id, milestoneId), eq(advisoryProgrammes.id, programmeId), programmeScope(actor)));
  return Boolean(row);
}

/** The programmes the actor may see, with progress counts (done, overdue as of `today`). */
export async function listProgrammes(db: Executor, actor: Reader, today: string) {
  const rows = await db
    .select({
      id: advisoryProgrammes.id,
      municipalityName: municipalities.name,
      leadAgency: lead.name,
      partnerAgency: partner.name,
      startsOn: advisoryProgrammes.startsOn,
      plannedEndOn: advisoryProgrammes.plannedEndOn,
      intensity: advisoryProgrammes.intensity,
      status: advisoryProgrammes.status,
      milestones: sql<number>`(SELECT count(*) FROM ${milestones} WHERE ${milestones.programmeId} = ${advisoryProgrammes.id})`.mapWith(Number),
      done: sql<number>`(SELECT count(*) FROM ${milestones} WHERE ${milestones.programmeId} = ${advisoryProgrammes.id} AND ${milestones.status} = 'gennemfoert')`.mapWith(Number),
      overdue: sql<number>`(SELECT count(*) FROM ${milestones} WHERE ${milestones.programmeId} = ${advisoryProgrammes.id}
        AND ${milestones.status} NOT IN ('gennemfoert', 'aflyst') AND ${milestones.plannedOn} < ${today})`.mapWith(Number),
    })
    .from(advisoryProgrammes)
    .innerJoin(municipalities, eq(municipalities.code, advisoryProgrammes.municipalityCode))
    .innerJoin(lead, eq(lead.id, advisoryProgrammes.leadAgencyId))
    .innerJoin(partner, eq(partner.id, advisoryProgrammes.partnerAgencyId))
    .where(programmeScope(actor))
    .orderBy(asc(advisoryProgrammes.startsOn), asc(municipalities.sortKey));
  const advisors = await advisorsOf(db, rows.map((r) => r.id));
  return rows.map((r) => ({ ...r, advisors: advisors.filter((a) => a.programmeId === r.id).map((a) => a.name) }));
}

async function advisorsOf(db: Executor, programmeIds: number[]) {
  if (programmeIds.length === 0) return [];
  return db
    .select({ programmeId: programmeAdvisors.programmeId, userId: users.id, name: users.name, agency: agencies.name })
    .from(programmeAdvisors)
    .innerJoin(users, eq(users.id, programmeAdvisors.userId))
    .innerJoin(agencies, eq(agencies.id, programmeAdvisors.agencyId))
    .where(inArray(programmeAdvisors.programmeId, programmeIds))
    .orderBy(asc(agencies.name), asc(users.name));
}

/** One programme with its plan: advisors, focus areas, milestones (flags as of `today`). */
export async function getProgramme(db: Executor, actor: Reader, programmeId: number, today: string) {
  const [p] = await db
    .select({
      programme: advisoryProgrammes,
      municipalityName: municipalities.name,
      leadAgency: lead.name,
      partnerAgency: partner.name,
      initiativeEndsOn: sql<string | null>`coalesce(${pools.initiativeEndsOn}, ${pools.endsOn})`,
      templateName: programmeTemplates.name,
    })
    .from(advisoryProgrammes)
    .innerJoin(municipalities, eq(municipalities.code, advisoryProgrammes.municipalityCode))
    .innerJoin(lead, eq(lead.id, advisoryProgrammes.leadAgencyId))
    .innerJoin(partner, eq(partner.id, advisoryProgrammes.partnerAgencyId))
    .innerJoin(pools, eq(pools.id, advisoryProgrammes.poolId))
    .leftJoin(programmeTemplates, eq(programmeTemplates.id, advisoryProgrammes.templateId))
    .where(and(eq(advisoryProgrammes.id, programmeId), programmeScope(actor)));
  if (!p) return null;
  const [advisors, areas, list] = await Promise.all([
    advisorsOf(db, [programmeId]),
    db
      .select({ id: focusAreas.id, name: focusAreas.name, themes: focusAreas.themes })
      .from(programmeFocusAreas)
      .innerJoin(focusAreas, eq(focusAreas.id, programmeFocusAreas.focusAreaId))
      .where(eq(programmeFocusAreas.programmeId, programmeId))
      .orderBy(asc(focusAreas.name)),
    db
      .select({
        id: milestones.id,
        title: milestones.title,
        kind: milestones.kind,
        themes: milestones.themes,
        plannedOn: milestones.plannedOn,
        actualOn: milestones.actualOn,
        status: milestones.status,
        statusReason: milestones.statusReason,
        note: milestones.note,
        comments: sql<number>`(SELECT count(*) FROM ${milestoneComments} WHERE ${milestoneComments.milestoneId} = ${milestones.id})`.mapWith(Number),
      })
      .from(milestones)
      .where(eq(milestones.programmeId, programmeId))
      .orderBy(asc(milestones.plannedOn), asc(milestones.sortOrder), asc(milestones.id)),
  ]);
  return {
    ...p,
    advisors,
    focusAreas: areas,
    milestones: list.map((m) => ({
      ...m,
      overdue: isOverdue(m, today),
      afterInitiativeEnd: isAfterInitiativeEnd(m.plannedOn, p.initiativeEndsOn),
    })),
  };
}

/** One milestone of a programme the actor may see, with participants, case review, comments, attachments and history. */
export async function getMilestone(db: Executor, actor: Reader, programmeId: number, milestoneId: number, today: string) {
  const [row] = await db
    .select({
      milestone: milestones,
      municipalityName: municipalities.name,
      municipalityCode: advisoryProgrammes.municipalityCode,
      initiativeEndsOn: sql<string | null>`coalesce(${pools.initiativeEndsOn}, ${pools.endsOn})`,
    })
    .from(milestones)
    .innerJoin(advisoryProgrammes, eq(advisoryProgrammes.id, milestones.programmeId))
    .innerJoin(municipalities, eq(municipalities.code, advisoryProgrammes.municipalityCode))
    .innerJoin(pools, eq(pools.id, advisoryProgrammes.poolId))
    .where(and(eq(milestones.id, milestoneId), eq(advisoryProgrammes.id, programmeId), programmeScope(actor)));
  if (!row) return null;
  const [participants, reviews, comments, attachments, history] = await Promise.all([
    db.select().from(milestoneParticipants).where(eq(milestoneParticipants.milestoneId, milestoneId)),
    db.select().from(milestoneCaseReviews).where(eq(milestoneCaseReviews.milestoneId, milestoneId)),
    db
      .select({ id: milestoneComments.id, body: milestoneComments.body, createdAt: milestoneComments.createdAt, author: users.name })
      .from(milestoneComments)
      .innerJoin(users, eq(users.id, milestoneComments.authorId))
      .where(eq(milestoneComments.milestoneId, milestoneId))
      .orderBy(asc(milestoneComments.createdAt)),
    db
      .select({ id: milestoneAttachments.id, filename: milestoneAttachments.filename, sizeBytes: milestoneAttachments.sizeBytes, uploadedAt: milestoneAttachments.uploadedAt })
      .from(milestoneAttachments)
      .where(and(eq(milestoneAttachments.milestoneId, milestoneId), isNull(milestoneAttachments.deletedAt)))
      .orderBy(asc(milestoneAttachments.uploadedAt)),
    db
      .select({ id: auditLog.id, at: auditLog.at, action: auditLog.action, before: auditLog.before, after: auditLog.after, actor: users.name, actorRole: auditLog.actorRole })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorUserId))
      .where(and(eq(auditLog.entityType, "milestone"), eq(auditLog.entityId, String(milestoneId))))
      .orderBy(desc(auditLog.at), desc(auditLog.id)),
  ]);
  const m = row.milestone;
  return {
    ...row,
    overdue: isOverdue(m, today),
    afterInitiativeEnd: isAfterInitiativeEnd(m.plannedOn, row.initiativeEndsOn),
    participants,
    reviews,
    comments,
    attachments,
    history,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A live attachment of a milestone on a programme the actor may see; null otherwise. */
export async function getMilestoneAttachment(db: Executor, actor: Reader, programmeId: number, milestoneId: number, attachmentId: string) {
  if (!UUID.test(attachmentId)) return null;
  const [row] = await db
    .select({ file: milestoneAttachments })
    .from(milestoneAttachments)
    .innerJoin(milestones, eq(milestones.id, milestoneAttachments.milestoneId))
    .innerJoin(advisoryProgrammes, eq(advisoryProgrammes.id, milestones.programmeId))
    .where(
      and(
        eq(milestoneAttachments.id, attachmentId),
        eq(milestones.id, milestoneId),
        eq(advisoryProgrammes.id, programmeId),
        isNull(milestoneAttachments.deletedAt),
        programmeScope(actor),
      ),
    );
  return row?.file ?? null;
}

/** What the "new programme" form offers: grants without a programme, templates, agencies, advisors, focus areas. */
export async function newProgrammeOptions(db: Executor) {
  const [grantRows, templates, items, agencyRows, advisorRows, areas] = await Promise.all([
    db
      .select({ id: grants.id, municipalityName: municipalities.name, projectStart: grants.projectStart, projectEnd: grants.projectEnd })
      .from(grants)
      .innerJoin(municipalities, eq(municipalities.code, grants.municipalityCode))
      .where(and(inArray(grants.status, ["accepted", "offered"]), sql`NOT EXISTS (SELECT 1 FROM ${advisoryProgrammes} WHERE ${advisoryProgrammes.grantId} = ${grants.id})`))
      .orderBy(asc(municipalities.sortKey)),
    db.select().from(programmeTemplates).orderBy(asc(programmeTemplates.id)),
    db.select().from(milestoneTemplates).orderBy(asc(milestoneTemplates.templateId), asc(milestoneTemplates.sortOrder)),
    db.select({ id: agencies.id, name: agencies.name }).from(agencies).where(eq(agencies.kind, "agency")).orderBy(asc(agencies.name)),
    db
      .select({ id: users.id, name: users.name, agencyId: memberships.agencyId, agency: agencies.name })
      .from(users)
      .innerJoin(memberships, eq(memberships.userId, users.id))
      .innerJoin(agencies, eq(agencies.id, memberships.agencyId))
      .where(and(eq(memberships.role, "advisor"), eq(users.status, "active")))
      .orderBy(asc(agencies.name), asc(users.name)),
    db.select({ id: focusAreas.id, name: focusAreas.name, themes: focusAreas.themes }).from(focusAreas).orderBy(asc(focusAreas.id)),
  ]);
  return {
    grants: grantRows,
    templates: templates.map((t) => ({ ...t, items: items.filter((i) => i.templateId === t.id) })),
    agencies: agencyRows,
    advisors: advisorRows,
    focusAreas: areas,
  };
}

/** Cross-municipal sessions the actor may see, with the invited municipalities and their answers. */
export async function listSessions(db: Executor, actor: Reader) {
  const rows = await db
    .select({
      id: crossMunicipalSessions.id,
      title: crossMunicipalSessions.title,
      description: crossMunicipalSessions.description,
      heldOn: crossMunicipalSessions.heldOn,
      location: crossMunicipalSessions.location,
      status: crossMunicipalSessions.status,
      themes: crossMunicipalSessions.themes,
      note: crossMunicipalSessions.note,
      leadAgency: agencies.name,
    })
    .from(crossMunicipalSessions)
    .leftJoin(agencies, eq(agencies.id, crossMunicipalSessions.leadAgencyId))
    .where(sessionScope(actor))
    .orderBy(desc(crossMunicipalSessions.heldOn));
  const invites = rows.length
    ? await db
        .select({
          sessionId: sessionInvitations.sessionId,
          municipalityCode: sessionInvitations.municipalityCode,
          municipalityName: municipalities.name,
          attendance: sessionInvitations.attendance,
          participants: sessionInvitations.participants,
        })
        .from(sessionInvitations)
        .innerJoin(municipalities, eq(municipalities.code, sessionInvitations.municipalityCode))
        .where(inArray(sessionInvitations.sessionId, rows.map((r) => r.id)))
        .orderBy(asc(municipalities.sortKey))
    : [];
  return rows.map((r) => ({ ...r, invited: invites.filter((i) => i.sessionId === r.id) }));
}

/** Municipalities with a programme in the pool, for inviting to a session. */
export async function programmeMunicipalities(db: Executor) {
  return db
    // EXISTS rather than DISTINCT over the join: DISTINCT would need the sort key in the list.
    .select({ code: municipalities.code, name: municipalities.name })
    .from(municipalities)
    .where(sql`EXISTS (SELECT 1 FROM ${advisoryProgrammes} WHERE ${advisoryProgrammes.municipalityCode} = ${municipalities.code})`)
    .orderBy(asc(municipalities.sortKey));
}
