// Two independent assessments on the assessment page (decision 017): each assessor scores
// and submits on their own; once both are in, the two side by side with the differences
// of 2 or more flagged (in words, not only colour), and the agreed score (enighed).
// The blind rule lives in the query: this page only ever receives what the actor may see.
import { Form } from "@remix-run/react";
import { useMemo } from "react";
import type { ApplicationStatus } from "~/domain/applications/application-constants";
import {
  agreedField,
  agreedNoteField,
  agreeFormSchema,
  FLAGGED_DIFFERENCE,
  type ComparisonRow,
} from "~/domain/assessment/double-assessment";
import { formatScore, MAX_SCORE, MIN_SCORE } from "~/domain/assessment/scoring";
import { formatDateTime } from "~/utils/dates";
import { FormError, forIntent, ScoresForm, SubmitButton, type AssessmentActionData } from "./assessment-forms";
import { Alert, TextField, useValidatedForm } from "./form";

type Criterion = { id: number; label: string; description: string; weight: number };
type Assessor = { id: string; name: string; submittedAt: Date | null; isMe: boolean };
type State = { double: boolean; first: Assessor | null; second: Assessor | null; amAssessor: boolean; iSubmitted: boolean; bothSubmitted: boolean };
type WeightedScore = { tenths: number | null; scored: number; total: number };

export function DoubleAssessment({
  status,
  criteria,
  scores,
  ownScore,
  score,
  assessment,
  comparison,
  actionData,
}: {
  status: ApplicationStatus;
  criteria: Criterion[];
  scores: { criterionId: number; score: number; note: string }[];
  ownScore: WeightedScore;
  /** The weighted score that counts: from the agreed scores. */
  score: WeightedScore;
  assessment: State;
  comparison: ComparisonRow[] | null;
  actionData: AssessmentActionData;
}) {
  return (
    <>
      <Assessors assessment={assessment} />
      {comparison && assessment.first && assessment.second ? (
        <>
          <ComparisonTable criteria={criteria} rows={comparison} first={assessment.first} second={assessment.second} />
          <p>
            Vægtet score ud fra de aftalte scorer: <strong>{formatScore(score.tenths)}</strong> ({score.scored} af {score.total} kriterier
            aftalt).
          </p>
          {status === "formalia_approved" ? <AgreeForm criteria={criteria} rows={comparison} actionData={actionData} /> : null}
        </>
      ) : assessment.amAssessor ? (
        <>
          {assessment.iSubmitted ? (
            <Alert kind="info" heading="Din vurdering er afgivet">
              Den anden bedømmers scorer og bemærkninger vises, når begge har afgivet deres vurdering.
            </Alert>
          ) : (
            <p>Du scorer uafhængigt: den anden bedømmers scorer vises først, når I begge har afgivet jeres vurdering.</p>
          )}
          <ScoresForm
            status={status}
            criteria={criteria}
            scores={scores}
            score={ownScore}
            scoreLabel="Din vægtede score"
            locked={assessment.iSubmitted}
            actionData={actionData}
          />
          {!assessment.iSubmitted && status === "formalia_approved" ? (
            <SubmitAssessmentForm complete={ownScore.tenths !== null} actionData={actionData} />
          ) : null}
        </>
      ) : (
        <Alert kind="info" heading="To uafhængige vurderinger">
          Scorerne vises, når begge bedømmere har afgivet deres vurdering.
        </Alert>
      )}
    </>
  );
}

function Assessors({ assessment }: { assessment: State }) {
  const line = (label: string, a: Assessor | null) =>
    a ? (
      <li>
        {label}: {a.name}
        {a.isMe ? " (dig)" : ""} –{" "}
        {a.submittedAt ? `vurdering afgivet ${formatDateTime(a.submittedAt)}` : "har ikke afgivet sin vurdering endnu"}
      </li>
    ) : null;
  return (
    <ul className="pp-assessors">
      {line("1. bedømmer", assessment.first)}
      {line("2. bedømmer", assessment.second)}
    </ul>
  );
}

function SubmitAssessmentForm({ complete, actionData }: { complete: boolean; actionData: AssessmentActionData }) {
  const failure = forIntent(actionData, "submit_assessment");
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="submit_assessment" />
      <FormError failure={failure} />
      {complete ? (
        <>
          <p>Når du afgiver din vurdering, kan du ikke længere ændre dine scorer.</p>
          <SubmitButton intent="submit_assessment" label="Afgiv vurdering" />
        </>
      ) : (
        <p className="pp-muted">Du kan afgive din vurdering, når alle kriterier har en score (gem scorerne først).</p>
      )}
    </Form>
  );
}

function ScoreCell({ s }: { s: { score: number; note: string } | null }) {
  if (!s) return <td className="pp-num">–</td>;
  return (
    <td>
      <strong>{s.score}</strong>
      {s.note ? <div className="pp-muted">{s.note}</div> : null}
    </td>
  );
}

