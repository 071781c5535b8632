// The call's eligible cost categories: one text input per row, posted as `categories[]`
// with the stored id beside it (`categoryId[]`), so a renamed category keeps its budget lines.
import { useRef, useState } from "react";
import { FieldError } from "~/components/form";
import { useRowFocus } from "./row-focus";
import { newKey, type CategoryRow } from "./rows";

export function CategoryFields({
  initial,
  errorOf,
  termsLocked,
  hydrated,
}: {
  initial: CategoryRow[];
  errorOf: (name: string) => string | undefined;
  /** A published call past its deadline: the categories are fixed. */
  termsLocked?: boolean;
  hydrated: boolean;
}) {
  const [rows, setRows] = useState(initial);
  const ref = useRef<HTMLFieldSetElement>(null);
  const focusRow = useRowFocus(ref, "categories[]", rows.length);
  const error = errorOf("categories[]");
  return (
    <fieldset ref={ref} className={`form-group${error ? " form-error" : ""}`} id="categories[]" tabIndex={-1}>
      <legend className="form-label">Støtteberettigede udgiftskategorier</legend>
      <span className="form-hint">
        {termsLocked
          ? "Fristen er overskredet, så kategorierne kan ikke ændres."
          : "Tomme rækker ignoreres. Ryd en række for at fjerne kategorien."}
      </span>
      {error ? <FieldError id="categories" message={error} /> : null}
      {rows.map((row, i) => {
        const name = `categories[].${i}`;
        return (
          <div key={row.key} className={errorOf(name) ? "form-error" : undefined}>
            {errorOf(name) ? <FieldError id={name} message={errorOf(name)} /> : null}
            <div className="pp-actions" style={{ margin: "0.8rem 0" }}>
              <input type="hidden" name="categoryId[]" value={row.id} />
              <input
                className="form-input"
                id={name}
                name="categories[]"
                aria-label={`Kategori ${i + 1}`}
                aria-invalid={errorOf(name) ? true : undefined}
                defaultValue={row.label}
                readOnly={termsLocked}
                maxLength={120}
              />
              {hydrated && !termsLocked ? (
                <button
                  type="button"
                  className="button button-tertiary"
                  onClick={() => {
                    focusRow(i);
                    setRows((all) => all.filter((r) => r.key !== row.key));
                  }}
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
          data-add-row
          onClick={() => {
            focusRow(rows.length);
            setRows((all) => [...all, { key: newKey(), id: "", label: "" }]);
          }}
        >
          Tilføj kategori
        </button>
      ) : null}
    </fieldset>
  );
}
