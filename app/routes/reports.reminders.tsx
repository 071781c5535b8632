// Report reminders (admin): the schedule per grant and due date — sent, planned, paused,
// not needed — paged, and pause/resume per grant with a confirmation. Audited in the command.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { notFound, requirePermission } from "~/auth/guards.server";
import { Alert } from "~/components/form";
import { Pagination } from "~/components/pagination";
import { getDb } from "~/db.server";
import { appNow } from "~/domain/clock/clock.server";
import { REPORT_REMINDER_LABELS, type ReminderState } from "~/domain/reports/reminder-schedule";
import { reminderPauseSchema } from "~/domain/reports/reminder-schemas";
import { reminderGrants, reminderSchedule, setReportRemindersPaused } from "~/domain/reports/reminders.server";
import { copenhagenDateString, formatDate, formatDateTime } from "~/utils/dates";
import { parseForm } from "~/utils/forms.server";
import { pageParam } from "~/utils/paging";

export const meta: MetaFunction = () => [{ title: "Påmindelser om rapporter · Puljeportal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "report-reminders:manage");
  const db = await getDb();
  const today = copenhagenDateString(await appNow(db));
  const url = new URL(request.url);
  const schedule = await reminderSchedule(db, today, pageParam(url.searchParams));
  const grantList = await reminderGrants(db);
  return {
    today: formatDate(today),
    schedule: {
      ...schedule,
      rows: schedule.rows.map((r) => ({
        ...r,
        dueOn: formatDate(r.dueOn),
        reminders: r.reminders.map((x) => ({ kind: x.kind, label: REPORT_REMINDER_LABELS[x.kind], text: stateText(x.state), state: x.state.state })),
      })),
    },
    grants: grantList.map((g) => ({
      grantId: g.grantId,
      municipalityName: g.municipalityName,
      dueDates: g.dueDates,
      paused: g.pausedAt ? `På pause siden ${formatDateTime(g.pausedAt)}${g.pausedByName ? ` (${g.pausedByName})` : ""}` : null,
    })),
  };
}

function stateText(s: ReminderState) {
  switch (s.state) {
    case "sent":
      return `Sendt ${formatDate(s.sentAt)} (${s.recipients} ${s.recipients === 1 ? "modtager" : "modtagere"})`;
    case "planned":
      return `Planlagt ${formatDate(s.on)}`;
    case "paused":
      return `På pause (planlagt ${formatDate(s.on)})`;
    case "not_needed":
      return "Ikke nødvendig – rapporten er modtaget";
    case "missed":
      return "Ikke sendt";
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "report-reminders:manage");
  const parsed = parseForm(await request.formData(), reminderPauseSchema);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const result = await setReportRemindersPaused(await getDb(), actor, parsed.data.grantId, parsed.data.intent === "pause");
  if (!result.ok) {
    if (result.kind === "not_found") notFound(result.message);
    return data({ ok: false as const, errors: { form: result.message }, values: {} }, { status: result.kind === "refused" ? 403 : 409 });
  }
  throw redirect(`/reports/reminders?${parsed.data.intent === "pause" ? "paused" : "resumed"}=${parsed.data.grantId}`);
}

export default function ReportRemindersPage() {
  const { today, schedule, grants } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const confirm = params.get("confirm");
  const confirmGrant = grants.find((g) => String(g.grantId) === params.get("grant"));
  const formError = actionData && !actionData.ok ? (actionData.errors as Record<string, string | undefined>) : undefined;
  const nameOf = (id: string | null) => grants.find((g) => String(g.grantId) === id)?.municipalityName ?? "tilsagnet";
  return (
    <div>
      <h1>Påmindelser om rapporter</h1>
      <p>
        Kommunens aktive brugere får en e-mail 14 dage og 3 dage før fristen for en rapport og dagen efter, hvis fristen er
        overskredet. Hver påmindelse sendes kun én gang, og der sendes ingen, når rapporten er indsendt. Du kan sætte
        påmindelserne på pause for et tilsagn. Dags dato: {today}.
      </p>
      {params.has("paused") ? <Alert kind="success" heading={`Påmindelserne for ${nameOf(params.get("paused"))} er sat på pause`} /> : null}
      {params.has("resumed") ? <Alert kind="success" heading={`Påmindelserne for ${nameOf(params.get("resumed"))} er genoptaget`} /> : null}
      {formError ? <Alert kind="error" heading="Ændringen blev ikke gemt">{formError.form ?? formError.grantId ?? formError.intent}</Alert> : null}
      {confirmGrant && (confirm === "pause" || confirm === "resume") ? (
        <div className="alert alert-warning" role="status">
          <div className="alert-body">
            <p className="alert-heading">
              {confirm === "pause" ? "Sæt påmindelserne på pause" : "Genoptag påmindelserne"} for {confirmGrant.municipalityName}?
            </p>
            <div className="alert-text">
              <p>
                {confirm === "pause"
                  ? "Kommunen får ingen påmindelser om rapporter, før du genoptager dem. Påmindelser, hvis tid går, mens de er på pause, sendes ikke bagefter – undtagen påmindelsen om en overskredet frist."
                  : "Påmindelserne sendes igen fra næste kørsel. En overskredet frist, der ikke er påmindet, påmindes med det samme."}
              </p>
              <Form method="post" className="pp-actions">
                <input type="hidden" name="intent" value={confirm} />
                <input type="hidden" name="grantId" value={confirmGrant.grantId} />
                <button type="submit" className="button button-primary">
                  {confirm === "pause" ? "Ja, sæt på pause" : "Ja, genoptag"}
                </button>
                <Link to="/reports/reminders">Fortryd</Link>
              </Form>
            </div>
          </div>
        </div>
      ) : null}

      <h2>Tilsagn</h2>
      {grants.length === 0 ? (
        <p>Ingen accepterede tilsagn har en rapporteringsplan endnu.</p>
      ) : (
        <div className="table--responsive-scroll">
          <table className="table table--compact">
            <caption className="sr-only">Påmindelser pr. tilsagn</caption>
            <thead>
              <tr>
                <th scope="col">Kommune</th>
                <th scope="col">Frister</th>
                <th scope="col">Påmindelser</th>
                <th scope="col">Handling</th>
              </tr>
            </thead>
            <tbody>
              {grants.map((g) => (
                <tr key={g.grantId}>
                  <th scope="row">
                    <Link to={`/grants/${g.grantId}`}>{g.municipalityName}</Link>
                  </th>
                  <td>{g.dueDates}</td>
                  <td>{g.paused ?? "Aktive"}</td>
                  <td>
                    <Link to={`?confirm=${g.paused ? "resume" : "pause"}&grant=${g.grantId}`}>
                      {g.paused ? "Genoptag" : "Sæt på pause"}
                      <span className="sr-only"> påmindelserne for {g.municipalityName}</span>
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2>Tidsplan</h2>
      <p>
        Kommende frister først, derefter tidligere frister (nyeste først). {schedule.total} {schedule.total === 1 ? "frist" : "frister"} i alt.
      </p>
      {schedule.rows.length === 0 ? (
        <p>Der er ingen frister at vise.</p>
      ) : (
        <div className="table--responsive-scroll">
          <table className="table table--compact" data-testid="reminder-schedule">
            <caption className="sr-only">Påmindelser pr. frist</caption>
            <thead>
              <tr>
                <th scope="col">Kommune</th>
                <th scope="col">Rapport</th>
                <th scope="col">Frist</th>
                <th scope="col">Rapportens status</th>
                <th scope="col">{REPORT_REMINDER_LABELS.before_14}</th>
                <th scope="col">{REPORT_REMINDER_LABELS.before_3}</th>
                <th scope="col">{REPORT_REMINDER_LABELS.overdue_1}</th>
              </tr>
            </thead>
            <tbody>
              {schedule.rows.map((r) => (
                <tr key={r.dueDateId}>
                  <th scope="row">{r.municipalityName}</th>
                  <td>{r.reportLabel}</td>
                  <td>{r.dueOn}</td>
                  <td>{r.statusLabel}</td>
                  {r.reminders.map((x) => (
                    <td key={x.kind}>{x.text}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={schedule.page} pageCount={schedule.pages} drop={["confirm", "grant", "paused", "resumed"]} />
    </div>
  );
}
