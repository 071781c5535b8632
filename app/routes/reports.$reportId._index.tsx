// One progress report (statusrapport). The municipality fills in the draft (save, submit);
// after a send-back it sees the caseworker's comments next to the sections. The ministry
// reviews a submitted report: approve, or send back with comments per section. The command
// decides who may (not in scope: 404; visible but not allowed: 403; wrong state: 409).
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect } from "react";
import { found, requirePermission } from "~/auth/guards.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { Alert, FieldError, focusErrorSummary, FormErrorSummary } from "~/components/form";
import { ReportSections, type SectionData } from "~/components/reports/report-sections";
import { getDb } from "~/db.server";
import { reviewReport, saveReport } from "~/domain/reports/commands.server";
import { REPORT_DUE_KIND_LABELS, REPORT_STATUS_LABELS } from "~/domain/reports/report-constants";
import { contentToValues, isEditable, isReviewable, refusedFormValues } from "~/domain/reports/report-rules";
import { reportFormSchema, reviewComments, reviewFormSchema } from "~/domain/reports/report-schemas";
import { reportDetail } from "~/domain/reports/queries.server";
import { can } from "~/policy/permissions";
import { commandFailure, invalidForm } from "~/utils/command-response.server";
import { formatDate, formatDateTime } from "~/utils/dates";
import { formDataToObject, parseForm } from "~/utils/forms.server";
import { oreToInput } from "~/utils/money";
import { idParam } from "~/utils/params.server";
import { ClosedPoolNotice } from "~/components/pools/closed-pool-notice";
import { closedPoolOf } from "~/domain/pools/close-out.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Statusrapport"} · Puljeportal` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "report:read");
  const db = await getDb();
  const d = found(await reportDetail(db, actor, idParam(params.reportId)), "Rapporten findes ikke.");
  const comments: Record<string, string[]> = {};
  for (const c of d.comments) (comments[c.section] ??= []).push(c.body);
  const sections: SectionData = {
    values: contentToValues(d.content, oreToInput),
    indicators: d.indicators,
    budget: { ...d.budget, lines: d.budget.lines.map((l) => ({ ...l, amountOre: l.amountOre.toString() })) },
    // The comments belong to the version sent back; once resubmitted they stay for the reviewer to see too.
    comments: d.report.status === "approved" ? {} : comments,
  };
  const url = new URL(request.url);
  const submittedVersions = d.versions.filter((v) => v.submittedAt);
  const closed = await closedPoolOf(db, "report", d.report.id);
  return {
    closed,
    id: d.report.id,
    grantId: d.report.grantId,
    title: `${d.label || REPORT_DUE_KIND_LABELS[d.report.kind]}: ${d.municipalityName}`,
    label: d.label || REPORT_DUE_KIND_LABELS[d.report.kind],
    municipalityName: d.municipalityName,
    poolName: d.poolName,
    dueOn: formatDate(d.dueOn),
    status: d.report.status,
    statusLabel: REPORT_STATUS_LABELS[d.report.status],
    version: d.report.version,
    currentVersionNo: d.report.currentVersionNo,
    commentsVersionNo: d.commentsVersionNo,
    budgetVersion: d.budget.budgetVersion,
    submittedAt: d.report.submittedAt ? formatDateTime(d.report.submittedAt) : null,
    approvedAt: d.report.approvedAt ? formatDateTime(d.report.approvedAt) : null,
    versions: d.versions.map((v) => ({
      no: v.versionNo,
      submittedAt: v.submittedAt ? formatDateTime(v.submittedAt) : null,
      by: v.submittedByName,
      decision: v.reviewDecision,
      note: v.reviewComment,
    })),
    canCompare: submittedVersions.length >= 2 || (submittedVersions.length >= 1 && d.report.status === "sent_back"),
    canEdit: !closed && isEditable(d.report.status) && can(actor, "report:edit", { municipalityCode: d.report.municipalityCode }),
    canReview: !closed && isReviewable(d.report.status) && can(actor, "report:review"),
    sections,
    saved: url.searchParams.get("gemt"),
  };
}

async function visible(actor: Awaited<ReturnType<typeof requirePermission>>, id: number) {
  return (await reportDetail(await getDb(), actor, id)) !== null;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "report:read");
  const id = idParam(params.reportId);
  const db = await getDb();
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "save" || intent === "submit") {
    const parsed = parseForm(formData, reportFormSchema);
    if (!parsed.ok) return invalidForm(() => visible(actor, id), { ...parsed, intent: "edit" });
    const { intent: _, version, ...raw } = parsed.data;
    const result = await saveReport(db, actor, id, raw, { submit: intent === "submit", version });
    if (!result.ok) return commandFailure(result, formDataToObject(formData), { intent: "edit" });
    throw redirect(`/reports/${id}?gemt=${intent === "submit" ? "indsendt" : "gemt"}`);
  }
  if (intent === "approve" || intent === "send_back") {
    const parsed = parseForm(formData, reviewFormSchema);
    if (!parsed.ok) return invalidForm(() => visible(actor, id), { ...parsed, intent: "review" });
    const result = await reviewReport(db, actor, id, {
      decision: intent === "approve" ? "approved" : "sent_back",
      version: parsed.data.version,
      note: parsed.data.note,
      comments: reviewComments(parsed.data),
    });
    if (!result.ok) return commandFailure(result, formDataToObject(formData), { intent: "review" });
    throw redirect(`/reports/${id}?gemt=${intent === "approve" ? (result.value.holdLifted ? "godkendt-stop-ophaevet" : "godkendt") : "sendt-tilbage"}`);
  }
  return invalidForm(() => visible(actor, id), { ok: false, errors: { form: "Ukendt handling." }, values: {}, intent: "" });
}

const SAVED: Record<string, string> = {
  gemt: "Kladden er gemt.",
  indsendt: "Rapporten er indsendt. Du får en kvittering på e-mail.",
  godkendt: "Rapporten er godkendt.",
  "godkendt-stop-ophaevet": "Rapporten er godkendt, og det automatiske stop for udbetalinger er ophævet.",
  "sendt-tilbage": "Rapporten er sendt tilbage til kommunen med dine kommentarer.",
};

export default function Report() {
  const d = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as { errors?: Record<string, string>; values?: Record<string, unknown>; intent?: string } | undefined;
  const busy = useNavigation().state !== "idle";
  useEffect(() => {
    if (failure?.errors) focusErrorSummary();
  }, [failure]);
  const editFailure = failure?.intent === "edit" ? failure : undefined;
  const reviewFailure = failure?.intent === "review" ? failure : undefined;
  const sections: SectionData = editFailure?.values ? { ...d.sections, values: { ...d.sections.values, ...refusedFormValues(editFailure.values) } } : d.sections;
  return (
    <>
      <Breadcrumbs
        trail={[
          { to: "/reports", label: "Statusrapporter" },
          { to: `/grants/${d.grantId}/reports`, label: `Rapportering: ${d.municipalityName}` },
        ]}
        current={d.label}
      />
      <h1>{d.title}</h1>
      <ClosedPoolNotice closed={d.closed} />
      <dl className="pp-facts">
        <dt>Pulje</dt>
        <dd>{d.poolName}</dd>
        <dt>Frist</dt>
        <dd>{d.dueOn}</dd>
        <dt>Status</dt>
        <dd>
          <strong>{d.statusLabel}</strong>
          {d.submittedAt ? ` (indsendt ${d.submittedAt})` : ""}
          {d.approvedAt ? ` (godkendt ${d.approvedAt})` : ""}
        </dd>
        <dt>Version</dt>
        <dd>{d.currentVersionNo}</dd>
      </dl>
      {d.saved && SAVED[d.saved] ? <Alert kind="success">{SAVED[d.saved]}</Alert> : null}
      {failure?.errors && !failure.intent ? <FormErrorSummary errors={failure.errors} /> : null}
      {d.status === "sent_back" && d.commentsVersionNo ? (
        <Alert kind="warning" heading="Rapporten er sendt tilbage">
          <p>
            Ministeriet har sendt version {d.commentsVersionNo} tilbage med kommentarer. Kommentarerne står ud for de afsnit, de handler om. Ret rapporten, og indsend den igen.
            {d.versions.find((v) => v.no === d.commentsVersionNo)?.note ? ` Samlet bemærkning: ${d.versions.find((v) => v.no === d.commentsVersionNo)?.note}` : ""}
          </p>
        </Alert>
      ) : null}
      {d.status === "approved" ? <Alert kind="info">Rapporten er godkendt og kan ikke længere ændres.</Alert> : null}
      {d.status === "submitted" && !d.canReview ? <Alert kind="info">Rapporten er indsendt og venter på ministeriets gennemgang. Den kan ikke ændres, medmindre ministeriet sender den tilbage.</Alert> : null}
      {d.canCompare ? (
        <p>
          <Link to={`/reports/${d.id}/compare`}>Sammenlign versioner</Link>
        </p>
      ) : null}

      {d.canEdit ? (
        <Form method="post" noValidate>
          <FormErrorSummary errors={editFailure?.errors} />
          <input type="hidden" name="version" value={d.version} />
          <ReportSections data={sections} mode={{ kind: "edit", errors: editFailure?.errors }} />
          <p className="pp-muted">Budget i kraft: version {d.budgetVersion ?? "–"}.</p>
          <div className="pp-button-row">
            <button type="submit" name="intent" value="save" className="button button-secondary" disabled={busy}>
              Gem kladde
            </button>{" "}
            <button type="submit" name="intent" value="submit" className="button button-primary" disabled={busy}>
              Indsend rapport
            </button>
          </div>
        </Form>
      ) : d.canReview ? (
        <Form method="post" noValidate>
          <FormErrorSummary errors={reviewFailure?.errors} />
          <input type="hidden" name="version" value={d.version} />
          <ReportSections data={d.sections} mode={{ kind: "review", errors: reviewFailure?.errors, values: reviewFailure?.values && refusedFormValues(reviewFailure.values) }} />
          <h2>Afgørelse</h2>
          <div className={`form-group${reviewFailure?.errors?.note ? " form-error" : ""}`}>
            <label className="form-label" htmlFor="note">
              Samlet bemærkning (valgfri)
            </label>
            {reviewFailure?.errors?.note ? <FieldError id="note" message={reviewFailure.errors.note} /> : null}
            <textarea id="note" name="note" className="form-input" rows={3} defaultValue={reviewFailure?.values ? refusedFormValues(reviewFailure.values).note : ""} />
          </div>
          <div className="pp-button-row">
            <button type="submit" name="intent" value="approve" className="button button-primary" disabled={busy}>
              Godkend rapport
            </button>{" "}
            <button type="submit" name="intent" value="send_back" className="button button-secondary" disabled={busy}>
              Send tilbage med kommentarer
            </button>
          </div>
        </Form>
      ) : (
        <ReportSections data={d.sections} mode={{ kind: "view" }} />
      )}

      <h2>Versioner</h2>
      <table className="table table--compact">
        <caption className="sr-only">Rapportens versioner</caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Indsendt</th>
            <th scope="col">Afgørelse</th>
          </tr>
        </thead>
        <tbody>
          {d.versions.map((v) => (
            <tr key={v.no}>
              <td>{v.no}</td>
              <td>{v.submittedAt ? `${v.submittedAt}${v.by ? ` af ${v.by}` : ""}` : "Kladde"}</td>
              <td>{v.decision === "approved" ? "Godkendt" : v.decision === "sent_back" ? "Sendt tilbage" : "–"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
