// The forms on the assessment page. Each posts an `intent` to the page's action and
// is validated in the browser with the same zod schema the action uses.
import { Form, useNavigation } from "@remix-run/react";
import { useMemo } from "react";
import type { ApplicationStatus } from "~/domain/applications/application-constants";
import { transition } from "~/domain/applications/status";
import {
  FORMALIA_REQUIREMENTS,
  formaliaFormSchema,
  MANUAL_REQUIREMENTS,
  metField,
  noteField,
  type RequirementKey,
  type SystemCheck,
} from "~/domain/assessment/formalia";
import { formatScore, MAX_SCORE, MIN_SCORE, scoreField, scoreNoteField, scoresFormSchema } from "~/domain/assessment/scoring";
import { assignSchema, noteSchema, reopenSchema } from "~/domain/assessment/assessment-schemas";
import { formatDateTime } from "~/utils/dates";
import { Alert, SelectField, TextArea, TextField, useValidatedForm, type ActionFailure } from "./form";

export type AssessmentActionData = (NonNullable<ActionFailure> & { intent?: string }) | undefined;

export const forIntent = (actionData: AssessmentActionData, intent: string) =>
  actionData?.intent === intent ? actionData : undefined;

export function FormError({ failure }: { failure: ActionFailure }) {
  const message = failure?.errors?.form;
  return message ? (
    <Alert kind="error" heading="Ændringen blev ikke gemt">
      {message}
    </Alert>
  ) : null;
}

export function SubmitButton({ intent, label, kind = "primary" }: { intent: string; label: string; kind?: "primary" | "secondary" }) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
  return (
    <button type="submit" className={`button button-${kind}`} disabled={busy}>
      {busy ? "Gemmer …" : label}
    </button>
  );
}

// ---------------------------------------------------------------- formalia

type Check = { requirement: string; met: boolean; note: string; checkedAt: Date };

export function FormaliaForm({
  status,
  checks,
  systemChecks,
  rejectionReason,
  actionData,
}: {
  status: ApplicationStatus;
  checks: Check[];
  systemChecks: SystemCheck[];
  rejectionReason: string | null;
  actionData: AssessmentActionData;
}) {
  const failure = forIntent(actionData, "formalia");
  const stored = new Map(checks.map((c) => [c.requirement, c]));
  const defaults: Record<string, string> = { intent: "formalia", rejectionReason: rejectionReason ?? "" };
  for (const r of MANUAL_REQUIREMENTS) {
    const c = stored.get(r.key);
    defaults[metField(r.key)] = c ? (c.met ? "yes" : "no") : "";
    defaults[noteField(r.key)] = c?.note ?? "";
  }
  const values = { ...defaults, ...(failure?.values as Record<string, string> | undefined) };
  const { onSubmit, errorOf, register } = useValidatedForm(formaliaFormSchema, { defaultValues: defaults, actionData: failure });
  const editable = status === "submitted" || status === "formalia_approved" || status === "rejection_proposed";
  if (!editable) {
    return (
      <>
        <FormaliaReadOnly checks={checks} />
        <p className="pp-muted">
          {status === "assessed"
            ? "Vurderingen er afsluttet. Tag den op igen for at ændre formalia."
            : "Ansøgningen er genåbnet til rettelse. Formalia kan tjekkes, når kommunen har indsendt igen."}
        </p>
      </>
    );
  }
  const lastChecked = checks.reduce<Date | null>((m, c) => (!m || c.checkedAt > m ? c.checkedAt : m), null);
  const systemFailed = systemChecks.filter((c) => !c.met);
  return (
    <Form method="post" onSubmit={onSubmit} noValidate>
      <input type="hidden" name="intent" value="formalia" />
      <FormError failure={failure} />
      {lastChecked ? <p className="pp-muted">Senest tjekket {formatDateTime(lastChecked)}.</p> : null}
      <SystemChecks checks={systemChecks} />
      {systemFailed.length > 0 ? (
        <Alert kind="warning" heading="Systemet foreslår afslag">
          Et eller flere krav er ikke opfyldt ifølge ansøgningens oplysninger. Når formalia gemmes, indstilles ansøgningen til
          afslag med grunden: {systemFailed.map((c) => c.note).join(" ")}
        </Alert>
      ) : null}
      <h3 className="h4">Vurderes af sagsbehandleren</h3>
      {MANUAL_REQUIREMENTS.map((r) => (
        <RequirementField key={r.key} requirement={r} values={values} errorOf={errorOf} register={register} />
      ))}
      <TextArea
        name="rejectionReason"
        label="Begrundelse for afslag"
        hint={
          systemFailed.length > 0
            ? "Systemets grund står allerede i afslaget. Skriv mere her, hvis du vil; skal udfyldes, hvis du selv vurderer et krav som ikke opfyldt."
            : "Skal udfyldes, hvis et krav ikke er opfyldt. Begrundelsen indgår i afslaget til kommunen."
        }
        rows={4}
        register={register}
        error={errorOf("rejectionReason")}
        defaultValue={values.rejectionReason}
      />
      <div className="pp-actions">
        <SubmitButton intent="formalia" label="Gem formalia" />
      </div>
    </Form>
  );
}

