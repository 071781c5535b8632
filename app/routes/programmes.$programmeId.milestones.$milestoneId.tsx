// One milestone: what was planned and logged, participants by role, the case review per
// theme, attachments, comments and its history (the audit log). Assigned advisors and the
// ministry log it and add attachments; the municipality comments. The command decides who
// may (scope first: a stranger gets 404; visible but not allowed: 403).
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { found, requirePermission } from "~/auth/guards.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { Alert, FieldError, TextArea } from "~/components/form";
import { MilestoneBadge } from "~/components/programmes/milestone-badge";
import { MilestoneLogForm } from "~/components/programmes/milestone-log-form";
import { getDb } from "~/db.server";
import { appNow } from "~/domain/clock/clock.server";
import { commentOnMilestone, logMilestone, uploadMilestoneAttachment } from "~/domain/programmes/commands.server";
import { MILESTONE_TRANSITIONS } from "~/domain/programmes/programme-rules";
import { PARTICIPANT_ROLE_LABELS, THEME_LABELS } from "~/domain/programmes/programme-constants";
import { historyLines } from "~/domain/programmes/history";
import { commentSchema, logMilestoneSchema } from "~/domain/programmes/programme-schemas";
import { getMilestone, milestoneVisible } from "~/domain/programmes/queries.server";
import { refused } from "~/domain/result";
import { can } from "~/policy/permissions";
import { commandFailure, invalidForm } from "~/utils/command-response.server";
import { copenhagenDateString, formatDate, formatDateTime } from "~/utils/dates";
import { formDataToObject, parseForm } from "~/utils/forms.server";
import { idParam } from "~/utils/params.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Milepæl"} · Puljeportal` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "programme:read");
  const db = await getDb();
  const today = copenhagenDateString(await appNow(db));
  const programmeId = idParam(params.programmeId);
  const m = found(await getMilestone(db, actor, programmeId, idParam(params.milestoneId), today), "Milepælen findes ikke.");
  const ms = m.milestone;
  const url = new URL(request.url);
  const values: Record<string, string> = {
    status: ms.status,
    plannedOn: ms.plannedOn,
    actualOn: ms.actualOn ?? "",
    statusReason: ms.statusReason ?? "",
    note: ms.note,
  };
  for (const p of m.participants) values[`participants_${p.role}`] = String(p.count);
  for (const r of m.reviews) {
    values[`review_${r.theme}_reviewed`] = String(r.casesReviewed);
    values[`review_${r.theme}_adequate`] = String(r.casesAdequate);
    values[`review_${r.theme}_findings`] = r.findings;
  }
  return {
    programmeId,
    id: ms.id,
    title: ms.title,
    municipalityName: m.municipalityName,
    status: ms.status,
    plannedOn: formatDate(ms.plannedOn),
    actualOn: ms.actualOn ? formatDate(ms.actualOn) : null,
    statusReason: ms.statusReason,
    note: ms.note,
    overdue: m.overdue,
    afterInitiativeEnd: m.afterInitiativeEnd,
    initiativeEndsOn: m.initiativeEndsOn ? formatDate(m.initiativeEndsOn) : null,
    participants: m.participants.map((p) => ({ label: PARTICIPANT_ROLE_LABELS[p.role], count: p.count })),
    reviews: m.reviews.map((r) => ({ theme: THEME_LABELS[r.theme], reviewed: r.casesReviewed, adequate: r.casesAdequate, findings: r.findings })),
    attachments: m.attachments.map((a) => ({ id: a.id, filename: a.filename, uploadedAt: formatDateTime(a.uploadedAt), kb: Math.max(1, Math.round(a.sizeBytes / 1024)) })),
    comments: m.comments.map((c) => ({ id: c.id, author: c.author, body: c.body, at: formatDateTime(c.createdAt) })),
    history: historyLines(m.history).map((h) => ({ ...h, at: formatDateTime(h.at) })),
    canLog: can(actor, "milestone:log"),
    canComment: can(actor, "milestone:comment", { municipalityCode: m.municipalityCode }),
    saved: url.searchParams.get("gemt"),
    log: {
      version: ms.version,
      caseReview: ms.kind === "case_review" || m.reviews.length > 0,
      allowedStatuses: [...MILESTONE_TRANSITIONS[ms.status]],
      values,
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "programme:read");
  const programmeId = idParam(params.programmeId);
  const milestoneId = idParam(params.milestoneId);
  const db = await getDb();
  const formData = await request.formData();
  const intent = formData.get("intent");
  const back = (what: string) => redirect(`/programmes/${programmeId}/milestones/${milestoneId}?gemt=${what}`);
  if (intent === "upload") {
    const file = formData.get("file");
    const result = await uploadMilestoneAttachment(db, actor, programmeId, milestoneId, file instanceof File ? file : null);
    if (!result.ok) return commandFailure(result, {}, { intent: "upload" }, { field: "file" });
    throw back("bilag");
  }
  if (intent === "comment") {
    const parsed = parseForm(formData, commentSchema);
    if (!parsed.ok) return invalidForm(() => milestoneVisible(db, actor, programmeId, milestoneId), { ...parsed, intent: "comment" });
    const result = await commentOnMilestone(db, actor, programmeId, milestoneId, parsed.data.body);
    if (!result.ok) return commandFailure(result, formDataToObject(formData), { intent: "comment" }, { field: "body" });
    throw back("kommentar");
  }
  if (intent === "log") {
    // Who may not log is told so (403), not shown form errors for a form that is not theirs.
    if (!can(actor, "milestone:log")) {
      found((await milestoneVisible(db, actor, programmeId, milestoneId)) || null);
      return commandFailure(refused("Du kan se milepælen, men ikke ændre den."), formDataToObject(formData), { intent: "log" });
    }
    const parsed = parseForm(formData, logMilestoneSchema);
    if (!parsed.ok) return invalidForm(() => milestoneVisible(db, actor, programmeId, milestoneId), { ...parsed, intent: "log" });
    const today = copenhagenDateString(await appNow(db));
    const result = await logMilestone(db, actor, programmeId, milestoneId, parsed.data, today);
    if (!result.ok) return commandFailure(result, formDataToObject(formData), { intent: "log" });
    throw back("log");
  }
  return invalidForm(() => milestoneVisible(db, actor, programmeId, milestoneId), data({ errors: { form: "Ukendt handling." }, intent: "" }));
}

const SAVED: Record<string, string> = { log: "Milepælen er gemt.", bilag: "Bilaget er tilføjet.", kommentar: "Kommentaren er tilføjet." };

export default function Milestone() {
  const d = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as { errors?: Record<string, string>; values?: Record<string, unknown>; intent?: string } | undefined;
  const failed = (intent: string) => (failure?.intent === intent ? failure : undefined);
  return (
    <>
      <Breadcrumbs
        trail={[
          { to: "/programmes", label: "Rådgivningsforløb" },
          { to: `/programmes/${d.programmeId}`, label: d.municipalityName },
        ]}
        current={d.title}
      />
      <h1>{d.title}</h1>
      <p className="pp-muted">Rådgivningsforløb: {d.municipalityName}</p>
      {d.saved && SAVED[d.saved] ? <Alert kind="success">{SAVED[d.saved]}</Alert> : null}
      {failure?.errors?.form && !failure.intent ? <Alert kind="error">{failure.errors.form}</Alert> : null}
      {d.afterInitiativeEnd ? (
        <Alert kind="warning" heading="Efter initiativets afslutning">
          <p>Milepælen er planlagt efter initiativets afslutning ({d.initiativeEndsOn}).</p>
        </Alert>
      ) : null}
      <dl className="pp-facts">
        <dt>Status</dt>
        <dd>
          <MilestoneBadge status={d.status} overdue={d.overdue} />
        </dd>
        {d.statusReason ? (
          <>
            <dt>Begrundelse</dt>
            <dd>{d.statusReason}</dd>
          </>
        ) : null}
        <dt>Planlagt dato</dt>
        <dd>{d.plannedOn}</dd>
        <dt>Faktisk dato</dt>
        <dd>{d.actualOn ?? "–"}</dd>
        <dt>Note</dt>
        <dd className="pp-pre">{d.note || "–"}</dd>
        <dt>Deltagere</dt>
        <dd>{d.participants.length ? d.participants.map((p) => `${p.label}: ${p.count}`).join(", ") : "–"}</dd>
      </dl>
      {d.reviews.length ? <CaseReview reviews={d.reviews} /> : null}
      <Attachments d={d} failure={failed("upload")} />
      <Comments d={d} failure={failed("comment")} />
      {d.canLog ? <MilestoneLogForm data={d.log} failure={failed("log")} /> : null}
      <h2 id="historik">Historik</h2>
      {d.history.length === 0 ? (
        <p>Ingen ændringer endnu.</p>
      ) : (
        <ul>
          {d.history.map((h) => (
            <li key={h.id}>
              <strong>{h.at}</strong> · {h.actor}: {h.text}
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to={`/programmes/${d.programmeId}`}>Tilbage til forløbet</Link>
      </p>
    </>
  );
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type Failure = { errors?: Record<string, string>; values?: Record<string, unknown> } | undefined;

function CaseReview({ reviews }: { reviews: Data["reviews"] }) {
  return (
    <>
      <h2>Sagsgennemgang</h2>
      <table className="table table--compact">
        <caption className="sr-only">Sagsgennemgang pr. tema</caption>
        <thead>
          <tr>
            <th scope="col">Tema</th>
            <th scope="col" className="pp-num">Gennemgåede sager</th>
            <th scope="col" className="pp-num">Heraf i orden</th>
            <th scope="col">Fund</th>
          </tr>
        </thead>
        <tbody>
          {reviews.map((r) => (
            <tr key={r.theme}>
              <th scope="row">{r.theme}</th>
              <td className="pp-num">{r.reviewed}</td>
              <td className="pp-num">{r.adequate}</td>
              <td>{r.findings}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function Attachments({ d, failure }: { d: Data; failure: Failure }) {
  const error = failure?.errors?.file ?? failure?.errors?.form;
  return (
    <>
      <h2 id="bilag">Bilag</h2>
      {d.attachments.length === 0 ? (
        <p>Ingen bilag.</p>
      ) : (
        <ul>
          {d.attachments.map((a) => (
            <li key={a.id}>
              <a href={`/programmes/${d.programmeId}/milestones/${d.id}/attachments/${a.id}`}>{a.filename}</a>{" "}
              <span className="pp-muted">
                ({a.kb} KB, {a.uploadedAt})
              </span>
            </li>
          ))}
        </ul>
      )}
      {d.canLog ? (
        <Form method="post" encType="multipart/form-data">
          <input type="hidden" name="intent" value="upload" />
          <div className={`form-group${error ? " form-error" : ""}`}>
            <label className="form-label" htmlFor="file">
              Tilføj bilag (dagsorden, læringsnotat)
            </label>
            <span className="form-hint" id="file-hint">
              PDF, Word (DOCX) eller Excel (XLSX), højst 10 MB.
            </span>
            {error ? <FieldError id="file" message={error} /> : null}
            <input id="file" name="file" type="file" className="form-file-input" aria-describedby={error ? "file-hint file-error" : "file-hint"} />
          </div>
          <button type="submit" className="button button-secondary">
            Upload bilag
          </button>
        </Form>
      ) : null}
    </>
  );
}

function Comments({ d, failure }: { d: Data; failure: Failure }) {
  return (
    <>
      <h2 id="kommentarer">Kommentarer</h2>
      {d.comments.length === 0 ? (
        <p>Ingen kommentarer.</p>
      ) : (
        <ul className="nobullet-list">
          {d.comments.map((c) => (
            <li key={c.id}>
              <p className="pp-muted">
                {c.author}, {c.at}
              </p>
              <p className="pp-pre">{c.body}</p>
            </li>
          ))}
        </ul>
      )}
      {d.canComment ? (
        <Form method="post">
          <input type="hidden" name="intent" value="comment" />
          <TextArea name="body" label="Skriv en kommentar" rows={3} defaultValue={String(failure?.values?.body ?? "")} error={failure?.errors?.body ?? failure?.errors?.form} />
          <button type="submit" className="button button-secondary">
            Tilføj kommentar
          </button>
        </Form>
      ) : null}
    </>
  );
}
