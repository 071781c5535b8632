// Accounts (regnskab) of one grant: the municipality fills the spending per budget line,
// attaches the auditor's statement and submits; the ministry marks ineligible amounts,
// approves or returns, and records the repayment. Each form posts an intent to one command.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import type { z } from "zod";
import { found, requirePermission } from "~/auth/guards.server";
import { Alert } from "~/components/form";
import type { AccountsPageData } from "~/components/grant/accounts-data";
import { ApproveForm, ClaimsTable, IneligibleForm, RepaymentPaidForm, ReturnForm } from "~/components/grant/accounts-decision";
import { AccountLinesForm, StatementUpload, SubmitAccountsForm, type AccountsActionData } from "~/components/grant/accounts-edit";
import { AccountsSummary, SettlementPanel } from "~/components/grant/accounts-summary";
import { getDb } from "~/db.server";
import {
  accountLinesSchema,
  approveAccountsSchema,
  ineligibleFromForm,
  ineligibleSchema,
  linesFromForm,
  repaymentPaidSchema,
  returnAccountsSchema,
  submitAccountsSchema,
} from "~/domain/accounts/accounts-schemas";
import { accountsMachine, accountsStatusLabels, repaymentStatusLabels } from "~/domain/accounts/accounts-status";
import {
  approveAccounts,
  markIneligible,
  recordRepayment,
  returnAccounts,
  saveAccountLines,
  submitAccounts,
  uploadAuditorStatement,
} from "~/domain/accounts/commands.server";
import { getAccountsView, grantVisible } from "~/domain/accounts/queries.server";
import { grantStatusLabel } from "~/domain/grants/grant-labels";
import type { Result } from "~/domain/result";
import { can } from "~/policy/permissions";
import { commandFailure, invalidForm } from "~/utils/command-response.server";
import { formatDate, formatDateTime } from "~/utils/dates";
import { parseForm } from "~/utils/forms.server";
import { idParam } from "~/utils/params.server";

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [
  { title: `Regnskab${d ? ` · ${d.municipalityName}` : ""} · Puljeportal` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "grant:read");
  const id = idParam(params.grantId);
  const v = found(await getAccountsView(await getDb(), actor, id));
  const status = v.accounts?.status ?? null;
  const page: AccountsPageData = {
    grantId: v.grant.id,
    municipalityName: v.grant.municipalityName,
    callTitle: v.grant.callTitle,
    grantStatusLabel: grantStatusLabel(v.grant.status),
    status,
    statusLabel: status ? accountsStatusLabels[status] : "Ikke påbegyndt",
    returnReason: v.accounts?.returnReason ?? null,
    submittedAt: v.accounts?.submittedAt ? formatDateTime(v.accounts.submittedAt) : null,
    decidedAt: v.accounts?.decidedAt ? formatDateTime(v.accounts.decidedAt) : null,
    open: v.open,
    openFrom: formatDate(v.openFrom),
    accountsDue: formatDate(v.grant.accountsDueOn),
    awardedOre: BigInt(v.grant.awardedOre),
    committedOre: BigInt(v.grant.committedOre),
    paidOre: BigInt(v.grant.paidOre),
    repaymentMinOre: BigInt(v.grant.repaymentMinOre),
    budgetVersion: v.budgetVersion,
    rows: v.rows,
    statement: v.statement ? { ...v.statement, uploadedAt: formatDateTime(v.statement.uploadedAt) } : null,
    claims: v.claims.map((c) => ({
      id: c.id,
      amountOre: BigInt(c.amountOre),
      status: c.status,
      statusLabel: repaymentStatusLabels[c.status],
      dueOn: c.dueOn,
      paidOn: c.paidOn,
      reason: c.reason,
    })),
    settlement: v.settlement,
    canEdit:
      can(actor, "accounts:edit", v.grant) && v.grant.status === "accepted" && v.open && accountsMachine.allows(status ?? "draft", "save"),
    canDecide: can(actor, "accounts:decide") && status !== null && accountsMachine.allows(status, "approve"),
    canRecordRepayment: can(actor, "accounts:decide"),
    today: v.today,
  };
  return page;
}

