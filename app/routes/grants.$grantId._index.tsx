// One grant: header, amounts, deadlines, ledger. Each section is its own component in
// app/components/grant/, so letters, payments, budget changes and accounts add theirs
// beside these without touching them.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { found, requirePermission } from "~/auth/guards.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { GrantAccounts } from "~/components/grant/grant-accounts";
import { GrantAmounts } from "~/components/grant/grant-amounts";
import { GrantDeadlines } from "~/components/grant/grant-deadlines";
import { GrantHeader } from "~/components/grant/grant-header";
import { GrantLedger } from "~/components/grant/grant-ledger";
import { GrantPayments } from "~/components/grant/grant-payments";
import { GrantReporting } from "~/components/reports/grant-reporting";
import { grantReportingRows } from "~/domain/reports/queries.server";
import { REPORT_DUE_KIND_LABELS, REPORT_STATUS_LABELS } from "~/domain/reports/report-constants";
import { isOverdue as reportOverdue } from "~/domain/reports/report-rules";
import { paymentRows, paymentsSectionOf } from "~/domain/payments/queries.server";
import { GrantLetters } from "~/components/grant/grant-letters";
import { GrantBudget } from "~/components/grant/grant-budget";
import { ClosedPoolNotice } from "~/components/pools/closed-pool-notice";
import { closedNotice } from "~/domain/pools/close-out.server";
import { grantBudgetSection } from "~/domain/budget-changes/views.server";
import { getDb } from "~/db.server";
import { getAccountsSummary } from "~/domain/accounts/queries.server";
import { getGrant } from "~/domain/grants/queries.server";
import { deadlineCountdown } from "~/domain/calls/call-schema";
import { appNow } from "~/domain/clock/clock.server";
import { acceptanceBlocker, grantCountdowns } from "~/domain/grants/acceptance";
import { grantLetters } from "~/domain/grants/letters/letters.server";
import { can } from "~/policy/permissions";
import { atTime, copenhagenDateString, formatDate, formatDeadline } from "~/utils/dates";
import { idParam } from "~/utils/params.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Tilsagn til ${data.header.municipalityName} · Puljeportal` : "Tilsagn · Puljeportal" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "grant:read");
  const id = idParam(params.grantId);
  const db = await getDb();
  const d = found(await getGrant(db, actor, id));
  const url = new URL(request.url);
  const shownVersion = Number(url.searchParams.get("budgetversion"));
  const budgetNotice = url.searchParams.get("budgetaendring");
  const g = d.grant;
  // The sections are independent reads of the grant: one round trip's wait for all of them,
  // not one after another (issue 19). getGrant has checked the actor's scope and read the
  // pool's close-out, so the reporting and payment rows are read without checking again. A
  // closed pool's grant is history: the page explains that instead of offering changes.
  const closed = closedNotice(d.poolClosedAt, d.poolClosedByName);
  const [budgetSection, now, letters, accountsSummary, reportingRows, paymentRowsRead] = await Promise.all([
    grantBudgetSection(db, actor, id, Number.isSafeInteger(shownVersion) && shownVersion > 0 ? shownVersion : null),
    appNow(db),
    grantLetters(db, actor, id),
    getAccountsSummary(db, g.id),
    grantReportingRows(db, id),
    paymentRows(db, id),
  ]);
  const budget = found(budgetSection);
  const accounts = { grantId: g.id, ...accountsSummary };
  const payments = paymentsSectionOf(id, g.paymentHoldReason, paymentRowsRead, can(actor, "payment:manage") && !closed);
  return {
    closed,
    header: {
      id: g.id,
      municipalityName: d.municipalityOfficialName,
      callTitle: d.callTitle,
      poolName: d.poolName,
      status: g.status,
      applicationId: d.application.id,
      applicationReference: d.applicationReference,
      decidedAt: formatDate(g.decidedAt),
      decidedByName: d.decidedByName,
    },
    amounts: { awardedOre: g.awardedOre, committedOre: g.committedOre, paidOre: g.paidOre },
    deadlines: {
      projectPeriod: `${formatDate(g.projectStart)} – ${formatDate(g.projectEnd)}`,
      acceptanceDeadline: formatDeadline(g.acceptanceDeadline),
      latestStartOn: formatDate(g.latestStartOn),
      accountsDueOn: formatDate(g.accountsDueOn),
      acceptedAt: g.acceptedAt ? formatDate(g.acceptedAt) : null,
      countdowns: grantCountdowns(g, now, deadlineCountdown),
    },
    letters: letters.map((l) => ({
      id: l.id,
      kind: l.kind,
      filename: l.filename,
      createdAt: atTime(l.createdAt),
      href: `/grants/${id}/letters/${l.id}.pdf`,
    })),
    acceptance: {
      status: g.status,
      deadline: formatDeadline(g.acceptanceDeadline),
      countdown: deadlineCountdown(g.acceptanceDeadline, now),
      blocker: acceptanceBlocker(g, now),
      mayAccept: can(actor, "grant:accept", g) && !closed,
      acceptedAt: g.acceptedAt ? atTime(g.acceptedAt) : null,
      justAccepted: g.status === "accepted" && new URL(request.url).searchParams.get("accepted") === "1",
    },
    ledger: d.ledger.map((l) => ({ ...l, bookedOn: formatDate(l.bookedOn) })),
    budget: { ...budget, canRequest: budget.canRequest && !closed, notice: budgetNotice },
    accounts,
    payments,
    reporting: reportingSection(reportingRows, id, copenhagenDateString(now)),
  };
}

function reportingSection(r: Awaited<ReturnType<typeof grantReportingRows>>, id: number, today: string) {
  return {
    grantId: id,
    rows: r.dueDates.map((d) => ({
      id: d.id,
      label: d.label || REPORT_DUE_KIND_LABELS[d.kind],
      dueOn: formatDate(d.dueOn),
      status: d.status ? REPORT_STATUS_LABELS[d.status] : "Ikke påbegyndt",
      overdue: reportOverdue(d.dueOn, d.status, today),
      reportId: d.reportId,
    })),
    indicators: r.indicators.map((i) => i.label),
  };
}

export default function GrantPage() {
  const { closed, header, amounts, deadlines, ledger, letters, acceptance, budget, accounts, payments, reporting } = useLoaderData<typeof loader>();
  return (
    <>
      <Breadcrumbs trail={[{ to: "/grants", label: "Tilsagn" }]} current={header.municipalityName} />
      <GrantHeader g={header} />
      <ClosedPoolNotice closed={closed} />
      <GrantAmounts a={amounts} />
      <GrantDeadlines d={deadlines} />
      <GrantLetters letters={letters} acceptance={acceptance} grantId={header.id} />
      <GrantLedger lines={ledger} />
      <GrantBudget b={budget} />
      <GrantAccounts a={accounts} />
      <GrantPayments p={payments} />
      <GrantReporting r={reporting} />
    </>
  );
}