const requirementLabel = (key: string) => FORMALIA_REQUIREMENTS.find((r) => r.key === key)?.label ?? key;

/** The requirements the application's own data answers: facts, not questions. */
function SystemChecks({ checks }: { checks: SystemCheck[] }) {
  return (
    <table className="table table--compact pp-system-checks">
      <caption>
        <strong>Kontrolleret af systemet</strong>
      </caption>
      <thead>
        <tr>
          <th scope="col">Krav</th>
          <th scope="col">Resultat</th>
          <th scope="col">Grundlag</th>
        </tr>
      </thead>
      <tbody>
        {checks.map((c) => (
          <tr key={c.requirement} data-requirement={c.requirement}>
            <td>{requirementLabel(c.requirement)}</td>
            <td>{c.met ? "Opfyldt" : "Ikke opfyldt"}</td>
            <td>{c.note}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function RequirementField({
  requirement,
  values,
  errorOf,
  register,
}: {
  requirement: { key: RequirementKey; label: string };
  values: Record<string, string>;
  errorOf: (name: string) => string | undefined;
  register: ReturnType<typeof useValidatedForm>["register"];
}) {
  const met = metField(requirement.key);
  const error = errorOf(met);
  return (
    <fieldset className={`form-group${error ? " form-error" : ""}`} aria-describedby={error ? `${met}-error` : undefined}>
      <legend className="form-label">{requirement.label}</legend>
      {error ? (
        <span className="form-error-message" id={`${met}-error`} role="alert">
          <span className="sr-only">Fejl: </span>
          {error}
        </span>
      ) : null}
      <ul className="nobullet-list pp-actions" style={{ margin: "0.4rem 0" }}>
        {(["yes", "no"] as const).map((v) => (
          <li key={v} className="form-group-radio">
            <input
              className="form-radio"
              type="radio"
              id={`${met}-${v}`}
              value={v}
              defaultChecked={values[met] === v}
              {...register(met)}
            />
            <label htmlFor={`${met}-${v}`}>{v === "yes" ? "Opfyldt" : "Ikke opfyldt"}</label>
          </li>
        ))}
      </ul>
      <TextField
        name={noteField(requirement.key)}
        label="Bemærkning"
        register={register}
        error={errorOf(noteField(requirement.key))}
        defaultValue={values[noteField(requirement.key)]}
        maxLength={1000}
      />
    </fieldset>
  );
}

function FormaliaReadOnly({ checks }: { checks: Check[] }) {
  const stored = new Map(checks.map((c) => [c.requirement, c]));
  return (
    <table className="table table--compact">
      <thead>
        <tr>
          <th scope="col">Krav</th>
          <th scope="col">Opfyldt</th>
          <th scope="col">Bemærkning</th>
        </tr>
      </thead>
      <tbody>
        {FORMALIA_REQUIREMENTS.map((r) => {
          const c = stored.get(r.key);
          return (
            <tr key={r.key}>
              <td>{r.label}</td>
              <td>{c ? (c.met ? "Ja" : "Nej") : "Ikke tjekket"}</td>
              <td>{c?.note ?? ""}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

// ---------------------------------------------------------------- scores

type Criterion = { id: number; label: string; description: string; weight: number };
type Score = { criterionId: number; score: number; note: string };

export function ScoresForm({
  status,
  criteria,
  scores,
  score,
  actionData,
  locked = false,
  scoreLabel = "Vægtet score",
}: {
  status: ApplicationStatus;
  criteria: Criterion[];
  scores: Score[];
  score: { tenths: number | null; scored: number; total: number };
  actionData: AssessmentActionData;
  /** The assessor has submitted ("Afgiv vurdering"): own scores are read-only. */
  locked?: boolean;
  scoreLabel?: string;
}) {
  const failure = forIntent(actionData, "scores");
  const schema = useMemo(() => scoresFormSchema(criteria.map((c) => c.id)), [criteria]);
  const stored = new Map(scores.map((s) => [s.criterionId, s]));
  const defaults: Record<string, string> = { intent: "scores" };
  for (const c of criteria) {
    const s = stored.get(c.id);
    defaults[scoreField(c.id)] = s ? String(s.score) : "";
    defaults[scoreNoteField(c.id)] = s?.note ?? "";
  }
  const values = { ...defaults, ...(failure?.values as Record<string, string> | undefined) };
  const { onSubmit, errorOf, register } = useValidatedForm(schema, { defaultValues: defaults, actionData: failure });
  if (criteria.length === 0) return <p>Opslaget har ingen vurderingskriterier.</p>;
  const editable = status === "formalia_approved" && !locked;
  const summary = (
    <p>
      {scoreLabel}: <strong>{formatScore(score.tenths)}</strong> ({score.scored} af {score.total} kriterier scoret).
    </p>
  );
  if (!editable) {
    return (
      <>
        {status !== "assessed" && !locked ? <p className="pp-muted">Kriterierne kan scores, når formalia er godkendt.</p> : null}
        {summary}
        <table className="table table--compact">
          <thead>
            <tr>
              <th scope="col">Kriterium</th>
              <th scope="col" className="pp-num">Vægt</th>
              <th scope="col" className="pp-num">Score</th>
              <th scope="col">Bemærkning</th>
            </tr>
          </thead>
          <tbody>
            {criteria.map((c) => (
              <tr key={c.id}>
                <td>{c.label}</td>
                <td className="pp-num">{c.weight} %</td>
                <td className="pp-num">{stored.get(c.id)?.score ?? "–"}</td>
                <td>{stored.get(c.id)?.note ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </>
    );
  }
  return (
    <Form method="post" onSubmit={onSubmit} noValidate>
      <input type="hidden" name="intent" value="scores" />
      <FormError failure={failure} />
      {summary}
      {criteria.map((c) => {
        const name = scoreField(c.id);
        const error = errorOf(name);
        return (
          <fieldset key={c.id} className="pp-card" style={{ marginBottom: "1.6rem" }}>
            <legend className="h4">
              {c.label} <span className="pp-muted">(vægt {c.weight} %)</span>
            </legend>
            {c.description ? <p className="form-hint">{c.description}</p> : null}
            <div className={`form-group${error ? " form-error" : ""}`}>
              <label className="form-label" htmlFor={name}>
                Score ({MIN_SCORE}–{MAX_SCORE})
              </label>
              {error ? (
                <span className="form-error-message" id={`${name}-error`} role="alert">
                  <span className="sr-only">Fejl: </span>
                  {error}
                </span>
              ) : null}
              <select
                className="form-select"
                id={name}
                defaultValue={values[name]}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `${name}-error` : undefined}
                {...register(name)}
              >
                <option value="">Ikke scoret</option>
                {Array.from({ length: MAX_SCORE - MIN_SCORE + 1 }, (_, i) => MIN_SCORE + i).map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            </div>
            <TextField
              name={scoreNoteField(c.id)}
              label="Bemærkning"
              register={register}
              error={errorOf(scoreNoteField(c.id))}
              defaultValue={values[scoreNoteField(c.id)]}
              maxLength={2000}
            />
          </fieldset>
        );
      })}
      <div className="pp-actions">
        <SubmitButton intent="scores" label="Gem scorer" />
      </div>
    </Form>
  );
}

/** "Afslut vurdering": only offered when formalia is approved and every criterion is scored. */
export function CompleteForm({
  status,
  complete,
  double = false,
  actionData,
}: {
  status: ApplicationStatus;
  complete: boolean;
  double?: boolean;
  actionData: AssessmentActionData;
}) {
  const failure = forIntent(actionData, "complete");
  if (!transition(status, "complete_assessment").ok) return null;
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="complete" />
      <FormError failure={failure} />
      {complete ? (
        <SubmitButton intent="complete" label="Afslut vurdering" />
      ) : (
        <p className="pp-muted">
          {double
            ? "Vurderingen kan afsluttes, når begge bedømmere har afgivet deres vurdering, og alle kriterier har en aftalt score."
            : "Vurderingen kan afsluttes, når alle kriterier har en score."}
        </p>
      )}
    </Form>
  );
}

// ---------------------------------------------------------------- notes

type Note = { id: number; body: string; createdAt: Date; authorName: string | null };

export function NotesSection({ notes, actionData }: { notes: Note[]; actionData: AssessmentActionData }) {
  const failure = forIntent(actionData, "note");
  const { onSubmit, errorOf, register } = useValidatedForm(noteSchema, { actionData: failure });
  return (
    <>
      {notes.length === 0 ? (
        <p>Der er ingen noter endnu.</p>
      ) : (
        <ul className="nobullet-list">
          {notes.map((n) => (
            <li key={n.id} className="pp-card" style={{ marginBottom: "0.8rem" }}>
              <p className="pp-muted">
                {n.authorName ?? "Ukendt"} · {formatDateTime(n.createdAt)}
              </p>
              <p className="pp-pre">{n.body}</p>
            </li>
          ))}
        </ul>
      )}
      <Form method="post" onSubmit={onSubmit} noValidate>
        <input type="hidden" name="intent" value="note" />
        <FormError failure={failure} />
        <TextArea
          name="body"
          label="Ny note"
          hint="Noter ses kun af ministeriets medarbejdere. Skriv ikke oplysninger om enkelte børn."
          rows={3}
          register={register}
          error={errorOf("body")}
          defaultValue={String(failure?.values?.body ?? "")}
        />
        <SubmitButton intent="note" label="Tilføj note" kind="secondary" />
      </Form>
    </>
  );
}

// ---------------------------------------------------------------- reopen, reconsider, assign

export function ReopenForm({ status, actionData }: { status: ApplicationStatus; actionData: AssessmentActionData }) {
  const failure = forIntent(actionData, "reopen");
  const { onSubmit, errorOf, register } = useValidatedForm(reopenSchema, { actionData: failure });
  if (!transition(status, "reopen").ok) return null;
  return (
    <Form method="post" onSubmit={onSubmit} noValidate>
      <input type="hidden" name="intent" value="reopen" />
      <FormError failure={failure} />
      <TextArea
        name="reopenReason"
        label="Begrundelse for genåbning"
        hint="Kommunen ser begrundelsen og kan derefter rette og indsende ansøgningen igen."
        rows={3}
        register={register}
        error={errorOf("reopenReason")}
        defaultValue={String(failure?.values?.reopenReason ?? "")}
      />
      <SubmitButton intent="reopen" label="Genåbn til rettelse" kind="secondary" />
    </Form>
  );
}

export function ReconsiderForm({ status, actionData }: { status: ApplicationStatus; actionData: AssessmentActionData }) {
  const failure = forIntent(actionData, "reconsider");
  if (!transition(status, "reconsider").ok) return null;
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="reconsider" />
      <FormError failure={failure} />
      <p>
        {status === "rejection_proposed"
          ? "Indstillingen til afslag trækkes tilbage, og ansøgningen står igen som indsendt."
          : "Vurderingen åbnes igen, så scorerne kan ændres."}
      </p>
      <SubmitButton intent="reconsider" label="Tag op igen" kind="secondary" />
    </Form>
  );
}

export function AssignForm({
  assignedTo,
  secondAssessorId,
  staff,
  actionData,
}: {
  assignedTo: string | null;
  secondAssessorId: string | null;
  staff: { id: string; name: string }[];
  actionData: AssessmentActionData;
}) {
  const failure = forIntent(actionData, "assign");
  const defaults = { assignedTo: assignedTo ?? "", secondAssessorId: secondAssessorId ?? "" };
  const values = { ...defaults, ...(failure?.values as Record<string, string> | undefined) };
  const { onSubmit, errorOf, register } = useValidatedForm(assignSchema, { defaultValues: defaults, actionData: failure });
  return (
    <Form method="post" onSubmit={onSubmit} noValidate>
      <input type="hidden" name="intent" value="assign" />
      <FormError failure={failure} />
      <StaffSelect name="assignedTo" label="Sagsbehandler (1. bedømmer)" empty="Ikke tildelt" staff={staff} value={values.assignedTo} error={errorOf("assignedTo")} register={register} />
      <StaffSelect
        name="secondAssessorId"
        label="2. bedømmer"
        hint="Vælg en anden bedømmer for to uafhængige vurderinger: ingen af dem ser den andens scorer, før begge har afgivet deres vurdering."
        empty="Ingen (én vurdering)"
        staff={staff}
        value={values.secondAssessorId}
        error={errorOf("secondAssessorId")}
        register={register}
      />
      <SubmitButton intent="assign" label="Tildel" kind="secondary" />
    </Form>
  );
}

function StaffSelect({
  name,
  label,
  hint,
  empty,
  staff,
  value,
  error,
  register,
}: {
  name: string;
  label: string;
  hint?: string;
  empty: string;
  staff: { id: string; name: string }[];
  value: string;
  error: string | undefined;
  register: ReturnType<typeof useValidatedForm>["register"];
}) {
  return (
    <SelectField
      name={name}
      label={label}
      hint={hint}
      error={error}
      register={register}
      placeholder={empty}
      defaultValue={value}
      options={staff.map((s) => ({ value: s.id, label: s.name }))}
    />
  );
}
