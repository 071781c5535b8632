// The advisor's (or the ministry's) log of a milestone: status, dates, reason, note,
// participants by role, and for a case review the counts and findings per theme.
// Works without JavaScript; with it, the same schema checks the form first.
import { Form } from "@remix-run/react";
import { FormErrorSummary, SelectField, TextArea, TextField, useValidatedForm, type ActionFailure } from "~/components/form";
import {
  MILESTONE_STATUS_LABELS,
  PARTICIPANT_ROLE_LABELS,
  PARTICIPANT_ROLES,
  THEME_LABELS,
  THEMES,
  type MilestoneStatus,
} from "~/domain/programmes/programme-constants";
import { logMilestoneSchema } from "~/domain/programmes/programme-schemas";

export type MilestoneLogData = {
  version: number;
  caseReview: boolean;
  allowedStatuses: MilestoneStatus[];
  values: Record<string, string>;
};

export function MilestoneLogForm({ data, failure }: { data: MilestoneLogData; failure?: ActionFailure }) {
  const { onSubmit, errorOf, register } = useValidatedForm(logMilestoneSchema, { defaultValues: data.values, actionData: failure });
  return (
    <Form method="post" onSubmit={onSubmit} noValidate aria-labelledby="log-heading">
      <h2 id="log-heading">Log milepælen</h2>
      <FormErrorSummary errors={failure?.errors} />
      <input type="hidden" name="intent" value="log" />
      <input type="hidden" name="version" value={data.version} />
      <SelectField
        name="status"
        label="Status"
        register={register}
        error={errorOf("status")}
        options={data.allowedStatuses.map((s) => ({ value: s, label: MILESTONE_STATUS_LABELS[s] }))}
      />
      <TextField name="plannedOn" type="date" label="Planlagt dato" hint="Flyt datoen, når milepælen udskydes." register={register} error={errorOf("plannedOn")} />
      <TextField name="actualOn" type="date" label="Faktisk dato (valgfri)" hint="Udfyldes, når milepælen er gennemført." register={register} error={errorOf("actualOn")} />
      <TextArea
        name="statusReason"
        label="Begrundelse (ved udskudt eller aflyst)"
        rows={2}
        register={register}
        error={errorOf("statusReason")}
      />
      <TextArea
        name="note"
        label="Note: hvad skete der, og hvad blev aftalt? (valgfri)"
        hint="Skriv aldrig navne eller CPR-numre på børn eller borgere."
        register={register}
        error={errorOf("note")}
      />
      <fieldset>
        <legend className="h4">Deltagere efter rolle (antal)</legend>
        <div className="pp-filters">
          {PARTICIPANT_ROLES.map((r) => (
            <TextField
              key={r}
              name={`participants_${r}`}
              label={PARTICIPANT_ROLE_LABELS[r]}
              inputMode="numeric"
              className="input-width-xs"
              register={register}
              error={errorOf(`participants_${r}`)}
            />
          ))}
        </div>
      </fieldset>
      {data.caseReview ? (
        <fieldset>
          <legend className="h4">Sagsgennemgang pr. tema (kun tal og fund, aldrig personoplysninger)</legend>
          {THEMES.map((t) => (
            <div key={t}>
              <h3 className="h5">{THEME_LABELS[t]}</h3>
              <div className="pp-filters">
                <TextField name={`review_${t}_reviewed`} label="Gennemgåede sager" inputMode="numeric" className="input-width-xs" register={register} error={errorOf(`review_${t}_reviewed`)} />
                <TextField name={`review_${t}_adequate`} label="Heraf i orden" inputMode="numeric" className="input-width-xs" register={register} error={errorOf(`review_${t}_adequate`)} />
              </div>
              <TextArea name={`review_${t}_findings`} label={`Fund: ${THEME_LABELS[t]}`} rows={2} register={register} error={errorOf(`review_${t}_findings`)} />
            </div>
          ))}
        </fieldset>
      ) : null}
      <button type="submit" className="button button-primary">
        Gem milepælen
      </button>
    </Form>
  );
}
