// The assessment criteria and their weights, with the running sum of the weights
// (which must reach 100) shown as the caseworker types.
import { useRef, useState } from "react";
import { FieldError } from "~/components/form";
import { useRowFocus } from "./row-focus";
import { newKey, weightSum, type CriterionRow } from "./rows";

function typedWeights(root: HTMLElement | null): string[] {
  if (!root) return [];
  return Array.from(root.querySelectorAll<HTMLInputElement>('input[name="criterionWeight[]"]')).map((i) => i.value);
}

export function CriteriaFields({
  initial,
  errorOf,
  hydrated,
}: {
  initial: CriterionRow[];
  errorOf: (name: string) => string | undefined;
  hydrated: boolean;
}) {
  const [rows, setRows] = useState(initial);
  const [sum, setSum] = useState(() => weightSum(initial.map((r) => r.weight)));
  const ref = useRef<HTMLFieldSetElement>(null);
  const focusRow = useRowFocus(ref, "criterionLabel[]", rows.length);
  const recount = () => setSum(weightSum(typedWeights(ref.current)));
  const error = errorOf("criteria");
  return (
    <fieldset
      ref={ref}
      className={`form-group${error ? " form-error" : ""}`}
      id="criteria"
      tabIndex={-1}
      onChange={recount}
    >
      <legend className="form-label">Vurderingskriterier og vægte</legend>
      <span className="form-hint" id="criteria-hint">
        Vægtene er i procent og skal tilsammen give 100. Tomme rækker ignoreres.
      </span>
      {error ? <FieldError id="criteria" message={error} /> : null}
      <div className="pp-table-wrap">
        <table className="table table--compact">
          <thead>
            <tr>
              <th scope="col">Kriterium</th>
              <th scope="col">Beskrivelse (valgfri)</th>
              <th scope="col">Vægt (%)</th>
              {hydrated ? (
                <th scope="col">
                  <span className="sr-only">Handling</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <CriterionRowFields
                key={row.key}
                row={row}
                index={i}
                errorOf={errorOf}
                onRemove={
                  hydrated
                    ? () => {
                        focusRow(i);
                        setRows((all) => all.filter((r) => r.key !== row.key));
                        requestAnimationFrame(recount);
                      }
                    : undefined
                }
              />
            ))}
          </tbody>
        </table>
      </div>
      {hydrated ? (
        <div className="pp-actions">
          <button
            type="button"
            className="button button-secondary"
            data-add-row
            onClick={() => {
              focusRow(rows.length);
              setRows((all) => [...all, { key: newKey(), id: "", label: "", description: "", weight: "" }]);
            }}
          >
            Tilføj kriterium
          </button>
          <span aria-live="polite">
            Sum af vægte: <strong>{sum ?? "–"}</strong> af 100
          </span>
        </div>
      ) : null}
    </fieldset>
  );
}

function CriterionRowFields({
  row,
  index: i,
  errorOf,
  onRemove,
}: {
  row: CriterionRow;
  index: number;
  errorOf: (name: string) => string | undefined;
  onRemove?: () => void;
}) {
  const labelName = `criterionLabel[].${i}`;
  const descName = `criterionDescription[].${i}`;
  const weightName = `criterionWeight[].${i}`;
  const rowError = errorOf(labelName) ?? errorOf(descName) ?? errorOf(weightName);
  return (
    <tr className={rowError ? "form-error" : undefined}>
      <td>
        <input type="hidden" name="criterionId[]" value={row.id} />
        {errorOf(labelName) ? <FieldError id={labelName} message={errorOf(labelName)} /> : null}
        <input
          className="form-input"
          id={labelName}
          name="criterionLabel[]"
          aria-label={`Kriterium ${i + 1}`}
          aria-invalid={errorOf(labelName) ? true : undefined}
          defaultValue={row.label}
          maxLength={200}
        />
      </td>
      <td>
        {errorOf(descName) ? <FieldError id={descName} message={errorOf(descName)} /> : null}
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
        {errorOf(weightName) ? <FieldError id={weightName} message={errorOf(weightName)} /> : null}
        <input
          className="form-input input-width-xs"
          id={weightName}
          name="criterionWeight[]"
          inputMode="numeric"
          aria-label={`Vægt for kriterium ${i + 1} i procent`}
          aria-invalid={errorOf(weightName) ? true : undefined}
          defaultValue={row.weight}
        />
      </td>
      {onRemove ? (
        <td>
          <button type="button" className="button button-tertiary" onClick={onRemove}>
            Fjern<span className="sr-only"> kriterium {i + 1}</span>
          </button>
        </td>
      ) : null}
    </tr>
  );
}
