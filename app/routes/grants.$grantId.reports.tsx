// A grant's reporting (rapportering): the plan (due dates and indicators) and the report per
// due date. Staff set the plan from a template, move due dates and choose the indicators; the
// municipality opens the report for a due date. Scope first (a grant out of scope: 404).
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { found, requirePermission } from "~/auth/guards.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { Alert, FieldError, FormErrorSummary } from "~/components/form";
import { getDb } from "~/db.server";
import { appNow } from "~/domain/clock/clock.server";
import { grantVisible } from "~/domain/grants/budget-queries.server";
import { setReportPlan, startReport, updateDueDate } from "~/domain/reports/commands.server";
import { INDICATOR_UNIT_LABELS, PLAN_TEMPLATE_LABELS, PLAN_TEMPLATES, REPORT_DUE_KIND_LABELS, REPORT_STATUS_LABELS } from "~/domain/reports/report-constants";
import { isDueDateChangeable, isOverdue } from "~/domain/reports/report-rules";
import { dueDateSchema, planSchema, startSchema } from "~/domain/reports/report-schemas";
import { grantReporting } from "~/domain/reports/queries.server";
import { can } from "~/policy/permissions";
import { commandFailure, invalidForm } from "~/utils/command-response.server";
import { copenhagenDateString, formatDate } from "~/utils/dates";
import { formDataToObject, parseForm } from "~/utils/forms.server";
import { idParam } from "~/utils/params.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Rapportering: ${data?.municipalityName ?? "tilsagn"} · Puljeportal` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "report:read");
  const db = await getDb();
  const r = found(await grantReporting(db, actor, idParam(params.grantId)), "Tilsagnet findes ikke.");
  const today = copenhagenDateString(await appNow(db));
  const chosen = new Set(r.indicators.map((i) => i.id));
  return {
    grantId: r.grant.id,
    poolId: r.grant.poolId,
    poolName: r.grant.poolName,
    municipalityName: r.grant.municipalityName,
    period: `${formatDate(r.grant.projectStart)} – ${formatDate(r.grant.projectEnd)}`,
    hold: r.grant.paymentHoldReason ? { reason: r.grant.paymentHoldReason, automatic: r.grant.paymentHoldSource === "report" } : null,
    canPlan: can(actor, "report:plan"),
    canStart: can(actor, "report:edit", { municipalityCode: r.grant.municipalityCode }),
    dueDates: r.dueDates.map((d) => ({
      id: d.id,
      kind: REPORT_DUE_KIND_LABELS[d.kind],
      label: d.label || REPORT_DUE_KIND_LABELS[d.kind],
      dueOn: d.dueOn,
      dueOnText: formatDate(d.dueOn),
      reportId: d.reportId,
      status: d.status ? REPORT_STATUS_LABELS[d.status] : "Ikke påbegyndt",
      overdue: isOverdue(d.dueOn, d.status, today),
      changeable: isDueDateChangeable(d.status, d.firstSubmittedAt),
    })),
    indicators: r.indicators.map((i) => ({ ...i, unit: INDICATOR_UNIT_LABELS[i.unit] })),
    poolIndicators: r.poolIndicators.filter((i) => !i.archivedAt).map((i) => ({ id: i.id, label: i.label, unit: INDICATOR_UNIT_LABELS[i.unit], chosen: chosen.has(i.id) })),
    saved: new URL(request.url).searchParams.get("gemt"),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "report:read");
  const grantId = idParam(params.grantId);
  const db = await getDb();
  const formData = await request.formData();
  const intent = formData.get("intent");
  const visible = () => grantVisible(db, actor, grantId);
  if (intent === "start") {
    const parsed = parseForm(formData, startSchema);
    if (!parsed.ok) return invalidForm(visible, { ...parsed, intent: "start" });
    const result = await startReport(db, actor, grantId, parsed.data.dueDateId);
    if (!result.ok) return commandFailure(result, formDataToObject(formData), { intent: "start" });
    throw redirect(`/reports/${result.value.id}`);
  }
  if (intent === "plan") {
    const parsed = parseForm(formData, planSchema);
    if (!parsed.ok) return invalidForm(visible, { ...parsed, intent: "plan" });
    const result = await setReportPlan(db, actor, grantId, { template: parsed.data.template, indicatorIds: parsed.data["indicatorIds[]"] });
    if (!result.ok) return commandFailure(result, formDataToObject(formData), { intent: "plan" });
    throw redirect(`/grants/${grantId}/reports?gemt=plan`);
  }
  if (intent === "due") {
    const parsed = parseForm(formData, dueDateSchema);
    if (!parsed.ok) return invalidForm(visible, { ...parsed, intent: "due", dueDateId: String(formData.get("dueDateId") ?? "") });
    const result = await updateDueDate(db, actor, grantId, parsed.data.dueDateId, { dueOn: parsed.data.dueOn, label: parsed.data.label });
    if (!result.ok) return commandFailure(result, formDataToObject(formData), { intent: "due", dueDateId: String(parsed.data.dueDateId) });
    throw redirect(`/grants/${grantId}/reports?gemt=frist`);
  }
  return invalidForm(visible, { ok: false, errors: { form: "Ukendt handling." }, values: {}, intent: "" });
}

