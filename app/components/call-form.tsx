// The call (opslag) form for /calls/new and /calls/:id/edit. Repeated rows (cost
// categories, criteria, municipalities) post as `name[]` arrays, so the browser checks
// the form's own FormData against the same zod schema the server uses (react-hook-form
// cannot register several inputs under one `name[]`). Without JavaScript the empty
// spare rows stand in for "Tilføj" and the server answers with the same messages.
import { Form, Link, useNavigation } from "@remix-run/react";
import { useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { FormErrorSummary, TextArea, TextField } from "~/components/form";
import { callFormSchema, MUNICIPALITY_COUNT, type CallFormValues } from "~/domain/calls/call-schema";
import { issuesToErrors } from "~/utils/form-errors";

export type MunicipalityOption = { code: string; name: string; region: string };
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

const SPARE_ROWS = 3;

function formValues(form: HTMLFormElement): Record<string, unknown> {
  const data = new FormData(form);
  const out: Record<string, unknown> = {};
  for (const key of new Set(data.keys())) {
    const all = data.getAll(key).map(String);
    out[key] = key.endsWith("[]") || all.length > 1 ? all : all[0];
  }
  return out;
}

const arr = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
const str = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? "") : (v ?? ""));

let nextKey = 0;
const key = () => `row-${nextKey++}`;

type CategoryRow = { key: string; id: string; label: string };
type CriterionRow = { key: string; id: string; label: string; description: string; weight: string };

function categoryRows(values: CallFormValues): CategoryRow[] {
  const ids = arr(values["categoryId[]"]);
  const rows = arr(values["categories[]"]).map((label, i) => ({ key: `c${i}`, id: ids[i] ?? "", label }));
  for (let i = 0; i < SPARE_ROWS; i++) rows.push({ key: `c-spare${i}`, id: "", label: "" });
  return rows;
}

function criterionRows(values: CallFormValues): CriterionRow[] {
  const ids = arr(values["criterionId[]"]);
  const descriptions = arr(values["criterionDescription[]"]);
  const weights = arr(values["criterionWeight[]"]);
  const rows = arr(values["criterionLabel[]"]).map((label, i) => ({
    key: `k${i}`,
    id: ids[i] ?? "",
    label,
    description: descriptions[i] ?? "",
    weight: weights[i] ?? "",
  }));
  for (let i = 0; i < SPARE_ROWS; i++) rows.push({ key: `k-spare${i}`, id: "", label: "", description: "", weight: "" });
  return rows;
}

function weightSum(form: HTMLFormElement | null) {
  if (!form) return null;
  let sum = 0;
  for (const input of Array.from(form.querySelectorAll<HTMLInputElement>('input[name="criterionWeight[]"]'))) {
    const v = input.value.trim();
    if (v === "") continue;
    if (!/^\d+$/.test(v)) return null;
    sum += Number(v);
  }
  return sum;
}

