// What personal data Puljeportal holds, everything about one person, and erasure on
// request (scripts/personal-data.ts). Erasure pseudonymises: the user row stays (the
// append-only audit trail and the case records point to its id) but loses name, e-mail,
// password and sign-in; the same person's contact fields on applications are replaced.
// See docs/security.md, "Personal data".
import { and, eq, inArray, or, sql } from "drizzle-orm";
import type { Database, Executor } from "#db/client";
import {
  milestoneAttachments,
  milestoneComments,
  programmeAdvisors,
  agreedScores,
  applicationAttachments,
  applicationNotes,
  applications,
  assessmentScores,
  assessmentSubmissions,
  auditLog,
  emailAttachments,
  emailOutbox,
  formalChecks,
  invitations,
  loginAttempts,
  loginThrottles,
  memberships,
  passwordResets,
  sessions,
  userIdentities,
  users,
} from "#db/schema";
import { audit } from "~/utils/audit.server";

/** Where personal data lives: table, columns, and what it is. The `list` command prints this with counts. */
export const PERSONAL_DATA = [
  { table: "users", columns: ["name", "email"], what: "brugerens navn og e-mail (login)" },
  { table: "memberships", columns: ["user_id", "role", "municipality_code"], what: "brugerens rolle og kommune" },
  { table: "sessions", columns: ["ip", "user_agent"], what: "IP-adresse og browser for aktive og udløbne sessioner" },
  { table: "user_identities", columns: ["provider", "subject"], what: "identitet hos MitID Erhverv/OIDC (persistent id)" },
  { table: "invitations", columns: ["name", "email"], what: "inviteredes navn og e-mail" },
  { table: "password_resets", columns: ["user_id"], what: "anmodninger om ny adgangskode (tidspunkter)" },
  { table: "login_attempts", columns: ["email", "ip"], what: "login-forsøg med e-mail og IP-adresse" },
  { table: "login_throttles", columns: ["key"], what: "tællere for login-forsøg (nøgle med e-mail eller IP-adresse)" },
  {
    table: "applications",
    columns: ["contact_name", "contact_email", "contact_phone", "signatory_name", "signatory_title"],
    what: "kontaktperson og underskriftsberettiget på ansøgninger",
  },
  { table: "application_notes", columns: ["body", "author_id"], what: "sagsbehandlernoter (fritekst, kan nævne personer)" },
  { table: "formal_checks", columns: ["note", "checked_by"], what: "formalia-noter og hvem der tjekkede" },
  { table: "assessment_scores", columns: ["note", "assessor_id"], what: "vurderingsnoter og hvem der scorede (bedømmeren)" },
  { table: "assessment_submissions", columns: ["assessor_id"], what: "hvornår en bedømmer afgav sin vurdering" },
  { table: "agreed_scores", columns: ["note", "agreed_by"], what: "begrundelser for aftalte scorer og hvem der registrerede dem" },
  { table: "application_attachments", columns: ["filename", "uploaded_by"], what: "bilag (filnavne og indhold kan nævne personer)" },
  { table: "allocation_rounds", columns: ["note"], what: "noter til tildelingsrunder (fritekst)" },
  { table: "decision_letters", columns: ["filename"], what: "tilsagnsbreve og afslag (navngiver den underskriftsberettigede)" },
  { table: "budget_versions", columns: ["note"], what: "noter til budgetversioner (fritekst)" },
  { table: "budget_changes", columns: ["decision_note"], what: "begrundelser for budgetændringer (fritekst)" },
  { table: "grant_files", columns: ["filename"], what: "filer på tilskud (kan nævne personer)" },
  { table: "grant_account_lines", columns: ["note"], what: "noter til regnskabslinjer (fritekst)" },
  { table: "grant_ledger_entries", columns: ["note"], what: "noter til udbetalinger og korrektioner (fritekst)" },
  { table: "programme_advisors", columns: ["user_id"], what: "rådgivere knyttet til et rådgivningsforløb" },
  { table: "milestones", columns: ["note", "created_by", "updated_by"], what: "noter til milepæle (fritekst; CPR-tjek, men kan nævne medarbejdere)" },
  { table: "milestone_comments", columns: ["body", "author_id"], what: "kommentarer til milepæle og hvem der skrev dem" },
  { table: "milestone_attachments", columns: ["filename", "uploaded_by"], what: "bilag til milepæle (dagsordener, læringsnotater)" },
  { table: "cross_municipal_sessions", columns: ["note", "created_by"], what: "noter til tværkommunale seminarer (fritekst)" },
  { table: "session_invitations", columns: ["responded_by"], what: "hvem der svarede på en invitation til et seminar" },
  { table: "report_indicators", columns: ["created_by"], what: "hvem der oprettede en indikator" },
  {
    table: "progress_report_versions",
    columns: ["activities", "deviations", "next_steps", "review_comment", "submitted_by", "reviewed_by", "updated_by"],
    what: "statusrapporter: fritekst (CPR-tjek, men kan nævne medarbejdere), hvem der indsendte og vurderede",
  },
  { table: "progress_report_themes", columns: ["note"], what: "vurderinger pr. tema i statusrapporter (fritekst)" },
  { table: "progress_report_indicator_values", columns: ["comment"], what: "kommentarer til indikatorer (fritekst)" },
  { table: "progress_report_spend", columns: ["explanation"], what: "forklaringer på forbrug over budget (fritekst)" },
  { table: "progress_report_comments", columns: ["body", "author_id"], what: "sagsbehandlerens kommentarer til statusrapporter og hvem der skrev dem" },
  { table: "email_outbox", columns: ["to_address", "subject", "text_body", "html_body"], what: "sendte og ventende mails (modtager og indhold)" },
  { table: "email_attachments", columns: ["filename", "content"], what: "vedhæftede filer på mails (fx kvitteringer med kontaktpersonen)" },
  { table: "notice_digests", columns: ["user_id"], what: "hvilke dage en sagsbehandler fik et sammendrag" },
  { table: "call_caseworkers", columns: ["user_id"], what: "sagsbehandlere knyttet til et opslag" },
  {
    table: "audit_log",
    columns: ["actor_user_id", "before", "after"],
    what: "revisionsspor: peger på bruger-id; før/efter-kopier kan indeholde navne og e-mails (kan ikke ændres)",
  },
] as const;

