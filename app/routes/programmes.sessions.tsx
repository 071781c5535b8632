// Cross-municipal learning seminars (tværkommunale læringsseminarer): the ministry plans
// them and invites municipalities with a programme; an invited municipality confirms or
// declines; advisors see the seminars of their programmes' municipalities.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { Alert, FormErrorSummary, TextArea, TextField } from "~/components/form";
import { getDb } from "~/db.server";
import { createSession, respondToSession } from "~/domain/programmes/commands.server";
import { ATTENDANCE_LABELS, MILESTONE_STATUS_LABELS, THEME_LABELS, type Theme } from "~/domain/programmes/programme-constants";
import { attendanceSchema, createSessionSchema } from "~/domain/programmes/programme-schemas";
import { listSessions, programmeMunicipalities } from "~/domain/programmes/queries.server";
import { can, ownMunicipality } from "~/policy/permissions";
import { commandFailure } from "~/utils/command-response.server";
import { formatDate } from "~/utils/dates";
import { formDataToObject, parseForm } from "~/utils/forms.server";
import { data } from "@remix-run/node";

export const meta: MetaFunction = () => [{ title: "Tværkommunale læringsseminarer · Puljeportal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "programme:read");
  const db = await getDb();
  const own = can(actor, "session:attend") ? ownMunicipality(actor) : null;
  const canManage = can(actor, "programme:manage");
  const sessions = await listSessions(db, actor);
  return {
    canManage,
    municipalities: canManage ? await programmeMunicipalities(db) : [],
    sessions: sessions.map((s) => ({
      ...s,
      heldOn: formatDate(s.heldOn),
      status: MILESTONE_STATUS_LABELS[s.status],
      open: s.status !== "gennemfoert" && s.status !== "aflyst",
      themes: s.themes.map((t) => THEME_LABELS[t as Theme] ?? t).join(", "),
      invited: s.invited.map((i) => ({ ...i, attendanceLabel: ATTENDANCE_LABELS[i.attendance], own: i.municipalityCode === own })),
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "programme:read");
  const db = await getDb();
  const formData = await request.formData();
  if (formData.get("intent") === "create") {
    const parsed = parseForm(formData, createSessionSchema);
    if (!parsed.ok) return data({ ...parsed, intent: "create" }, { status: 400 });
    const result = await createSession(db, actor, parsed.data);
    if (!result.ok) return commandFailure(result, formDataToObject(formData), { intent: "create" });
    throw redirect("/programmes/sessions?oprettet=1");
  }
  const parsed = parseForm(formData, attendanceSchema);
  if (!parsed.ok) return data({ ...parsed, intent: "attendance" }, { status: 400 });
  const result = await respondToSession(db, actor, parsed.data);
  if (!result.ok) return commandFailure(result, formDataToObject(formData), { intent: "attendance" });
  throw redirect("/programmes/sessions?svar=1");
}

export default function Sessions() {
  const d = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as { errors?: Record<string, string>; values?: Record<string, unknown>; intent?: string } | undefined;
  // The seminar whose answer was refused: its form shows the error and keeps what was typed.
  const failedSession = failure?.intent === "attendance" ? String(failure.values?.sessionId ?? "") : "";
  return (
    <>
      <Breadcrumbs trail={[{ to: "/programmes", label: "Rådgivningsforløb" }]} current="Tværkommunale læringsseminarer" />
      <h1>Tværkommunale læringsseminarer</h1>
      {failure?.intent === "attendance" ? <FormErrorSummary errors={failure.errors} idOf={(field) => (field === "participants" ? `participants-${failedSession}` : field)} /> : null}
      {d.sessions.length === 0 ? <p>Der er ingen seminarer endnu.</p> : null}
      {d.sessions.map((s) => (
        <section key={s.id} className="pp-card" aria-labelledby={`session-${s.id}`}>
          <h2 className="h3" id={`session-${s.id}`}>
            {s.title}
          </h2>
          <p className="pp-muted">
            {s.heldOn}
            {s.location ? `, ${s.location}` : ""} · {s.status}
            {s.leadAgency ? ` · ${s.leadAgency}` : ""}
            {s.themes ? ` · temaer: ${s.themes}` : ""}
          </p>
          {s.description ? <p>{s.description}</p> : null}
          <table className="table table--compact">
            <caption className="sr-only">Inviterede kommuner: {s.title}</caption>
            <thead>
              <tr>
                <th scope="col">Kommune</th>
                <th scope="col">Svar</th>
                <th scope="col" className="pp-num">Deltagere</th>
              </tr>
            </thead>
            <tbody>
              {s.invited.map((i) => (
                <tr key={i.municipalityCode}>
                  <th scope="row">{i.municipalityName}</th>
                  <td>{i.attendanceLabel}</td>
                  <td className="pp-num">{i.participants ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {s.open && s.invited.some((i) => i.own) ? (
            <Form method="post" className="pp-actions">
              <input type="hidden" name="intent" value="attendance" />
              <input type="hidden" name="sessionId" value={s.id} />
              {/* One form per seminar: the ids carry the seminar's id, so they stay unique on the page. */}
              <TextField
                name="participants"
                id={`participants-${s.id}`}
                label="Antal deltagere fra kommunen"
                inputMode="numeric"
                className="input-width-xs"
                error={failedSession === String(s.id) ? failure?.errors?.participants : undefined}
                defaultValue={failedSession === String(s.id) ? String(failure?.values?.participants ?? "") : undefined}
              />
              <button type="submit" name="attendance" value="confirmed" className="button button-primary">
                Vi deltager
              </button>
              <button type="submit" name="attendance" value="declined" className="button button-secondary">
                Vi deltager ikke
              </button>
            </Form>
          ) : null}
        </section>
      ))}
      {d.canManage ? <NewSession municipalities={d.municipalities} failure={failure?.intent === "create" ? failure : undefined} /> : null}
    </>
  );
}

function NewSession({
  municipalities,
  failure,
}: {
  municipalities: { code: string; name: string }[];
  failure?: { errors?: Record<string, string>; values?: Record<string, unknown> };
}) {
  const e = failure?.errors ?? {};
  // A refused seminar keeps what was typed and ticked.
  const v = failure?.values ?? {};
  const typed = (name: string) => (typeof v[name] === "string" ? (v[name] as string) : undefined);
  const ticked = (name: string, value: string) => [v[name]].flat().includes(value);
  return (
    <Form method="post" className="pp-narrow">
      <h2>Planlæg et seminar</h2>
      {failure ? <Alert kind="error">Seminaret kunne ikke oprettes. Ret felterne herunder.</Alert> : null}
      <input type="hidden" name="intent" value="create" />
      <TextField name="title" label="Titel" error={e.title} defaultValue={typed("title")} />
      <TextField name="heldOn" type="date" label="Dato" error={e.heldOn} defaultValue={typed("heldOn")} />
      <TextField name="location" label="Sted (valgfrit)" error={e.location} defaultValue={typed("location")} />
      <TextArea name="description" label="Beskrivelse (valgfri)" rows={3} error={e.description} defaultValue={typed("description")} />
      <fieldset className={`form-group${e["municipalityCodes[]"] ? " form-error" : ""}`}>
        <legend className="form-label">Inviterede kommuner</legend>
        {e["municipalityCodes[]"] ? <span className="form-error-message">{e["municipalityCodes[]"]}</span> : null}
        <ul className="nobullet-list">
          {municipalities.map((m) => (
            <li key={m.code}>
              <input className="form-checkbox" type="checkbox" id={`invite-${m.code}`} name="municipalityCodes[]" value={m.code} defaultChecked={ticked("municipalityCodes[]", m.code)} />
              <label htmlFor={`invite-${m.code}`}>{m.name}</label>
            </li>
          ))}
        </ul>
      </fieldset>
      <fieldset className="form-group">
        <legend className="form-label">Temaer</legend>
        <ul className="nobullet-list">
          {(Object.keys(THEME_LABELS) as Theme[]).map((t) => (
            <li key={t}>
              <input className="form-checkbox" type="checkbox" id={`theme-${t}`} name="themes[]" value={t} defaultChecked={ticked("themes[]", t)} />
              <label htmlFor={`theme-${t}`}>{THEME_LABELS[t]}</label>
            </li>
          ))}
        </ul>
      </fieldset>
      <button type="submit" className="button button-secondary">
        Opret seminar
      </button>
    </Form>
  );
}
