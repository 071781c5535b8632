// One answer to "may this user do this", for loaders, actions, queries and the UI.
// Unknown roles and missing users get nothing (least privilege). Role names are read
// here and nowhere else: the rest of the app asks `can`, `audienceOf` or
// `ownMunicipality`.
import type { Role } from "~/auth/account-constants";

export type PolicyUser = {
  role: Role | string;
  municipalityCode: string | null;
  agencyId: number | null;
};

/**
 * Every permission there is. A `:own` / `:any` qualifier (as in the Epic Stack) says
 * whose records: `:any` is every record, `:own` the user's own municipality's.
 * `:assigned` is the records the user is assigned to (an advisor's programmes): `can`
 * only says "in some scope"; which records is the SQL scope's answer (programmeScope).
 */
export const PERMISSIONS = [
  "users:manage",
  "audit:read",
  "mail:read",
  "call:read:any",
  "call:read:own", // published calls the own municipality may apply to
  "call:manage",
  "application:read:any",
  "application:read:own",
  "application:create:own",
  "application:edit:own",
  "application:assess",
  "application:reopen",
  "application:assign",
  "grant:read:any",
  "grant:read:own", // the own municipality's grants, their ledger and deadlines
  "allocation:prepare", // fill in and propose an allocation round (caseworker)
  "allocation:approve", // approve a round proposed by someone else (admin; four-eyes)
  "pool:read", // the pool overview and its export
  "status-pack:create", // the status pack (answer material for Folketinget, annual status): DOCX, PDF, XLSX
  "dashboard:read", // the initiative dashboard (overblik): pool, municipalities, reports, indicators, and its exports
  "budget-change:request:own", // ask for a change to the own municipality's grant budget
  "budget-change:decide", // approve or reject a budget change that needs prior approval
  "payment:manage", // prepare payments, mark them paid, hold, correct, the work list and the export
  "payment:approve", // approve a payment someone else prepared (four-eyes)
  "grant:accept:own", // accept the own municipality's grant before its deadline
  "accounts:edit:own", // fill in and submit the own municipality's accounts (regnskab) with the auditor's statement
  "accounts:decide", // approve or return accounts, mark ineligible amounts, record repayments (ministry)
  "programme:read:any", // every advisory programme, its milestones and the cross-municipal sessions
  "programme:read:own", // the own municipality's programme and the sessions it is invited to
  "programme:read:assigned", // the programmes the advisor is assigned to (programme_advisors)
  "programme:create", // create a programme for a grant from a template, assign advisors, add focus areas
  "programme:manage", // change a programme's plan, its milestones and the cross-municipal sessions
  "milestone:log:any", // log any milestone (status, dates, note, participants, case review, attachments)
  "milestone:log:assigned", // log the milestones of the advisor's assigned programmes
  "milestone:comment:own", // comment on the own municipality's milestones
  "session:attend:own", // confirm or decline the own municipality's attendance at a cross-municipal session
  "report-reminders:manage", // see the report reminder schedule and pause or resume a grant's reminders (admin)
  "report:read:any", // every progress report (statusrapport), the reporting plans and the worklist
  "report:read:own", // the own municipality's progress reports and reporting plans
  "report:edit:own", // fill in, save and submit the own municipality's progress reports
  "report:review", // approve a submitted progress report or send it back with comments
  "report:plan", // define a pool's indicators and set a grant's reporting plan
  "clock:manage", // the test clock (never in production)
  "pool:close", // close out a pool after the initiative's end: everything in it becomes read-only
  "pool:archive", // download the pool's archive (every table as CSV and XLSX, the audit trail, the final report)
] as const;

export type Permission = (typeof PERMISSIONS)[number];

type Unqualified<P> = P extends `${infer A}:${infer B}:${"own" | "any" | "assigned"}` ? `${A}:${B}` : never;
/** What `can` takes: a permission, or one without its qualifier (= in any scope). */
export type PermissionCheck = Permission | Unqualified<Permission>;

