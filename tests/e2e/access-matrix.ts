// The access matrix: for every route in the Remix manifest, what each role gets.
// access-matrix.spec.ts fails when a route is missing here, so no route escapes it.
import type { E2eFixtures } from "./fixtures-data";

export type Who = "anon" | "admin" | "caseworker" | "municipality" | "advisor";
/** 200: the page; "login": sent to sign in; "redirect": sent elsewhere; 403/404/410: refused. */
export type Outcome = 200 | 403 | 404 | 410 | "login" | "redirect";
export type Case = { path: string; expect: Record<Who, Outcome> };

const all = (o: Outcome): Record<Who, Outcome> => ({ anon: o, admin: o, caseworker: o, municipality: o, advisor: o });
const signedIn = (o: Partial<Record<Exclude<Who, "anon">, Outcome>>, dflt: Outcome = 403): Record<Who, Outcome> => ({
  anon: "login",
  admin: o.admin ?? dflt,
  caseworker: o.caseworker ?? dflt,
  municipality: o.municipality ?? dflt,
  advisor: o.advisor ?? dflt,
});
const adminOnly = signedIn({ admin: 200 });
const ministry = signedIn({ admin: 200, caseworker: 200 });
const everyone = signedIn({ admin: 200, caseworker: 200, municipality: 200, advisor: 200 });