export function CallForm({ values, serverErrors, pools, municipalities, termsLocked, submitLabel, cancelTo }: Props) {
  const navigation = useNavigation();
  const formRef = useRef<HTMLFormElement>(null);
  const [hydrated, setHydrated] = useState(false);
  const [clientErrors, setClientErrors] = useState<Record<string, string> | null>(null);
  const [categories, setCategories] = useState(() => categoryRows(values));
  const [criteria, setCriteria] = useState(() => criterionRows(values));
  const [eligibility, setEligibility] = useState(str(values.eligibility) || "all");
  const [sum, setSum] = useState<number | null>(() =>
    arr(values["criterionWeight[]"]).reduce<number | null>((acc, w) => {
      if (acc === null) return null;
      if (w.trim() === "") return acc;
      return /^\d+$/.test(w.trim()) ? acc + Number(w) : null;
    }, 0),
  );
  useEffect(() => setHydrated(true), []);
  // A fresh answer from the server replaces what the browser found.
  useEffect(() => setClientErrors(null), [serverErrors]);

  const errors = clientErrors ?? serverErrors ?? {};
  const fieldErrors = Object.fromEntries(Object.entries(errors).filter(([k]) => k !== "form"));
  const selected = useMemo(() => new Set(arr(values["municipalities[]"])), [values]);
  const regions = useMemo(() => {
    const byRegion = new Map<string, MunicipalityOption[]>();
    for (const m of municipalities) byRegion.set(m.region, [...(byRegion.get(m.region) ?? []), m]);
    return [...byRegion.entries()];
  }, [municipalities]);

  function validate(form: HTMLFormElement) {
    const result = callFormSchema.safeParse(formValues(form));
    return result.success ? null : issuesToErrors(result.error.issues);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const found = validate(event.currentTarget);
    setClientErrors(found ?? {});
    if (found) {
      event.preventDefault();
      requestAnimationFrame(() => document.getElementById("error-summary-heading")?.parentElement?.parentElement?.focus());
    }
  }

  function onChange(event: FormEvent<HTMLFormElement>) {
    setSum(weightSum(event.currentTarget));
    if (clientErrors && Object.keys(clientErrors).length > 0) setClientErrors(validate(event.currentTarget) ?? {});
  }

  function selectRegion(region: string, checked: boolean) {
    const boxes = formRef.current?.querySelectorAll<HTMLInputElement>(`input[data-region="${CSS.escape(region)}"]`);
    boxes?.forEach((b) => (b.checked = checked));
  }

  const err = (name: string) => errors[name];
  const busy = navigation.state === "submitting";
  const poolId = str(values.poolId);

  return (
    <Form method="post" noValidate ref={formRef} onSubmit={onSubmit} onChange={onChange}>
      {errors.form ? (
        <div className="alert alert-error" role="alert">
          <div className="alert-body">
            <p className="alert-heading">Opslaget blev ikke gemt</p>
            <p className="alert-text">{errors.form}</p>
          </div>
        </div>
      ) : null}
      <FormErrorSummary errors={fieldErrors} />

      {pools.length === 1 ? (
        <input type="hidden" name="poolId" value={String(pools[0].id)} />
      ) : (
        <div className={`form-group${err("poolId") ? " form-error" : ""}`}>
          <label className="form-label" htmlFor="poolId">
            Pulje
          </label>
          {err("poolId") ? <FieldError id="poolId" message={err("poolId")} /> : null}
          <select className="form-select" id="poolId" name="poolId" defaultValue={poolId}>
            <option value="">Vælg pulje</option>
            {pools.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
      )}

      <TextField name="title" label="Titel" defaultValue={str(values.title)} error={err("title")} maxLength={200} />
      <TextArea
        name="purpose"
        label="Formål"
        hint="Puljens formål, som det skal stå i opslaget."
        defaultValue={str(values.purpose)}
        error={err("purpose")}
      />

      <fieldset className={`form-group${err("categories[]") ? " form-error" : ""}`} id="categories[]" tabIndex={-1}>
        <legend className="form-label">Støtteberettigede udgiftskategorier</legend>
        <span className="form-hint">
          {termsLocked
            ? "Fristen er overskredet, så kategorierne kan ikke ændres."
            : "Tomme rækker ignoreres. Ryd en række for at fjerne kategorien."}
        </span>
        {err("categories[]") ? <FieldError id="categories" message={err("categories[]")} /> : null}
        {categories.map((row, i) => {
          const name = `categories[].${i}`;
          return (
            <div key={row.key} className={err(name) ? "form-error" : undefined}>
              {err(name) ? <FieldError id={name} message={err(name)} /> : null}
              <div className="pp-actions" style={{ margin: "0.8rem 0" }}>
                <input type="hidden" name="categoryId[]" value={row.id} />
                <input
                  className="form-input"
                  id={name}
                  name="categories[]"
                  aria-label={`Kategori ${i + 1}`}
                  aria-invalid={err(name) ? true : undefined}
                  defaultValue={row.label}
                  readOnly={termsLocked}
                  maxLength={120}
                />
                {hydrated && !termsLocked ? (
                  <button
                    type="button"
                    className="button button-tertiary"
                    onClick={() => setCategories((rows) => rows.filter((r) => r.key !== row.key))}
                  >
                    Fjern<span className="sr-only"> kategori {i + 1}</span>
                  </button>
                ) : null}
              </div>
            </div>
          );
        })}
        {hydrated && !termsLocked ? (
          <button
            type="button"
            className="button button-secondary"
            onClick={() => setCategories((rows) => [...rows, { key: key(), id: "", label: "" }])}
          >
            Tilføj kategori
          </button>
        ) : null}
      </fieldset>

      <fieldset className="form-group">
        <legend className="form-label">Projektperiode</legend>
        <div className="pp-filters">
          <TextField name="projectStart" label="Start" type="date" defaultValue={str(values.projectStart)} error={err("projectStart")} />
          <TextField name="projectEnd" label="Slut" type="date" defaultValue={str(values.projectEnd)} error={err("projectEnd")} />
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
            error={err("deadlineDate")}
            readOnly={termsLocked}
          />
          <TextField
            name="deadlineTime"
            label="Klokkeslæt"
            type="time"
            defaultValue={str(values.deadlineTime)}
            error={err("deadlineTime")}
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
        error={err("expectedGrants")}
      />
      <TextField
        name="maxAmount"
        label="Maksimalt beløb pr. ansøgning (valgfrit)"
        hint="I kroner, fx 2.000.000,00. Lad feltet stå tomt, hvis der ikke er et loft."
        inputMode="decimal"
        defaultValue={str(values.maxAmount)}
        error={err("maxAmount")}
      />

      <fieldset className={`form-group${err("criteria") ? " form-error" : ""}`} id="criteria" tabIndex={-1}>
        <legend className="form-label">Vurderingskriterier og vægte</legend>
        <span className="form-hint" id="criteria-hint">
          Vægtene er i procent og skal tilsammen give 100. Tomme rækker ignoreres.
        </span>
        {err("criteria") ? <FieldError id="criteria" message={err("criteria")} /> : null}
        <div className="pp-table-wrap">
          <table className="table table--compact">
            <thead>
              <tr>
                <th scope="col">Kriterium</th>
                <th scope="col">Beskrivelse (valgfri)</th>
                <th scope="col">Vægt (%)</th>
                {hydrated ? <th scope="col"><span className="sr-only">Handling</span></th> : null}
              </tr>
            </thead>
            <tbody>
              {criteria.map((row, i) => {
                const labelName = `criterionLabel[].${i}`;
                const descName = `criterionDescription[].${i}`;
                const weightName = `criterionWeight[].${i}`;
                const rowError = err(labelName) ?? err(descName) ?? err(weightName);
                return (
                  <tr key={row.key} className={rowError ? "form-error" : undefined}>
                    <td>
                      <input type="hidden" name="criterionId[]" value={row.id} />
                      {err(labelName) ? <FieldError id={labelName} message={err(labelName)} /> : null}
                      <input
                        className="form-input"
                        id={labelName}
                        name="criterionLabel[]"
                        aria-label={`Kriterium ${i + 1}`}
                        aria-invalid={err(labelName) ? true : undefined}
                        defaultValue={row.label}
                        maxLength={200}
                      />
                    </td>
                    <td>
                      {err(descName) ? <FieldError id={descName} message={err(descName)} /> : null}
                      <input
                        className="form-input"
                        id={descName}
                        name="criterionDescription[]"
                        aria-label={`Beskrivelse af kriterium ${i + 1}`}
                        defaultValue={row.description}
                        maxLength={1000}
                      />
                    </td>
                    <td>
                      {err(weightName) ? <FieldError id={weightName} message={err(weightName)} /> : null}
                      <input
                        className="form-input input-width-xs"
                        id={weightName}
                        name="criterionWeight[]"
                        inputMode="numeric"
                        aria-label={`Vægt for kriterium ${i + 1} i procent`}
                        aria-invalid={err(weightName) ? true : undefined}
                        defaultValue={row.weight}
                      />
                    </td>
                    {hydrated ? (
                      <td>
                        <button
                          type="button"
                          className="button button-tertiary"
                          onClick={() => {
                            setCriteria((rows) => rows.filter((r) => r.key !== row.key));
                            requestAnimationFrame(() => setSum(weightSum(formRef.current)));
                          }}
                        >
                          Fjern<span className="sr-only"> kriterium {i + 1}</span>
                        </button>
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {hydrated ? (
          <div className="pp-actions">
            <button
              type="button"
              className="button button-secondary"
              onClick={() => setCriteria((rows) => [...rows, { key: key(), id: "", label: "", description: "", weight: "" }])}
            >
              Tilføj kriterium
            </button>
            <span aria-live="polite">
              Sum af vægte: <strong>{sum ?? "–"}</strong> af 100
            </span>
          </div>
        ) : null}
      </fieldset>

      <fieldset className={`form-group${err("municipalities[]") ? " form-error" : ""}`} id="municipalities[]" tabIndex={-1}>
        <legend className="form-label">Hvilke kommuner kan søge?</legend>
        {err("eligibility") ? <FieldError id="eligibility" message={err("eligibility")} /> : null}
        {err("municipalities[]") ? <FieldError id="municipalities" message={err("municipalities[]")} /> : null}
        <ul className="nobullet-list">
          <li>
            <input
              className="form-radio"
              type="radio"
              id="eligibility-all"
              name="eligibility"
              value="all"
              defaultChecked={eligibility === "all"}
              onChange={() => setEligibility("all")}
            />
            <label htmlFor="eligibility-all">Alle {MUNICIPALITY_COUNT} kommuner</label>
          </li>
          <li>
            <input
              className="form-radio"
              type="radio"
              id="eligibility-selected"
              name="eligibility"
              value="selected"
              defaultChecked={eligibility === "selected"}
              onChange={() => setEligibility("selected")}
            />
            <label htmlFor="eligibility-selected">Kun de kommuner, der er markeret herunder</label>
          </li>
        </ul>
        <details open={!hydrated || eligibility === "selected"}>
          <summary>Vælg kommuner</summary>
          {regions.map(([region, list]) => (
            <fieldset key={region} className="form-group">
              <legend className="form-label">Region {region}</legend>
              {hydrated ? (
                <div className="pp-actions" style={{ margin: "0.4rem 0" }}>
                  <button type="button" className="button button-tertiary" onClick={() => selectRegion(region, true)}>
                    Markér alle i Region {region}
                  </button>
                  <button type="button" className="button button-tertiary" onClick={() => selectRegion(region, false)}>
                    Fjern markering
                  </button>
                </div>
              ) : null}
              <ul className="nobullet-list" style={{ columns: "16rem" }}>
                {list.map((m) => (
                  <li key={m.code}>
                    <input
                      className="form-checkbox"
                      type="checkbox"
                      id={`m-${m.code}`}
                      name="municipalities[]"
                      value={m.code}
                      data-region={region}
                      defaultChecked={selected.has(m.code)}
                    />
                    <label htmlFor={`m-${m.code}`}>{m.name}</label>
                  </li>
                ))}
              </ul>
            </fieldset>
          ))}
        </details>
      </fieldset>

      <div className="pp-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? "Gemmer …" : submitLabel}
        </button>
        <Link to={cancelTo}>Annullér</Link>
      </div>
    </Form>
  );
}

function FieldError({ id, message }: { id: string; message?: string }) {
  return (
    <span className="form-error-message" id={`${id}-error`} role="alert">
      <span className="sr-only">Fejl: </span>
      {message}
    </span>
  );
}
