// The ministry's form for a new programme: a grant, a template, two agencies, dates and
// intensity, advisors (one or more from each agency), focus areas (or a new one with themes).
import { Form } from "@remix-run/react";
import { FieldError, FormErrorSummary, SelectField, TextArea, TextField, useValidatedForm, type ActionFailure } from "~/components/form";
import { INTENSITIES, INTENSITY_LABELS, THEME_LABELS, THEMES } from "~/domain/programmes/programme-constants";
import { createProgrammeSchema } from "~/domain/programmes/programme-schemas";

export type NewProgrammeData = {
  grants: { id: number; municipalityName: string }[];
  templates: { id: number; name: string; description: string; items: { id: number; title: string; positionPercent: number }[] }[];
  agencies: { id: number; name: string }[];
  advisors: { id: string; name: string; agency: string }[];
  focusAreas: { id: number; name: string; themes: string }[];
  values: Record<string, unknown>;
};

export function NewProgrammeForm({ data, failure }: { data: NewProgrammeData; failure?: ActionFailure }) {
  const { onSubmit, errorOf, register } = useValidatedForm(createProgrammeSchema, { defaultValues: data.values, actionData: failure });
  const checked = (name: string, value: string) => {
    const v = failure?.values?.[name] ?? data.values[name];
    return Array.isArray(v) ? v.map(String).includes(value) : String(v ?? "") === value;
  };
  return (
    <Form method="post" onSubmit={onSubmit} noValidate>
      <FormErrorSummary errors={failure?.errors} />
      <SelectField name="grantId" label="Tilsagn" placeholder="Vælg tilsagn" register={register} error={errorOf("grantId")} options={data.grants.map((g) => ({ value: String(g.id), label: g.municipalityName }))} />
      <SelectField
        name="templateId"
        label="Skabelon for milepæle"
        hint="Milepælene placeres jævnt i forløbet efter skabelonen; datoerne kan rettes bagefter."
        register={register}
        error={errorOf("templateId")}
        options={data.templates.map((t) => ({ value: String(t.id), label: `${t.name}: ${t.items.map((i) => i.title).join(", ")}` }))}
      />
      <SelectField name="leadAgencyId" label="Ledende styrelse" placeholder="Vælg styrelse" register={register} error={errorOf("leadAgencyId")} options={data.agencies.map((a) => ({ value: String(a.id), label: a.name }))} />
      <SelectField name="partnerAgencyId" label="Samarbejdende styrelse" placeholder="Vælg styrelse" register={register} error={errorOf("partnerAgencyId")} options={data.agencies.map((a) => ({ value: String(a.id), label: a.name }))} />
      <TextField name="startsOn" type="date" label="Startdato" register={register} error={errorOf("startsOn")} />
      <TextField name="plannedEndOn" type="date" label="Planlagt slutdato" hint="Et forløb varer normalt 3–9 måneder." register={register} error={errorOf("plannedEndOn")} />
      <TextArea name="lengthReason" label="Begrundelse for længden (kun ved under 3 eller over 9 måneder)" rows={2} register={register} error={errorOf("lengthReason")} />
      <SelectField name="intensity" label="Intensitet" register={register} error={errorOf("intensity")} options={INTENSITIES.map((i) => ({ value: i, label: INTENSITY_LABELS[i] }))} />
      <CheckboxGroup name="advisorIds[]" legend="Rådgivere (mindst én fra hver styrelse)" error={errorOf("advisorIds[]")} options={data.advisors.map((a) => ({ value: a.id, label: `${a.name}, ${a.agency}` }))} checked={checked} />
      <CheckboxGroup name="focusAreaIds[]" legend="Fokusområder" error={errorOf("focusAreaIds[]")} options={data.focusAreas.map((f) => ({ value: String(f.id), label: `${f.name} (${f.themes})` }))} checked={checked} />
      <TextField name="newFocusArea" label="Nyt fokusområde (valgfrit)" register={register} error={errorOf("newFocusArea")} />
      <CheckboxGroup name="newFocusAreaThemes[]" legend="Temaer for det nye fokusområde" error={errorOf("newFocusAreaThemes[]")} options={THEMES.map((t) => ({ value: t, label: THEME_LABELS[t] }))} checked={checked} />
      <button type="submit" className="button button-primary">
        Opret forløb
      </button>
    </Form>
  );
}

function CheckboxGroup({
  name,
  legend,
  error,
  options,
  checked,
}: {
  name: string;
  legend: string;
  error?: string;
  options: { value: string; label: string }[];
  checked: (name: string, value: string) => boolean;
}) {
  const id = name.replace(/\W/g, "");
  return (
    <fieldset className={`form-group${error ? " form-error" : ""}`} aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="form-label">{legend}</legend>
      {error ? <FieldError id={id} message={error} /> : null}
      <ul className="nobullet-list">
        {options.map((o, i) => (
          <li key={o.value}>
            <input className="form-checkbox" type="checkbox" id={`${id}-${i}`} name={name} value={o.value} defaultChecked={checked(name, o.value)} />
            <label htmlFor={`${id}-${i}`}>{o.label}</label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
