import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { found, requirePermission } from "~/auth/guards.server";
import { idParam } from "~/utils/params.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { Alert } from "~/components/form";
import { ClosedPoolNotice } from "~/components/pools/closed-pool-notice";
import { closedPoolOf } from "~/domain/pools/close-out.server";
import { isEditableByMunicipality, statusLabelFor } from "~/domain/applications/status";
import { deadlineCountdown, MUNICIPALITY_COUNT } from "~/domain/calls/call-schema";
import { publishCall, withdrawCall } from "~/domain/calls/commands.server";
import { callVisible, getCallFor } from "~/domain/calls/queries.server";
import { acceptsSubmissions } from "~/domain/calls/deadline";
import { needIndexSummary } from "~/domain/calls/need-index.server";
import { getDb } from "~/db.server";
import { audienceOf, can, isMinistry } from "~/policy/permissions";
import { commandFailure, invalidForm } from "~/utils/command-response.server";
import { formatDateTime, formatDeadline, formatLongDate } from "~/utils/dates";
import { formatOre } from "~/utils/money";
import { appNow } from "~/domain/clock/clock.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.call.title ?? "Opslag"} · Puljeportal` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "call:read");
  const db = await getDb();
  const call = found(await getCallFor(db, actor, idParam(params.callId)));
  const now = await appNow(db);
  const ministry = isMinistry(actor);
  const index = ministry ? await needIndexSummary(db, call.id) : null;
  const closed = await closedPoolOf(db, "call", call.id);
  return {
    call: {
      id: call.id,
      title: call.title,
      purpose: call.purpose,
      poolName: call.pool?.name ?? "",
      status: call.status,
      period: `${formatLongDate(call.projectStart)} – ${formatLongDate(call.projectEnd)}`,
      deadline: formatDeadline(call.deadline),
      countdown: deadlineCountdown(call.deadline, now),
      open: acceptsSubmissions(call, now),
      publishedAt: call.publishedAt ? formatDateTime(call.publishedAt) : null,
      expectedGrants: call.expectedGrants,
      maxAmount: call.maxAmountOre === null ? null : formatOre(call.maxAmountOre),
      categories: call.categories.map((c) => c.label),
      criteria: call.criteria,
      eligible: call.eligible,
      allEligible: call.allMunicipalitiesEligible,
      applicationCount: call.applicationCount,
      ownApplication: call.ownApplication
        ? {
            id: call.ownApplication.id,
            editable: isEditableByMunicipality(call.ownApplication.status),
            statusLabel: statusLabelFor(call.ownApplication.status, audienceOf(actor)),
          }
        : null,
    },
    needIndex: index
      ? {
          count: index.count,
          importedAt: formatDateTime(index.importedAt),
          importedBy: index.importedBy ?? "ukendt bruger",
        }
      : null,
    ministry,
    canManage: can(actor, "call:manage"),
    canApply: can(actor, "application:create") && !closed,
    closed,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "call:manage");
  const callId = idParam(params.callId);
  const db = await getDb();
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent !== "publish" && intent !== "withdraw") {
    return invalidForm(() => callVisible(db, actor, callId), {
      ok: false as const,
      intent: null,
      errors: { form: "Ukendt handling." },
      values: {},
    });
  }
  const result = intent === "publish" ? await publishCall(db, actor, callId) : await withdrawCall(db, actor, callId);
  if (!result.ok) return commandFailure(result, {}, { intent });
  throw redirect(`/calls/${callId}?${intent === "publish" ? "published" : "withdrawn"}=1`);
}