const ministryCommon: Permission[] = [
  "call:read:any",
  "call:manage",
  "application:read:any",
  "application:assess",
  "application:reopen",
  "grant:read:any",
  "allocation:prepare",
  "pool:read",
  "status-pack:create",
  "dashboard:read",
  "budget-change:decide",
  "payment:manage",
  "payment:approve",
  "accounts:decide",
  "programme:read:any",
  "programme:create",
  "programme:manage",
  "milestone:log:any",
  "report:read:any",
  "report:review",
  "report:plan",
];

const grants: Record<Role, readonly Permission[]> = {
  admin: ["users:manage", "audit:read", "mail:read", ...ministryCommon, "application:assign", "allocation:approve", "report-reminders:manage", "clock:manage", "pool:close", "pool:archive"],
  caseworker: ministryCommon,
  municipality: ["call:read:own", "application:read:own", "application:create:own", "application:edit:own", "grant:read:own", "budget-change:request:own", "grant:accept:own", "accounts:edit:own", "programme:read:own", "milestone:comment:own", "session:attend:own", "report:read:own", "report:edit:own"],
  // Advisors see and log only the programmes they are assigned to (the scope binds them).
  advisor: ["programme:read:assigned", "milestone:log:assigned"],
};

/** The roles that work for the ministry (every application in reach): who may be assigned a case. */
export const ministryRoles = (Object.keys(grants) as Role[]).filter((r) => grants[r].includes("application:read:any"));

function grantsOf(user: PolicyUser | null | undefined): readonly Permission[] {
  if (!user) return [];
  // Own keys only: a role like "toString" must not reach Object.prototype.
  if (!Object.hasOwn(grants, user.role)) return [];
  const list = grants[user.role as Role];
  // An ":own" grant without a municipality to own is no grant.
  return user.municipalityCode ? list : list.filter((p) => !p.endsWith(":own"));
}

/**
 * May the user do this? Without a record: in some scope (`"call:read"` is true for
 * `call:read:own` too). With a record: an `:own` grant counts only when the record
 * belongs to the user's municipality.
 */
export function can(
  user: PolicyUser | null | undefined,
  permission: PermissionCheck,
  record?: { municipalityCode: string | null },
): boolean {
  const list: readonly string[] = grantsOf(user);
  if (list.includes(permission) && !permission.endsWith(":own")) return true;
  const base = permission.replace(/:(own|any|assigned)$/, "");
  if (list.includes(`${base}:any`)) return true;
  // ":assigned" binds to no municipality: the record check is the scope in SQL.
  if (list.includes(`${base}:assigned`) && (permission === base || permission === `${base}:assigned`)) return true;
  if (!list.includes(`${base}:own`) || (permission !== base && permission !== `${base}:own`)) return false;
  return record === undefined || (record.municipalityCode !== null && record.municipalityCode === user!.municipalityCode);
}

/** Which side of the service the user works on: decides the start page and the menu wording. */
export type Audience = "ministry" | "municipality" | "advisor" | "none";

export function audienceOf(user: PolicyUser | null | undefined): Audience {
  if (can(user, "application:read:any")) return "ministry";
  if (ownMunicipality(user)) return "municipality";
  if (user?.role === "advisor") return "advisor";
  return "none";
}

export function isMinistry(user: PolicyUser | null | undefined) {
  return audienceOf(user) === "ministry";
}

/** The municipality the user acts for, or null (ministry staff act for none). */
export function ownMunicipality(user: PolicyUser | null | undefined): string | null {
  // The grant itself, not `can`: ":any" implies ":own" there, but ministry staff own nothing.
  return grantsOf(user).includes("application:read:own") ? user!.municipalityCode : null;
}

export const roleLabels: Record<Role, string> = {
  admin: "Administrator (ministeriet)",
  caseworker: "Sagsbehandler (ministeriet)",
  municipality: "Kommune",
  advisor: "Rådgiver",
};

export function roleLabel(role: string) {
  return Object.hasOwn(roleLabels, role) ? roleLabels[role as Role] : "Ukendt rolle";
}