const savedMessages: Record<string, string> = {
  save: "Regnskabet er gemt.",
  statement: "Revisorerklæringen er vedhæftet.",
  submit: "Regnskabet er indsendt til ministeriet.",
  ineligible: "Vurderingen er gemt. Afregningen herunder er beregnet igen.",
  return: "Regnskabet er sendt retur til kommunen.",
  approve: "Regnskabet er godkendt.",
  repaid: "Tilbagebetalingen er registreret, og tilsagnet er afsluttet.",
};

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "grant:read");
  const id = idParam(params.grantId);
  const db = await getDb();
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const parse = <S extends z.ZodType>(schema: S) => parseForm(formData, schema);
  const bad = (failure: { errors: Record<string, string>; values: Record<string, unknown> }) =>
    data({ ok: false as const, intent, errors: failure.errors, values: failure.values }, { status: 400 });
  const categoryIds = async () => found(await getAccountsView(db, actor, id)).rows.map((r) => r.categoryId);

  let result: Result<unknown>;
  switch (intent) {
    case "save": {
      const ids = await categoryIds();
      const parsed = parse(accountLinesSchema(ids));
      if (!parsed.ok) return bad(parsed);
      result = await saveAccountLines(db, actor, id, linesFromForm(ids, parsed.data));
      break;
    }
    case "statement": {
      const file = formData.get("file");
      result = await uploadAuditorStatement(db, actor, id, file instanceof File ? file : null);
      if (!result.ok) return commandFailure(result, {}, { intent }, { field: "file" });
      break;
    }
    case "submit": {
      const parsed = parse(submitAccountsSchema);
      if (!parsed.ok) return bad(parsed);
      result = await submitAccounts(db, actor, id);
      break;
    }
    case "ineligible": {
      const ids = await categoryIds();
      const parsed = parse(ineligibleSchema(ids));
      if (!parsed.ok) return bad(parsed);
      result = await markIneligible(db, actor, id, ineligibleFromForm(ids, parsed.data));
      break;
    }
    case "return": {
      const parsed = parse(returnAccountsSchema);
      if (!parsed.ok) return bad(parsed);
      result = await returnAccounts(db, actor, id, parsed.data.returnReason);
      break;
    }
    case "approve": {
      const parsed = parse(approveAccountsSchema);
      if (!parsed.ok) return bad(parsed);
      result = await approveAccounts(db, actor, id);
      break;
    }
    case "repaid": {
      const parsed = parse(repaymentPaidSchema);
      if (!parsed.ok) return bad(parsed);
      result = await recordRepayment(db, actor, id, parsed.data.claimId, parsed.data.paidOn);
      break;
    }
    default:
      return invalidForm(() => grantVisible(db, actor, id), { ok: false as const, intent, errors: { form: "Ukendt handling." }, values: {} });
  }
  if (!result.ok) {
    const values = Object.fromEntries([...formData].filter(([, v]) => typeof v === "string"));
    return commandFailure(result, values, { intent });
  }
  throw redirect(`/grants/${id}/accounts?gemt=${intent}`);
}

export default function GrantAccounts() {
  const d = useLoaderData<typeof loader>() as AccountsPageData;
  const actionData = useActionData<typeof action>() as AccountsActionData;
  const [search] = useSearchParams();
  const saved = savedMessages[search.get("gemt") ?? ""];
  const openClaim = d.claims.find((c) => c.status === "claimed");
  return (
    <div>
      <p>
        <Link to={`/grants/${d.grantId}`}>Tilbage til tilsagnet</Link>
      </p>
      <h1>Regnskab for {d.municipalityName}</h1>
      <p className="pp-muted">
        {d.callTitle} · Tilsagn: {d.grantStatusLabel} · Regnskab: <strong data-testid="accounts-status">{d.statusLabel}</strong>
        {d.submittedAt ? ` · Indsendt ${d.submittedAt}` : ""} · Frist for regnskab: {d.accountsDue}
      </p>
      {saved ? <Alert kind="success">{saved}</Alert> : null}
      {d.status === "returned" && d.returnReason ? (
        <Alert kind="warning" heading="Regnskabet er sendt retur til rettelse">
          {d.returnReason}
        </Alert>
      ) : null}
      {!d.open && d.status === null ? (
        <Alert kind="info">Regnskabet kan aflægges fra projektperiodens sidste kvartal, dvs. fra {d.openFrom}.</Alert>
      ) : null}

      <h2>Regnskab pr. budgetpost</h2>
      <AccountsSummary d={d} />
      <SettlementPanel d={d} />
      {d.statement && !d.canEdit ? (
        <p>
          Revisorerklæring:{" "}
          <a href={`/grants/${d.grantId}/accounts/statement/${d.statement.id}`}>{d.statement.filename}</a> ({d.statement.uploadedAt})
        </p>
      ) : null}

      {d.canEdit ? (
        <>
          <h2>Udfyld regnskabet</h2>
          <AccountLinesForm d={d} actionData={actionData} />
          <h2>Revisorerklæring</h2>
          <StatementUpload d={d} actionData={actionData} />
          <h2>Indsend</h2>
          <SubmitAccountsForm d={d} actionData={actionData} />
        </>
      ) : null}

      {d.canDecide ? (
        <>
          <h2>Ikke støtteberettigede udgifter</h2>
          <IneligibleForm d={d} actionData={actionData} />
          <h2>Godkend regnskabet</h2>
          <ApproveForm d={d} actionData={actionData} />
          <h2>Send retur</h2>
          <ReturnForm actionData={actionData} />
        </>
      ) : null}

      {d.claims.length > 0 ? (
        <>
          <h2>Tilbagebetaling</h2>
          <ClaimsTable claims={d.claims} />
          {openClaim && d.canRecordRepayment ? <RepaymentPaidForm claim={openClaim} today={d.today} actionData={actionData} /> : null}
        </>
      ) : null}
    </div>
  );
}