export default function CallPage() {
  const { call, needIndex, ministry, canManage, canApply, closed } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const writable = canManage && !closed;
  const confirming = writable && params.get("confirm") === "publish" && call.status === "draft";
  const confirmingWithdraw = writable && params.get("confirm") === "withdraw" && call.status === "published" && call.applicationCount === 0;
  const weightSum = call.criteria.reduce((a, c) => a + c.weight, 0);
  return (
    <>
      <Breadcrumbs trail={[{ to: "/calls", label: "Opslag" }]} current={call.title} />
      <h1>{call.title}</h1>
      <ClosedPoolNotice closed={closed} />
      <p>
        <span className={`pp-badge ${call.status === "published" ? "pp-badge-ok" : "pp-badge-warn"}`}>
          {call.status === "published" ? "Offentliggjort" : "Kladde"}
        </span>{" "}
        {call.publishedAt ? <span className="pp-muted">den {call.publishedAt}</span> : null}
      </p>

      {params.get("saved") === "1" ? <Alert kind="success" heading="Opslaget er gemt" /> : null}
      {params.get("published") === "1" ? (
        <Alert kind="success" heading="Opslaget er offentliggjort">
          De kommuner, der kan søge, kan nu se opslaget og starte en ansøgning.
        </Alert>
      ) : null}
      {params.get("withdrawn") === "1" ? (
        <Alert kind="success" heading="Opslaget er trukket tilbage">
          Opslaget er igen en kladde, og kommunerne kan ikke længere se det.
        </Alert>
      ) : null}
      {actionData?.errors.form ? (
        <Alert kind="error" heading={actionData.intent === "withdraw" ? "Opslaget blev ikke trukket tilbage" : "Opslaget blev ikke offentliggjort"}>
          {actionData.errors.form}
        </Alert>
      ) : null}

      {confirming ? (
        <div className="alert alert-warning" role="status">
          <div className="alert-body">
            <p className="alert-heading">Vil du offentliggøre opslaget?</p>
            <div className="alert-text">
              <p>
                Når opslaget er offentliggjort, kan {call.allEligible ? `alle ${MUNICIPALITY_COUNT} kommuner` : `${call.eligible.length} kommuner`}{" "}
                se det og søge frem til {call.deadline}. Det kan kun trækkes tilbage til kladde, så længe ingen kommune har startet en ansøgning.
              </p>
              <Form method="post" className="pp-actions">
                <input type="hidden" name="intent" value="publish" />
                <button type="submit" className="button button-primary" disabled={navigation.state === "submitting"}>
                  Ja, offentliggør opslaget
                </button>
                <Link to={`/calls/${call.id}`}>Fortryd</Link>
              </Form>
            </div>
          </div>
        </div>
      ) : null}

      {confirmingWithdraw ? (
        <div className="alert alert-warning" role="status">
          <div className="alert-body">
            <p className="alert-heading">Vil du trække opslaget tilbage?</p>
            <div className="alert-text">
              <p>Opslaget bliver en kladde igen, og kommunerne kan ikke længere se det eller søge. Du kan rette og offentliggøre det igen.</p>
              <Form method="post" className="pp-actions">
                <input type="hidden" name="intent" value="withdraw" />
                <button type="submit" className="button button-primary" disabled={navigation.state === "submitting"}>
                  Ja, træk opslaget tilbage
                </button>
                <Link to={`/calls/${call.id}`}>Fortryd</Link>
              </Form>
            </div>
          </div>
        </div>
      ) : null}

      {ministry && canManage ? (
        <div className="pp-actions">
          {writable ? <Link className="button button-secondary" to={`/calls/${call.id}/edit`}>Redigér</Link> : null}
          {writable && call.status === "draft" && !confirming ? (
            <Link className="button button-primary" to={`/calls/${call.id}?confirm=publish`}>Offentliggør</Link>
          ) : null}
          {writable && call.status === "published" && call.applicationCount === 0 && !confirmingWithdraw ? (
            <Link className="button button-secondary" to={`/calls/${call.id}?confirm=withdraw`}>Træk tilbage til kladde</Link>
          ) : null}
          {writable ? <Link className="button button-secondary" to={`/calls/${call.id}/need-index`}>Importér behovsindeks</Link> : null}
          <Link className="button button-secondary" to={`/calls/${call.id}/ranking`}>Se rangering</Link>
          <Link className="button button-secondary" to={`/applications?call=${call.id}`}>
            Se ansøgninger ({call.applicationCount})
          </Link>
        </div>
      ) : null}

      {canApply ? <ApplyBox call={call} /> : null}

      <h2>Om opslaget</h2>
      <dl>
        <dt>Pulje</dt>
        <dd>{call.poolName}</dd>
        <dt>Projektperiode</dt>
        <dd>{call.period}</dd>
        <dt>Ansøgningsfrist</dt>
        <dd>
          {call.deadline}
          {call.open ? <span className="pp-muted"> · {call.countdown}</span> : null}
        </dd>
        <dt>Forventet antal tilsagn</dt>
        <dd>{call.expectedGrants ?? "Ikke angivet"}</dd>
        <dt>Maksimalt beløb pr. ansøgning</dt>
        <dd>{call.maxAmount ?? "Intet loft"}</dd>
      </dl>

      <h3>Formål</h3>
      <p className="pp-pre">{call.purpose}</p>

      <h3>Støtteberettigede udgiftskategorier</h3>
      {call.categories.length ? (
        <ul>
          {call.categories.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
      ) : (
        <p>Ingen kategorier endnu.</p>
      )}

      <h3>Vurderingskriterier</h3>
      {call.criteria.length ? (
        <div className="pp-table-wrap">
          <table className="table table--compact">
            <thead>
              <tr>
                <th scope="col">Kriterium</th>
                <th scope="col">Beskrivelse</th>
                <th scope="col" className="pp-num">Vægt</th>
              </tr>
            </thead>
            <tbody>
              {call.criteria.map((c) => (
                <tr key={c.id}>
                  <td>{c.label}</td>
                  <td>{c.description}</td>
                  <td className="pp-num">{c.weight} %</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={2}>I alt</th>
                <td className="pp-num">{weightSum} %</td>
              </tr>
            </tfoot>
          </table>
        </div>
      ) : (
        <p>Ingen kriterier endnu.</p>
      )}

      <h3>Kommuner, der kan søge</h3>
      {call.eligible.length === 0 ? (
        <p>Ingen kommuner er valgt endnu.</p>
      ) : (
        <details>
          <summary>
            {call.allEligible ? `Alle ${MUNICIPALITY_COUNT} kommuner` : `${call.eligible.length} kommuner`} · vis listen
          </summary>
          <ul style={{ columns: "16rem" }}>
            {call.eligible.map((m) => (
              <li key={m.code}>
                {m.name} <span className="pp-muted">({m.code})</span>
              </li>
            ))}
          </ul>
        </details>
      )}

      {ministry ? (
        <>
          <h3>Behovsindeks</h3>
          {needIndex ? (
            <p>
              {needIndex.count} kommuner · importeret {needIndex.importedAt} af {needIndex.importedBy}.{" "}
              <Link to={`/calls/${call.id}/need-index`}>Se behovsindekset</Link>
            </p>
          ) : (
            <p>
              Behovsindekset er ikke importeret endnu.{" "}
              {writable ? <Link to={`/calls/${call.id}/need-index`}>Importér behovsindeks</Link> : null}
            </p>
          )}
        </>
      ) : null}
    </>
  );
}

type CallView = ReturnType<typeof useLoaderData<typeof loader>>["call"];

function ApplyBox({ call }: { call: CallView }) {
  const own = call.ownApplication;
  if (own) {
    return (
      <div className="pp-card">
        <p>
          Jeres ansøgning: <span className="pp-badge">{own.statusLabel}</span>
        </p>
        <Link className="button button-primary" to={`/applications/${own.id}`}>
          {own.editable ? "Fortsæt ansøgningen" : "Se ansøgningen"}
        </Link>
      </div>
    );
  }
  if (!call.open) return <Alert kind="info">Ansøgningsfristen er overskredet. Opslaget modtager ikke flere ansøgninger.</Alert>;
  return (
    <div className="pp-card">
      <p>
        {call.countdown}. Fristen er {call.deadline}.
      </p>
      <Form method="post" action={`/calls/${call.id}/apply`}>
        <button type="submit" className="button button-primary">Start ansøgning</button>
      </Form>
    </div>
  );
}
