// The budget grid: rows are the call's cost categories, columns the project's quarters,
// with totals per row, per quarter and in all (bigint øre; never floating point).
import type { ReactNode } from "react";
import type { FieldValues, UseFormRegister } from "react-hook-form";
import { budgetKey, totalsFromInputs, type BudgetGrid, type BudgetTotals } from "~/domain/applications/budget";
import { formatQuarter } from "~/utils/dates";
import { formatOre } from "~/utils/money";
import { TableScroll } from "~/components/table-scroll";

type Category = { id: number; label: string };

function gridOf(categories: Category[], quarters: string[]): BudgetGrid {
  return { categoryIds: categories.map((c) => c.id), quarters };
}

function TotalsRow({ quarters, totals }: { quarters: string[]; totals: BudgetTotals }) {
  return (
    <tr>
      <th scope="row">I alt</th>
      {quarters.map((q) => (
        <td key={q} className="pp-num">
          <strong>{formatOre(totals.byQuarter.get(q) ?? 0n, { suffix: false })}</strong>
        </td>
      ))}
      <td className="pp-num" data-testid="budget-total">
        <strong>{formatOre(totals.total)}</strong>
      </td>
    </tr>
  );
}

function Head({ quarters }: { quarters: string[] }) {
  return (
    <thead>
      <tr>
        <th scope="col">Udgiftskategori</th>
        {quarters.map((q) => (
          <th key={q} scope="col" className="pp-num">
            {formatQuarter(q)}
          </th>
        ))}
        <th scope="col" className="pp-num">
          I alt
        </th>
      </tr>
    </thead>
  );
}

export function BudgetEditor({
  categories,
  quarters,
  values,
  register,
  errorOf,
  maxOre,
  error,
  hint,
  summary,
}: {
  categories: Category[];
  quarters: string[];
  values: Record<string, unknown>;
  register: UseFormRegister<FieldValues>;
  errorOf: (name: string) => string | undefined;
  maxOre: string | null;
  error?: string;
  /** Replaces the application's hint (the budget change form says what it must add up to). */
  hint?: string;
  /** Replaces the application's total line under the grid (given the live totals). */
  summary?: (totals: BudgetTotals) => ReactNode;
}) {
  const totals = totalsFromInputs(gridOf(categories, quarters), values);
  const overMax = maxOre !== null && totals.total > BigInt(maxOre);
  return (
    <fieldset id="budget" className={error ? "form-error" : undefined} aria-describedby="budget-hint">
      <legend className="h3">Budget</legend>
      <p className="form-hint" id="budget-hint">
        {hint ?? "Skriv beløbet i kroner for hver udgiftskategori og hvert kvartal, fx 125.000,00. Tomme felter tæller som 0 kr."}
        {maxOre !== null ? ` Der kan højst søges ${formatOre(maxOre)}` : ""}
      </p>
      {error ? (
        <span className="form-error-message" role="alert">
          <span className="sr-only">Fejl: </span>
          {error}
        </span>
      ) : null}
      <TableScroll label="Budget">
        <table className="table table--compact pp-sticky-first">
          <caption className="sr-only">Budget pr. udgiftskategori og kvartal</caption>
          <Head quarters={quarters} />
          <tbody>
            {categories.map((c) => (
              <tr key={c.id}>
                <th scope="row">{c.label}</th>
                {quarters.map((q) => {
                  const name = budgetKey(c.id, q);
                  const cellError = errorOf(name);
                  return (
                    <td key={q} className={cellError ? "form-error" : undefined}>
                      <input
                        id={name}
                        className="form-input pp-num"
                        style={{ width: "13rem", minWidth: "13rem", maxWidth: "none" }}
                        inputMode="decimal"
                        autoComplete="off"
                        aria-label={`${c.label}, ${formatQuarter(q)}`}
                        aria-invalid={cellError ? true : undefined}
                        aria-describedby={cellError ? `${name}-error` : undefined}
                        defaultValue={String(values[name] ?? "")}
                        {...register(name)}
                      />
                      {cellError ? (
                        <span className="form-error-message" id={`${name}-error`}>
                          {cellError}
                        </span>
                      ) : null}
                    </td>
                  );
                })}
                <td className="pp-num">{formatOre(totals.byCategory.get(c.id) ?? 0n, { suffix: false })}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <TotalsRow quarters={quarters} totals={totals} />
          </tfoot>
        </table>
      </TableScroll>
      {summary ? (
        summary(totals)
      ) : (
        <p aria-live="polite">
          Ansøgt beløb i alt: <strong>{formatOre(totals.total)}</strong>
          {overMax ? <span className="pp-badge pp-badge-warn"> Over det højeste beløb, der kan søges</span> : null}
        </p>
      )}
    </fieldset>
  );
}

export function BudgetTable({
  categories,
  quarters,
  values,
}: {
  categories: Category[];
  quarters: string[];
  values: Record<string, unknown>;
}) {
  const totals = totalsFromInputs(gridOf(categories, quarters), values);
  return (
    <TableScroll label="Budget">
      <table className="table table--zebra table--compact pp-sticky-first">
        <caption className="sr-only">Budget pr. udgiftskategori og kvartal (kr.)</caption>
        <Head quarters={quarters} />
        <tbody>
          {categories.map((c) => (
            <tr key={c.id}>
              <th scope="row">{c.label}</th>
              {quarters.map((q) => {
                const v = values[budgetKey(c.id, q)];
                return (
                  <td key={q} className="pp-num">
                    {typeof v === "string" && v !== "" ? v : "0,00"}
                  </td>
                );
              })}
              <td className="pp-num">{formatOre(totals.byCategory.get(c.id) ?? 0n, { suffix: false })}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <TotalsRow quarters={quarters} totals={totals} />
        </tfoot>
      </table>
    </TableScroll>
  );
}