const SAVED: Record<string, string> = { plan: "Rapporteringsplanen er gemt.", frist: "Fristen er ændret." };

export default function GrantReports() {
  const d = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as { errors?: Record<string, string>; values?: Record<string, string>; intent?: string; dueDateId?: string } | undefined;
  const busy = useNavigation().state !== "idle";
  const planFailure = failure?.intent === "plan" ? failure : undefined;
  return (
    <>
      <Breadcrumbs
        trail={[
          { to: "/grants", label: "Tilsagn" },
          { to: `/grants/${d.grantId}`, label: d.municipalityName },
        ]}
        current="Rapportering"
      />
      <h1>Rapportering: {d.municipalityName}</h1>
      <p className="pp-muted">
        {d.poolName} · projektperiode {d.period}
      </p>
      {d.saved && SAVED[d.saved] ? <Alert kind="success">{SAVED[d.saved]}</Alert> : null}
      {failure?.errors && (failure.intent === "start" || !failure.intent) ? <FormErrorSummary errors={failure.errors} /> : null}
      {d.hold ? (
        <Alert kind="warning" heading="Udbetalingerne er standset">
          <p>
            {d.hold.reason}
            {d.hold.automatic ? " Stoppet ophæves automatisk, når de overskredne rapporter er godkendt." : ""}
          </p>
        </Alert>
      ) : null}

      <h2>Rapporter og frister</h2>
      {d.dueDates.length === 0 ? <p>Der er endnu ingen rapporteringsplan for tilsagnet.</p> : null}
      {d.dueDates.length > 0 ? (
        <table className="table table--compact">
          <caption className="sr-only">Rapporteringsfrister og rapporter</caption>
          <thead>
            <tr>
              <th scope="col">Rapport</th>
              <th scope="col">Frist</th>
              <th scope="col">Status</th>
              <th scope="col">Handling</th>
            </tr>
          </thead>
          <tbody>
            {d.dueDates.map((due) => (
              <tr key={due.id}>
                <td>{due.label}</td>
                <td>
                  {due.dueOnText}
                  {due.overdue ? <strong> (overskredet)</strong> : null}
                </td>
                <td>{due.status}</td>
                <td>
                  {due.reportId ? (
                    <Link to={`/reports/${due.reportId}`}>Åbn rapporten</Link>
                  ) : d.canStart ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="start" />
                      <input type="hidden" name="dueDateId" value={due.id} />
                      <button type="submit" className="button button-secondary" disabled={busy}>
                        Udfyld {due.label.toLowerCase()}
                      </button>
                    </Form>
                  ) : (
                    "Ikke påbegyndt"
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}

      <h2>Indikatorer</h2>
      {d.indicators.length === 0 ? (
        <p>Tilsagnet rapporterer ingen talindikatorer.</p>
      ) : (
        <ul>
          {d.indicators.map((i) => (
            <li key={i.id}>
              {i.label} ({i.unit.toLowerCase()})
            </li>
          ))}
        </ul>
      )}

      {d.canPlan ? (
        <>
          <h2>Fastlæg rapporteringsplan</h2>
          <p>
            Planen dannes ud fra en skabelon: statusrapporter med faste mellemrum fra projektets start og en slutrapport to måneder efter projektets afslutning. Frister, der allerede
            har en påbegyndt rapport, bevares. <Link to={`/pools/${d.poolId}/indicators`}>Puljens indikatorer</Link>
          </p>
          <Form method="post" noValidate>
            <FormErrorSummary errors={planFailure?.errors} />
            <input type="hidden" name="intent" value="plan" />
            <div className={`form-group${planFailure?.errors?.template ? " form-error" : ""}`}>
              <label className="form-label" htmlFor="template">
                Skabelon
              </label>
              {planFailure?.errors?.template ? <FieldError id="template" message={planFailure.errors.template} /> : null}
              <select id="template" name="template" className="form-select" defaultValue={planFailure?.values?.template ?? "half_yearly"}>
                {PLAN_TEMPLATES.map((t) => (
                  <option key={t} value={t}>
                    {PLAN_TEMPLATE_LABELS[t]}
                  </option>
                ))}
              </select>
            </div>
            <fieldset className={`form-group${planFailure?.errors?.["indicatorIds[]"] ? " form-error" : ""}`} id="indicatorIds[]">
              <legend className="form-label">Indikatorer, tilsagnet rapporterer</legend>
              {planFailure?.errors?.["indicatorIds[]"] ? <FieldError id="indicatorIds[]" message={planFailure.errors["indicatorIds[]"]} /> : null}
              {d.poolIndicators.length === 0 ? <p className="pp-muted">Puljen har ingen indikatorer endnu.</p> : null}
              <ul className="nobullet-list">
                {d.poolIndicators.map((i) => (
                  <li key={i.id} className="form-group-checkbox">
                    <input type="checkbox" className="form-checkbox" id={`indicator-${i.id}`} name="indicatorIds[]" value={i.id} defaultChecked={i.chosen} />
                    <label htmlFor={`indicator-${i.id}`}>
                      {i.label} ({i.unit.toLowerCase()})
                    </label>
                  </li>
                ))}
              </ul>
            </fieldset>
            <button type="submit" className="button button-primary" disabled={busy}>
              Gem rapporteringsplan
            </button>
          </Form>

          {d.dueDates.some((due) => due.changeable) ? (
            <>
              <h2>Ret frister</h2>
              {d.dueDates
                .filter((due) => due.changeable)
                .map((due) => {
                  const f = failure?.intent === "due" && failure.dueDateId === String(due.id) ? failure : undefined;
                  return (
                    <Form method="post" key={due.id} noValidate className="pp-inline-form">
                      <input type="hidden" name="intent" value="due" />
                      <input type="hidden" name="dueDateId" value={due.id} />
                      <fieldset>
                        <legend className="form-label">{due.label}</legend>
                        {f?.errors?.form ? <FieldError id={`due-${due.id}-form`} message={f.errors.form} /> : null}
                        <div className={`form-group${f?.errors?.label ? " form-error" : ""}`}>
                          <label className="form-label" htmlFor={`label-${due.id}`}>
                            Betegnelse
                          </label>
                          {f?.errors?.label ? <FieldError id={`label-${due.id}`} message={f.errors.label} /> : null}
                          <input id={`label-${due.id}`} name="label" className="form-input" defaultValue={f?.values?.label ?? due.label} />
                        </div>
                        <div className={`form-group${f?.errors?.dueOn ? " form-error" : ""}`}>
                          <label className="form-label" htmlFor={`dueOn-${due.id}`}>
                            Frist
                          </label>
                          {f?.errors?.dueOn ? <FieldError id={`dueOn-${due.id}`} message={f.errors.dueOn} /> : null}
                          <input id={`dueOn-${due.id}`} name="dueOn" type="date" className="form-input" defaultValue={f?.values?.dueOn ?? due.dueOn} />
                        </div>
                        <button type="submit" className="button button-secondary" disabled={busy}>
                          Gem frist
                        </button>
                      </fieldset>
                    </Form>
                  );
                })}
            </>
          ) : null}
        </>
      ) : null}
    </>
  );
}
