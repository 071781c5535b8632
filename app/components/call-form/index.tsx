// The call (opslag) form for /calls/new and /calls/:id/edit. Repeated rows (cost
// categories, criteria, municipalities) post as `name[]` arrays, so the browser checks
// the form's own FormData against the same zod schema the server uses (react-hook-form
// cannot register several inputs under one `name[]`). Without JavaScript the empty
// spare rows stand in for "Tilføj" and the server answers with the same messages.
// The repeated parts live beside this file; this one holds the form, its single fields
// and the check before sending.
import { Form, Link, useNavigation } from "@remix-run/react";
import { useEffect, useMemo, useState, type FormEvent } from "react";
import { FieldError, FormErrorSummary, TextArea, TextField } from "~/components/form";
import { callFormSchema, type CallFormValues } from "~/domain/calls/call-schema";
import { formDataErrors } from "~/utils/form-data";
import { CategoryFields } from "./category-fields";
import { CriteriaFields } from "./criteria-fields";
import { MunicipalityFields, type MunicipalityOption } from "./municipality-fields";
import { arr, categoryRows, criterionRows, str } from "./rows";

export type { MunicipalityOption };
export type PoolOption = { id: number; name: string };

type Props = {
  values: CallFormValues;
  serverErrors?: Record<string, string>;
  pools: PoolOption[];
  municipalities: MunicipalityOption[];
  /** A published call past its deadline: deadline and categories are fixed. */
  termsLocked?: boolean;
  submitLabel: string;
  cancelTo: string;
};

export function CallForm({ values, serverErrors, pools, municipalities, termsLocked, submitLabel, cancelTo }: Props) {
  const navigation = useNavigation();
  const [hydrated, setHydrated] = useState(false);
  const [clientErrors, setClientErrors] = useState<Record<string, string> | null>(null);
  const initialCategories = useMemo(() => categoryRows(values), [values]);
  const initialCriteria = useMemo(() => criterionRows(values), [values]);
  const selected = useMemo(() => new Set(arr(values["municipalities[]"])), [values]);
  useEffect(() => setHydrated(true), []);
  // A fresh answer from the server replaces what the browser found.
  useEffect(() => setClientErrors(null), [serverErrors]);

  const errors = clientErrors ?? serverErrors ?? {};
  const fieldErrors = Object.fromEntries(Object.entries(errors).filter(([k]) => k !== "form"));
  const errorOf = (name: string): string | undefined => errors[name];
  const validate = (form: HTMLFormElement) => {
    const found = formDataErrors(callFormSchema, new FormData(form));
    return Object.keys(found).length > 0 ? found : null;
  };

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const found = validate(event.currentTarget);
    setClientErrors(found ?? {});
    if (found) {
      event.preventDefault();
      requestAnimationFrame(() => document.getElementById("error-summary-heading")?.parentElement?.parentElement?.focus());
    }
  }

  function onChange(event: FormEvent<HTMLFormElement>) {
    if (clientErrors && Object.keys(clientErrors).length > 0) setClientErrors(validate(event.currentTarget) ?? {});
  }

  const busy = navigation.state === "submitting";
  return (
    <Form method="post" noValidate onSubmit={onSubmit} onChange={onChange}>
      {errors.form ? (
        <div className="alert alert-error" role="alert">
          <div className="alert-body">
            <p className="alert-heading">Opslaget blev ikke gemt</p>
            <p className="alert-text">{errors.form}</p>
          </div>
        </div>
      ) : null}
      <FormErrorSummary errors={fieldErrors} />

      <PoolField pools={pools} value={str(values.poolId)} error={errorOf("poolId")} />
      <TextField name="title" label="Titel" defaultValue={str(values.title)} error={errorOf("title")} maxLength={200} />
      <TextArea
        name="purpose"
        label="Formål"
        hint="Puljens formål, som det skal stå i opslaget."
        defaultValue={str(values.purpose)}
        error={errorOf("purpose")}
      />

      <CategoryFields initial={initialCategories} errorOf={errorOf} termsLocked={termsLocked} hydrated={hydrated} />

      <fieldset className="form-group">
        <legend className="form-label">Projektperiode</legend>
        <div className="pp-filters">
          <TextField name="projectStart" label="Start" type="date" defaultValue={str(values.projectStart)} error={errorOf("projectStart")} />
          <TextField name="projectEnd" label="Slut" type="date" defaultValue={str(values.projectEnd)} error={errorOf("projectEnd")} />
        </div>
      </fieldset>

      <fieldset className="form-group">
        <legend className="form-label">Ansøgningsfrist</legend>
        <span className="form-hint">Dansk tid. Ansøgninger modtages til og med dette tidspunkt.</span>
        <div className="pp-filters">
          <TextField
            name="deadlineDate"
            label="Dato"
            type="date"
            defaultValue={str(values.deadlineDate)}
            error={errorOf("deadlineDate")}
            readOnly={termsLocked}
          />
          <TextField
            name="deadlineTime"
            label="Klokkeslæt"
            type="time"
            defaultValue={str(values.deadlineTime)}
            error={errorOf("deadlineTime")}
            readOnly={termsLocked}
          />
        </div>
      </fieldset>

      <TextField
        name="expectedGrants"
        label="Forventet antal tilsagn"
        inputMode="numeric"
        className="input-width-xs"
        defaultValue={str(values.expectedGrants)}
        error={errorOf("expectedGrants")}
      />
      <TextField
        name="maxAmount"
        label="Maksimalt beløb pr. ansøgning (valgfrit)"
        hint="I kroner, fx 2.000.000,00. Lad feltet stå tomt, hvis der ikke er et loft."
        inputMode="decimal"
        defaultValue={str(values.maxAmount)}
        error={errorOf("maxAmount")}
      />

      <CriteriaFields initial={initialCriteria} errorOf={errorOf} hydrated={hydrated} />
      <MunicipalityFields
        municipalities={municipalities}
        eligibility={str(values.eligibility)}
        selected={selected}
        errorOf={errorOf}
        hydrated={hydrated}
      />

      <div className="pp-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? "Gemmer …" : submitLabel}
        </button>
        <Link to={cancelTo}>Annullér</Link>
      </div>
    </Form>
  );
}

/** One pool: a hidden field. Several: the caseworker picks. */
function PoolField({ pools, value, error }: { pools: PoolOption[]; value: string; error?: string }) {
  if (pools.length === 1) return <input type="hidden" name="poolId" value={String(pools[0].id)} />;
  return (
    <div className={`form-group${error ? " form-error" : ""}`}>
      <label className="form-label" htmlFor="poolId">
        Pulje
      </label>
      {error ? <FieldError id="poolId" message={error} /> : null}
      <select className="form-select" id="poolId" name="poolId" defaultValue={value}>
        <option value="">Vælg pulje</option>
        {pools.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
    </div>
  );
}