export function ComparisonTable({
  criteria,
  rows,
  first,
  second,
}: {
  criteria: Criterion[];
  rows: ComparisonRow[];
  first: Assessor;
  second: Assessor;
}) {
  const flagged = rows.filter((r) => r.flagged).length;
  return (
    <>
      {flagged > 0 ? (
        <Alert kind="warning" heading={`Stor forskel på ${flagged} ${flagged === 1 ? "kriterium" : "kriterier"}`}>
          Bedømmerne er {FLAGGED_DIFFERENCE} eller flere point fra hinanden. Begrund den aftalte score.
        </Alert>
      ) : null}
      <table className="table table--compact pp-comparison">
        <caption>
          <strong>De to vurderinger side om side</strong>
        </caption>
        <thead>
          <tr>
            <th scope="col">Kriterium</th>
            <th scope="col" className="pp-num">Vægt</th>
            <th scope="col">1. bedømmer: {first.name}</th>
            <th scope="col">2. bedømmer: {second.name}</th>
            <th scope="col">Forskel</th>
            <th scope="col">Aftalt score</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const c = criteria.find((x) => x.id === r.criterionId);
            return (
              <tr key={r.criterionId} data-flagged={r.flagged ? "true" : undefined}>
                <th scope="row">{c?.label}</th>
                <td className="pp-num">{c?.weight} %</td>
                <ScoreCell s={r.first} />
                <ScoreCell s={r.second} />
                <td>
                  {r.difference ?? "–"}
                  {r.flagged ? (
                    <>
                      {" "}
                      <span className="pp-badge pp-badge-bad">⚠ Stor forskel</span>
                    </>
                  ) : null}
                </td>
                <td>
                  {r.agreed ? (
                    <>
                      <strong>{r.agreed.score}</strong>
                      {r.agreed.note ? <div className="pp-muted">{r.agreed.note}</div> : null}
                    </>
                  ) : (
                    <span className="pp-muted">Ikke aftalt (forslag {r.proposal ?? "–"})</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}

function AgreeForm({ criteria, rows, actionData }: { criteria: Criterion[]; rows: ComparisonRow[]; actionData: AssessmentActionData }) {
  const failure = forIntent(actionData, "agree");
  const schema = useMemo(() => agreeFormSchema(criteria.map((c) => c.id)), [criteria]);
  const defaults: Record<string, string> = { intent: "agree" };
  for (const r of rows) {
    defaults[agreedField(r.criterionId)] = String(r.agreed?.score ?? r.proposal ?? "");
    defaults[agreedNoteField(r.criterionId)] = r.agreed?.note ?? "";
  }
  const values = { ...defaults, ...(failure?.values as Record<string, string> | undefined) };
  const { onSubmit, errorOf, register } = useValidatedForm(schema, { defaultValues: defaults, actionData: failure });
  return (
    <Form method="post" onSubmit={onSubmit} noValidate>
      <input type="hidden" name="intent" value="agree" />
      <h3 className="h4">Enighed</h3>
      <p>Forslaget er gennemsnittet af de to scorer, rundet op ved ,5. Ret det, hvis I er blevet enige om andet.</p>
      <FormError failure={failure} />
      {rows.map((r) => {
        const c = criteria.find((x) => x.id === r.criterionId);
        const name = agreedField(r.criterionId);
        const error = errorOf(name);
        return (
          <fieldset key={r.criterionId} className="pp-card" style={{ marginBottom: "1.6rem" }}>
            <legend className="h4">
              {c?.label}
              {r.flagged ? <span className="pp-badge pp-badge-bad"> ⚠ Stor forskel ({r.difference})</span> : null}
            </legend>
            <div className={`form-group${error ? " form-error" : ""}`}>
              <label className="form-label" htmlFor={name}>
                Aftalt score ({MIN_SCORE}–{MAX_SCORE})
              </label>
              <span className="form-hint" id={`${name}-hint`}>
                {r.first?.score} og {r.second?.score}: forslag {r.proposal}
              </span>
              {error ? (
                <span className="form-error-message" id={`${name}-error`} role="alert">
                  <span className="sr-only">Fejl: </span>
                  {error}
                </span>
              ) : null}
              <select className="form-select" id={name} defaultValue={values[name]} aria-describedby={`${name}-hint`} {...register(name)}>
                {Array.from({ length: MAX_SCORE - MIN_SCORE + 1 }, (_, i) => MIN_SCORE + i).map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            </div>
            <TextField
              name={agreedNoteField(r.criterionId)}
              label={r.flagged ? "Begrundelse (skal udfyldes ved stor forskel)" : "Begrundelse"}
              register={register}
              error={errorOf(agreedNoteField(r.criterionId))}
              defaultValue={values[agreedNoteField(r.criterionId)]}
              maxLength={2000}
            />
          </fieldset>
        );
      })}
      <div className="pp-actions">
        <SubmitButton intent="agree" label="Gem enighed" />
      </div>
    </Form>
  );
}