export async function listPersonalData(db: Database) {
  const out: { table: string; columns: readonly string[]; what: string; rows: number }[] = [];
  for (const entry of PERSONAL_DATA) {
    const result = await db.execute(sql`select count(*)::int as n from ${sql.identifier(entry.table)}`);
    const rows = Array.isArray(result) ? result : (result as { rows: unknown[] }).rows;
    out.push({ ...entry, rows: Number((rows[0] as { n: number | string }).n) });
  }
  return out;
}

const lower = (email: string) => email.trim().toLowerCase();

async function findUser(db: Executor, email: string) {
  const [user] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${lower(email)}`);
  return user;
}

/** Everything held about the person with this e-mail, as plain JSON (no password hash, no token hashes). */
export async function exportPerson(db: Database, email: string) {
  const address = lower(email);
  const user = await findUser(db, address);
  const id = user?.id;
  const byUser = async <T>(q: () => Promise<T[]>) => (id ? q() : []);
  const contactOn = await db
    .select({
      id: applications.id,
      callId: applications.callId,
      municipalityCode: applications.municipalityCode,
      contactName: applications.contactName,
      contactEmail: applications.contactEmail,
      contactPhone: applications.contactPhone,
      signatoryName: applications.signatoryName,
      signatoryTitle: applications.signatoryTitle,
    })
    .from(applications)
    .where(sql`lower(${applications.contactEmail}) = ${address}`);
  return {
    email: address,
    user: user
      ? {
          id: user.id,
          name: user.name,
          email: user.email,
          status: user.status,
          applicationNotice: user.applicationNotice,
          createdAt: user.createdAt,
          updatedAt: user.updatedAt,
        }
      : null,
    memberships: await byUser(() => db.select().from(memberships).where(eq(memberships.userId, id!))),
    sessions: await byUser(() =>
      db
        .select({ createdAt: sessions.createdAt, revokedAt: sessions.revokedAt, ip: sessions.ip, userAgent: sessions.userAgent })
        .from(sessions)
        .where(eq(sessions.userId, id!)),
    ),
    identities: await byUser(() => db.select().from(userIdentities).where(eq(userIdentities.userId, id!))),
    passwordResets: await byUser(() =>
      db
        .select({ createdAt: passwordResets.createdAt, usedAt: passwordResets.usedAt })
        .from(passwordResets)
        .where(eq(passwordResets.userId, id!)),
    ),
    invitations: await db
      .select({ id: invitations.id, name: invitations.name, email: invitations.email, role: invitations.role, createdAt: invitations.createdAt })
      .from(invitations)
      .where(sql`lower(${invitations.email}) = ${address}`),
    loginAttempts: await db.select().from(loginAttempts).where(sql`lower(${loginAttempts.email}) = ${address}`),
    applicationsAsContact: contactOn,
    applicationsWorkedOn: await byUser(() =>
      db
        .select({ id: applications.id })
        .from(applications)
        .where(
          or(
            eq(applications.createdBy, id!),
            eq(applications.updatedBy, id!),
            eq(applications.submittedBy, id!),
            eq(applications.assignedTo, id!),
            eq(applications.secondAssessorId, id!),
          ),
        ),
    ),
    notes: await byUser(() => db.select().from(applicationNotes).where(eq(applicationNotes.authorId, id!))),
    formalChecks: await byUser(() => db.select().from(formalChecks).where(eq(formalChecks.checkedBy, id!))),
    scores: await byUser(() => db.select().from(assessmentScores).where(eq(assessmentScores.assessorId, id!))),
    assessmentsSubmitted: await byUser(() => db.select().from(assessmentSubmissions).where(eq(assessmentSubmissions.assessorId, id!))),
    scoresAgreed: await byUser(() => db.select().from(agreedScores).where(eq(agreedScores.agreedBy, id!))),
    attachmentsUploaded: await byUser(() =>
      db
        .select({ id: applicationAttachments.id, applicationId: applicationAttachments.applicationId, filename: applicationAttachments.filename })
        .from(applicationAttachments)
        .where(eq(applicationAttachments.uploadedBy, id!)),
    ),
    programmesAdvised: await byUser(() => db.select().from(programmeAdvisors).where(eq(programmeAdvisors.userId, id!))),
    milestoneComments: await byUser(() => db.select().from(milestoneComments).where(eq(milestoneComments.authorId, id!))),
    milestoneAttachmentsUploaded: await byUser(() =>
      db
        .select({ id: milestoneAttachments.id, milestoneId: milestoneAttachments.milestoneId, filename: milestoneAttachments.filename })
        .from(milestoneAttachments)
        .where(eq(milestoneAttachments.uploadedBy, id!)),
    ),
    mails: await db
      .select({ id: emailOutbox.id, template: emailOutbox.template, subject: emailOutbox.subject, status: emailOutbox.status, createdAt: emailOutbox.createdAt, sentAt: emailOutbox.sentAt })
      .from(emailOutbox)
      .where(sql`lower(${emailOutbox.toAddress}) = ${address}`),
    auditTrail: await byUser(() =>
      db
        .select({ id: auditLog.id, at: auditLog.at, action: auditLog.action, entityType: auditLog.entityType, entityId: auditLog.entityId, asActor: sql<boolean>`${auditLog.actorUserId} = ${id!}` })
        .from(auditLog)
        .where(or(eq(auditLog.actorUserId, id!), and(eq(auditLog.entityType, "user"), eq(auditLog.entityId, id!))))
        .orderBy(auditLog.id),
    ),
  };
}

export type ErasureResult =
  | { ok: true; userId: string | null; pseudonym: string | null; applications: number; mails: number }
  | { ok: false; message: string };

/** The placeholder e-mail of an erased user: unique, and no mail can ever reach it. */
export function erasedEmail(userId: string) {
  return `slettet-${userId}@slettet.invalid`;
}

export function pseudonymFor(userId: string) {
  return `Slettet bruger ${userId.slice(0, 8)}`;
}

const ERASED_CONTACT = "Slettet kontaktperson";

/**
 * Erases the person with this e-mail: the user row is pseudonymised and can no longer sign
 * in (no password, disabled, sessions, identities, resets and throttles removed); open
 * invitations and sign-in attempts under the address go; applications naming them as contact
 * get placeholders; mails to them keep only their template and dates. One audit row, which
 * names the user id only.
 */
export async function erasePerson(db: Database, email: string, requestId = "personal-data-erase"): Promise<ErasureResult> {
  const address = lower(email);
  if (!address.includes("@")) return { ok: false, message: "Angiv personens e-mailadresse." };
  return db.transaction(async (tx): Promise<ErasureResult> => {
    const user = await findUser(tx, address);
    const contactRows = await tx
      .select({ id: applications.id, signatoryName: applications.signatoryName, contactName: applications.contactName })
      .from(applications)
      .where(sql`lower(${applications.contactEmail}) = ${address}`);
    const invited = await tx.select({ id: invitations.id }).from(invitations).where(sql`lower(${invitations.email}) = ${address}`);
    if (!user && !contactRows.length && !invited.length) return { ok: false, message: `Ingen personoplysninger fundet for ${address}.` };

    let pseudonym: string | null = null;
    if (user) {
      pseudonym = pseudonymFor(user.id);
      await tx
        .update(users)
        .set({ name: pseudonym, email: erasedEmail(user.id), passwordHash: null, status: "disabled", updatedAt: new Date() })
        .where(eq(users.id, user.id));
      await tx.delete(sessions).where(eq(sessions.userId, user.id));
      await tx.delete(userIdentities).where(eq(userIdentities.userId, user.id));
      await tx.delete(passwordResets).where(eq(passwordResets.userId, user.id));
      await tx.delete(loginThrottles).where(eq(loginThrottles.key, `password-check:${user.id}`));
    }
    await tx.delete(loginThrottles).where(eq(loginThrottles.key, `email:${address}`));
    await tx.delete(loginAttempts).where(sql`lower(${loginAttempts.email}) = ${address}`);
    if (invited.length) {
      await tx
        .update(invitations)
        .set({ name: pseudonym ?? ERASED_CONTACT, email: user ? erasedEmail(user.id) : `slettet-invitation@slettet.invalid`, revokedAt: sql`coalesce(${invitations.revokedAt}, now())` })
        .where(inArray(invitations.id, invited.map((i) => i.id)));
    }
    for (const row of contactRows) {
      // The signatory is the same person when the application names them twice.
      const sameSignatory = row.signatoryName.trim() !== "" && row.signatoryName.trim() === row.contactName.trim();
      await tx
        .update(applications)
        .set({
          contactName: ERASED_CONTACT,
          contactEmail: "",
          contactPhone: "",
          ...(sameSignatory ? { signatoryName: ERASED_CONTACT, signatoryTitle: "" } : {}),
        })
        .where(eq(applications.id, row.id));
    }
    const mails = await tx
      .update(emailOutbox)
      .set({
        toAddress: user ? erasedEmail(user.id) : "slettet@slettet.invalid",
        subject: "[slettet]",
        textBody: "[Indholdet er slettet efter anmodning om sletning af personoplysninger.]",
        htmlBody: "<p>[Indholdet er slettet efter anmodning om sletning af personoplysninger.]</p>",
        sealedLink: null,
        status: sql`case when ${emailOutbox.status} = 'queued' then 'failed' else ${emailOutbox.status} end`,
        lastError: sql`case when ${emailOutbox.status} = 'queued' then 'Modtageren er slettet.' else ${emailOutbox.lastError} end`,
      })
      .where(sql`lower(${emailOutbox.toAddress}) = ${address}`)
      .returning({ id: emailOutbox.id });
    if (mails.length) await tx.delete(emailAttachments).where(inArray(emailAttachments.outboxId, mails.map((m) => m.id)));
    await audit(tx, { userId: null, role: "system", requestId }, {
      action: "user.erased",
      entityType: "user",
      entityId: user?.id ?? null,
      after: { pseudonym, applications: contactRows.map((r) => r.id), invitations: invited.length, mails: mails.length },
    });
    return { ok: true, userId: user?.id ?? null, pseudonym, applications: contactRows.length, mails: mails.length };
  });
}