export function accessMatrix(f: E2eFixtures): Record<string, Case[]> {
  const own = f.ownApplicationId;
  const other = f.otherApplicationId;
  const call = f.historicalCallId;
  const open = f.openCallId;
  return {
    "routes/_index": [{ path: "/", expect: everyone }],
    "routes/login": [{ path: "/login", expect: { ...all("redirect"), anon: 200 } }],
    "routes/logout": [{ path: "/logout", expect: all("redirect") }],
    "routes/tilgaengelighed": [{ path: "/tilgaengelighed", expect: all(200) }],
    // Open grant data (decision 022): public, read-only, the same for every role.
    "routes/hvem-fik-hvad": [{ path: "/hvem-fik-hvad", expect: all(200) }],
    "routes/hvem-fik-hvad[.]json": [{ path: "/hvem-fik-hvad.json", expect: all(200) }],
    "routes/hvem-fik-hvad[.]csv": [{ path: "/hvem-fik-hvad.csv", expect: all(200) }],
    "routes/forgot-password": [{ path: "/forgot-password", expect: all(200) }],
    "routes/reset-password.$token": [{ path: "/reset-password/not-a-token", expect: all(410) }],
    "routes/invitation.$token": [{ path: "/invitation/not-a-token", expect: all(410) }],
    // Sign-in through an identity provider: public, because they are the way in (the
    // provider's answer is checked, not a session). The e2e server configures no
    // provider, so each is a 404 for everyone; their behaviour is tested in vitest
    // (tests/integration/sso-*.test.ts).
    "routes/auth.saml.login": [{ path: "/auth/saml/login", expect: all(404) }],
    "routes/auth.saml.acs": [{ path: "/auth/saml/acs", expect: all(404) }],
    "routes/auth.saml.metadata": [{ path: "/auth/saml/metadata", expect: all(404) }],
    "routes/auth.oidc.login": [{ path: "/auth/oidc/login", expect: all(404) }],
    "routes/auth.oidc.callback": [{ path: "/auth/oidc/callback?code=x&state=y", expect: all(404) }],
    "routes/account": [{ path: "/account", expect: everyone }],
    "routes/admin.users._index": [{ path: "/admin/users", expect: adminOnly }],
    "routes/admin.users.invite": [{ path: "/admin/users/invite", expect: adminOnly }],
    "routes/admin.users.$userId": [
      { path: `/admin/users/${f.userIds.municipality}`, expect: adminOnly },
      { path: "/admin/users/00000000-0000-0000-0000-000000000000", expect: signedIn({ admin: 404 }) },
    ],
    "routes/admin.audit._index": [{ path: "/admin/audit", expect: adminOnly }],
    "routes/admin.clock": [{ path: "/admin/clock", expect: adminOnly }],
    // The report reminder schedule and pause/resume per grant: admins only.
    "routes/reports.reminders": [
      { path: "/reports/reminders", expect: adminOnly },
      { path: "/reports/reminders?page=2", expect: adminOnly },
    ],
    "routes/search": [{ path: "/search", expect: signedIn({ admin: 200, caseworker: 200, municipality: 200 }) }],
    "routes/admin.audit.export[.]csv": [{ path: "/admin/audit/export.csv", expect: adminOnly }],
    "routes/admin.audit.$entryId": [{ path: "/admin/audit/1", expect: adminOnly }],
    "routes/admin.mail._index": [{ path: "/admin/mail", expect: adminOnly }],
    "routes/admin.mail.$id": [{ path: "/admin/mail/999999999", expect: signedIn({ admin: 404 }) }],
    "routes/admin.mail.$id.attachments.$attachmentId": [
      { path: "/admin/mail/999999999/attachments/1", expect: signedIn({ admin: 404 }) },
    ],
    "routes/calls._index": [{ path: "/calls", expect: signedIn({ admin: 200, caseworker: 200, municipality: 200 }) }],
    "routes/calls.new": [{ path: "/calls/new", expect: ministry }],
    "routes/calls.$callId._index": [
      { path: `/calls/${open}`, expect: signedIn({ admin: 200, caseworker: 200, municipality: 200 }) },
      { path: "/calls/999999", expect: signedIn({ admin: 404, caseworker: 404, municipality: 404 }) },
    ],
    "routes/calls.$callId.edit": [{ path: `/calls/${open}/edit`, expect: ministry }],
    "routes/calls.$callId.need-index": [{ path: `/calls/${call}/need-index`, expect: ministry }],
    "routes/calls.$callId.need-index.template[.]csv": [
      { path: `/calls/${call}/need-index/template.csv`, expect: ministry },
    ],
    "routes/calls.$callId.allocation": [{ path: `/calls/${call}/allocation`, expect: ministry }],
    "routes/calls.$callId.ranking": [{ path: `/calls/${call}/ranking`, expect: ministry }],
    "routes/calls.$callId.ranking[.]xlsx": [{ path: `/calls/${call}/ranking.xlsx`, expect: ministry }],
    "routes/calls.$callId.apply": [{ path: `/calls/${open}/apply`, expect: signedIn({ municipality: 200 }) }],
    "routes/applications._index": [
      { path: "/applications", expect: signedIn({ admin: 200, caseworker: 200, municipality: 200 }) },
    ],
    "routes/applications.export": [{ path: "/applications/export?format=csv", expect: ministry }],
    "routes/applications.$applicationId._index": [
      { path: `/applications/${own}`, expect: signedIn({ admin: 200, caseworker: 200, municipality: 200 }, 404) },
      { path: `/applications/${other}`, expect: signedIn({ admin: 200, caseworker: 200 }, 404) },
    ],
    "routes/applications.$applicationId.assessment": [
      { path: `/applications/${own}/assessment`, expect: ministry },
      // Undecided casework (the demo has decided the 2022 call): the buttons sweep needs its reopen/assign/note.
      { path: `/applications/${f.formaliaApplicationId}/assessment`, expect: ministry },
    ],
    "routes/applications.$applicationId.receipt": [
      { path: `/applications/${own}/receipt`, expect: signedIn({ admin: 200, caseworker: 200, municipality: 200 }, 404) },
      { path: `/applications/${other}/receipt`, expect: signedIn({ admin: 200, caseworker: 200 }, 404) },
    ],
    "routes/applications.$applicationId.pdf": [
      { path: `/applications/${own}/pdf`, expect: signedIn({ admin: 200, caseworker: 200, municipality: 200 }, 404) },
      { path: `/applications/${other}/pdf`, expect: signedIn({ admin: 200, caseworker: 200 }, 404) },
    ],
    "routes/applications.$applicationId.attachments": [
      { path: `/applications/${own}/attachments`, expect: signedIn({ admin: 200, caseworker: 200, municipality: 200 }, 404) },
      { path: `/applications/${other}/attachments`, expect: signedIn({ admin: 200, caseworker: 200 }, 404) },
    ],
    "routes/applications.$applicationId.attachments.$attachmentId": [
      {
        path: `/applications/${other}/attachments/00000000-0000-0000-0000-000000000000`,
        expect: signedIn({ admin: 404, caseworker: 404 }, 404),
      },
    ],
    // Every role sees the programmes in its scope (none for an advisor without any).
    "routes/programmes.timeline": [{ path: "/programmes/timeline", expect: everyone }],
    "routes/grants._index": [{ path: "/grants", expect: signedIn({ admin: 200, caseworker: 200, municipality: 200 }) }],
    "routes/grants.$grantId._index": [
      { path: `/grants/${f.ownGrantId}`, expect: signedIn({ admin: 200, caseworker: 200, municipality: 200, advisor: 403 }, 404) },
      { path: `/grants/${f.otherGrantId}`, expect: signedIn({ admin: 200, caseworker: 200, advisor: 403 }, 404) },
      { path: "/grants/999999", expect: signedIn({ admin: 404, caseworker: 404, municipality: 404 }) },
    ],
    // Only the grant's own municipality may accept: the ministry is refused outright.
    // Morsø's offered grant is another municipality's to the signed-in municipality (Lolland).
    "routes/grants.$grantId.accept": [
      { path: "/grants/999999/accept", expect: signedIn({ municipality: 404 }) },
      { path: `/grants/${f.offeredGrantId}/accept`, expect: signedIn({ municipality: 404 }) },
    ],
    "routes/grants.$grantId.letters.$letterId[.]pdf": [
      { path: "/grants/999999/letters/1.pdf", expect: signedIn({ admin: 404, caseworker: 404, municipality: 404 }) },
      { path: `/grants/${f.offeredGrantId}/letters/${f.offeredGrantLetterId}.pdf`, expect: signedIn({ admin: 200, caseworker: 200, municipality: 404 }) },
    ],
    "routes/applications.$applicationId.letters.$letterId[.]pdf": [
      { path: `/applications/${own}/letters/999999.pdf`, expect: signedIn({ admin: 404, caseworker: 404, municipality: 404 }) },
      {
        path: `/applications/${f.offeredApplicationId}/letters/${f.offeredGrantLetterId}.pdf`,
        expect: signedIn({ admin: 200, caseworker: 200, municipality: 404 }),
      },
      { path: `/applications/${other}/letters/999999.pdf`, expect: signedIn({ admin: 404, caseworker: 404, municipality: 404 }) },
    ],
    // Budget changes: only a municipality asks (ministry and advisors 403 before any lookup);
    // a grant outside its scope is not found. Both sides read a change on a grant they see.
    "routes/grants.$grantId.budget-changes.new": [
      { path: `/grants/${f.budgetGrantId}/budget-changes/new`, expect: signedIn({ municipality: 200 }) },
      { path: "/grants/999999/budget-changes/new", expect: signedIn({ municipality: 404 }) },
    ],
    "routes/grants.$grantId.budget-changes.$changeId": [
      { path: "/grants/999999/budget-changes/1", expect: signedIn({ admin: 404, caseworker: 404, municipality: 404 }) },
    ],
    // Accounts, the auditor's statement and the ledger export: a grant's own (scope in SQL);
    // the cross-municipality cases are in tests/integration/grant-accounts.test.ts.
    "routes/grants.$grantId.accounts": [
      { path: `/grants/${f.budgetGrantId}/accounts`, expect: signedIn({ admin: 200, caseworker: 200, municipality: 200 }) },
      { path: `/grants/${f.accountsGrantId}/accounts`, expect: signedIn({ admin: 200, caseworker: 200, municipality: 404 }) },
      { path: "/grants/999999/accounts", expect: signedIn({ admin: 404, caseworker: 404, municipality: 404 }) },
    ],
    "routes/grants.$grantId.accounts.statement.$fileId": [
      {
        path: "/grants/999999/accounts/statement/00000000-0000-0000-0000-000000000000",
        expect: signedIn({ admin: 404, caseworker: 404, municipality: 404 }),
      },
    ],
    "routes/grants.$grantId.ledger[.]xlsx": [
      { path: `/grants/${f.budgetGrantId}/ledger.xlsx`, expect: signedIn({ admin: 200, caseworker: 200, municipality: 200 }) },
      { path: `/grants/${f.accountsGrantId}/ledger.xlsx`, expect: signedIn({ admin: 200, caseworker: 200, municipality: 404 }) },
      { path: "/grants/999999/ledger.xlsx", expect: signedIn({ admin: 404, caseworker: 404, municipality: 404 }) },
    ],
    "routes/grants.$grantId.payments": [{ path: "/grants/999999/payments", expect: signedIn({ admin: 404, caseworker: 404 }) }],
    // The dashboard (overblik) and its table exports: ministry only (dashboard:read); an unknown pool is 404.
    "routes/dashboard._index": [
      { path: "/dashboard", expect: ministry },
      { path: `/dashboard?pool=${f.historicalPoolId}`, expect: ministry },
      { path: "/dashboard?pool=999999", expect: signedIn({ admin: 404, caseworker: 404 }) },
    ],
    "routes/dashboard.export": [
      { path: `/dashboard/export?pool=${f.historicalPoolId}&table=kommuner&format=csv`, expect: ministry },
      { path: `/dashboard/export?pool=${f.historicalPoolId}&table=temaer&format=xlsx`, expect: ministry },
      { path: `/dashboard/export?pool=${f.historicalPoolId}&table=nope&format=csv`, expect: signedIn({ admin: 404, caseworker: 404 }) },
    ],
    // The pool overview and its export: ministry only (pool:read); municipalities and advisors 403.
    "routes/pools._index": [{ path: "/pools", expect: ministry }],
    // Progress reports (statusrapporter): the ministry all, a municipality its own (scope in SQL), advisors none.
    "routes/pools.$poolId.indicators": [
      { path: `/pools/${f.historicalPoolId}/indicators`, expect: ministry },
      { path: "/pools/999999/indicators", expect: signedIn({ admin: 404, caseworker: 404 }) },
    ],
    "routes/reports._index": [{ path: "/reports", expect: signedIn({ admin: 200, caseworker: 200, municipality: 200 }) }],
    "routes/reports.$reportId._index": [{ path: "/reports/999999", expect: signedIn({ admin: 404, caseworker: 404, municipality: 404 }) }],
    "routes/reports.$reportId.compare": [{ path: "/reports/999999/compare", expect: signedIn({ admin: 404, caseworker: 404, municipality: 404 }) }],
    "routes/grants.$grantId.reports": [
      { path: `/grants/${f.ownGrantId}/reports`, expect: signedIn({ admin: 200, caseworker: 200, municipality: 200 }) },
      { path: `/grants/${f.otherGrantId}/reports`, expect: signedIn({ admin: 200, caseworker: 200, advisor: 403 }, 404) },
      { path: "/grants/999999/reports", expect: signedIn({ admin: 404, caseworker: 404, municipality: 404 }) },
    ],
    "routes/pools.$poolId._index": [
      { path: `/pools/${f.historicalPoolId}`, expect: ministry },
      { path: "/pools/999999", expect: signedIn({ admin: 404, caseworker: 404 }) },
    ],
    // Close-out (decision 026): admin only; the page shows what blocks closing, GET never closes.
    "routes/pools.$poolId.close": [
      { path: `/pools/${f.historicalPoolId}/close`, expect: adminOnly },
      { path: "/pools/999999/close", expect: signedIn({ admin: 404 }) },
    ],
    // The archive (arkivudtræk): admin only, a preview before close-out.
    "routes/pools.$poolId.archive[.]zip": [
      { path: `/pools/${f.historicalPoolId}/archive.zip`, expect: adminOnly },
      { path: "/pools/999999/archive.zip", expect: signedIn({ admin: 404 }) },
    ],
    "routes/pools.$poolId.export[.]xlsx": [
      { path: `/pools/${f.historicalPoolId}/export.xlsx`, expect: ministry },
      { path: "/pools/999999/export.xlsx", expect: signedIn({ admin: 404, caseworker: 404 }) },
    ],
    // The status pack (answer material for Folketinget, annual status): ministry only
    // (status-pack:create); a query for an unknown pool is a 404 for the ministry.
    "routes/status-pack": [
      { path: "/status-pack", expect: ministry },
      { path: `/status-pack?poolId=${f.historicalPoolId}&asOf=2024-04-30&purpose=question&committee=Socialudvalget&questionNo=391`, expect: ministry },
    ],
    "routes/status-pack[.]docx": [
      { path: `/status-pack.docx?poolId=${f.historicalPoolId}&asOf=2024-04-30&purpose=annual`, expect: ministry },
      { path: "/status-pack.docx?poolId=999999&asOf=2024-04-30&purpose=annual", expect: signedIn({ admin: 404, caseworker: 404 }) },
    ],
    "routes/status-pack[.]pdf": [{ path: `/status-pack.pdf?poolId=${f.historicalPoolId}&asOf=2024-04-30&purpose=annual`, expect: ministry }],
    "routes/status-pack[.]xlsx": [{ path: `/status-pack.xlsx?poolId=${f.historicalPoolId}&asOf=2024-04-30&purpose=annual`, expect: ministry }],
    // Advisory programmes: scope in SQL. The advisor login (ast1) is assigned to Lolland's
    // programme, not Faxe's: every route of Faxe's programme is a 404 to them, as to Lolland.
    "routes/programmes._index": [{ path: "/programmes", expect: everyone }],
    "routes/programmes.new": [{ path: "/programmes/new", expect: ministry }],
    "routes/programmes.sessions": [{ path: "/programmes/sessions", expect: everyone }],
    "routes/programmes.$programmeId._index": [
      { path: `/programmes/${f.ownProgrammeId}`, expect: everyone },
      { path: `/programmes/${f.otherProgrammeId}`, expect: signedIn({ admin: 200, caseworker: 200 }, 404) },
      { path: "/programmes/999999", expect: signedIn({}, 404) },
    ],
    "routes/programmes.$programmeId.milestones.$milestoneId": [
      { path: `/programmes/${f.ownProgrammeId}/milestones/${f.ownMilestoneId}`, expect: everyone },
      { path: `/programmes/${f.otherProgrammeId}/milestones/${f.otherMilestoneId}`, expect: signedIn({ admin: 200, caseworker: 200 }, 404) },
      { path: `/programmes/${f.ownProgrammeId}/milestones/${f.otherMilestoneId}`, expect: signedIn({}, 404) },
    ],
    "routes/programmes.$programmeId.milestones.$milestoneId.attachments.$attachmentId": [
      {
        path: `/programmes/${f.ownProgrammeId}/milestones/${f.ownMilestoneId}/attachments/00000000-0000-0000-0000-000000000000`,
        expect: signedIn({}, 404),
      },
    ],
    "routes/payments._index": [{ path: "/payments", expect: ministry }],
    "routes/payments.export[.]csv": [{ path: "/payments/export.csv", expect: ministry }],
    "routes/payments.export[.]xlsx": [{ path: "/payments/export.xlsx", expect: ministry }],
  };
}
