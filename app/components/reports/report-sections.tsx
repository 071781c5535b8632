// The progress report's sections, shared by the municipality's form, the caseworker's review
// and the read-only view: narrative, the four themes (1–5 + text), the indicators, and spend
// per budget line and quarter against the budget in force (the difference shown live).
import { useState, type ReactNode } from "react";
import { FieldError } from "~/components/form";
import { TableScroll } from "~/components/table-scroll";
import { NARRATIVE_LABELS, NARRATIVE_SECTIONS, THEME_LABELS, THEMES, INDICATOR_UNIT_LABELS, type IndicatorUnit } from "~/domain/reports/report-constants";
import { formatQuarter } from "~/utils/dates";
import { formatOre, parseDanishAmount } from "~/utils/money";

export type SectionData = {
  values: Record<string, string>;
  indicators: { id: number; label: string; unit: IndicatorUnit; description: string }[];
  budget: { categories: { id: number; label: string }[]; quarters: string[]; lines: { categoryId: number; quarter: string; amountOre: string }[] };
  /** Reviewer comments per section, shown inline next to it. */
  comments: Record<string, string[]>;
};

type Mode = { kind: "edit"; errors?: Record<string, string> } | { kind: "view" } | { kind: "review"; errors?: Record<string, string>; values?: Record<string, string> };

function Comments({ items }: { items?: string[] }) {
  if (!items?.length) return null;
  return (
    <div className="alert alert-warning pp-report-comment" role="note" aria-label="Kommentar fra ministeriet">
      <div className="alert-body">
        <p className="alert-heading">Kommentar fra ministeriet</p>
        {items.map((c, i) => (
          <p key={i} className="alert-text">
            {c}
          </p>
        ))}
      </div>
    </div>
  );
}

function ReviewComment({ section, label, mode }: { section: string; label: string; mode: Mode }) {
  if (mode.kind !== "review") return null;
  const name = `comment_${section}`;
  const error = mode.errors?.[name];
  return (
    <div className={`form-group${error ? " form-error" : ""}`}>
      <label className="form-label" htmlFor={name}>
        Kommentar til „{label}“ (valgfri)
      </label>
      {error ? <FieldError id={name} message={error} /> : null}
      <textarea id={name} name={name} className="form-input" rows={2} defaultValue={mode.values?.[name] ?? ""} />
    </div>
  );
}

function Shown({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="form-group">
      <p className="form-label">{label}</p>
      <div className="pp-report-value">{children}</div>
    </div>
  );
}

function Text({ name, label, value, mode, rows = 5 }: { name: string; label: string; value: string; mode: Mode; rows?: number }) {
  if (mode.kind !== "edit") return <Shown label={label}>{value ? <p style={{ whiteSpace: "pre-wrap" }}>{value}</p> : <p className="pp-muted">Ikke udfyldt.</p>}</Shown>;
  const error = mode.errors?.[name];
  return (
    <div className={`form-group${error ? " form-error" : ""}`}>
      <label className="form-label" htmlFor={name}>
        {label}
      </label>
      {error ? <FieldError id={name} message={error} /> : null}
      <textarea id={name} name={name} className="form-input" rows={rows} defaultValue={value} aria-invalid={error ? true : undefined} aria-describedby={error ? `${name}-error` : undefined} />
    </div>
  );
}

export function ReportSections({ data, mode }: { data: SectionData; mode: Mode }) {
  const v = data.values;
  const errors = mode.kind === "edit" ? mode.errors : undefined;
  return (
    <>
      <h2>Fortælling</h2>
      {NARRATIVE_SECTIONS.map((s) => (
        <div key={s} id={`section-${s}`}>
          <Comments items={data.comments[s]} />
          <Text name={s} label={NARRATIVE_LABELS[s]} value={v[s] ?? ""} mode={mode} />
          <ReviewComment section={s} label={NARRATIVE_LABELS[s]} mode={mode} />
        </div>
      ))}

      <h2>De fire temaer</h2>
      <p className="pp-muted">Vurdér hvert tema på en skala fra 1 (ingen fremdrift) til 5 (målet er nået), og begrund kort.</p>
      {THEMES.map((t) => {
        const name = `theme_${t}_score`;
        const error = errors?.[name];
        return (
          <div key={t} id={`section-theme-${t}`}>
            <Comments items={data.comments[`theme:${t}`]} />
            {mode.kind === "edit" ? (
              <fieldset className={`form-group${error ? " form-error" : ""}`} id={name}>
                <legend className="form-label">{THEME_LABELS[t]}: vurdering</legend>
                {error ? <FieldError id={name} message={error} /> : null}
                <ul className="nobullet-list pp-inline-radios">
                  {[1, 2, 3, 4, 5].map((n) => (
                    <li key={n} className="form-group-radio" style={{ display: "inline-block", marginRight: "1.5rem" }}>
                      <input type="radio" id={`${name}-${n}`} name={name} value={String(n)} className="form-radio" defaultChecked={v[name] === String(n)} />
                      <label htmlFor={`${name}-${n}`}>{n}</label>
                    </li>
                  ))}
                </ul>
              </fieldset>
            ) : (
              <Shown label={`${THEME_LABELS[t]}: vurdering`}>
                <p>{v[name] ? `${v[name]} af 5` : "Ikke vurderet."}</p>
              </Shown>
            )}
            <Text name={`theme_${t}_note`} label={`${THEME_LABELS[t]}: begrundelse`} value={v[`theme_${t}_note`] ?? ""} mode={mode} rows={3} />
            <ReviewComment section={`theme:${t}`} label={THEME_LABELS[t]} mode={mode} />
          </div>
        );
      })}

      <h2>Indikatorer</h2>
      {data.indicators.length === 0 ? <p className="pp-muted">Tilsagnets rapporteringsplan har ingen indikatorer.</p> : null}
      {data.indicators.map((ind) => {
        const name = `indicator_${ind.id}`;
        const error = errors?.[name];
        const label = `${ind.label} (${INDICATOR_UNIT_LABELS[ind.unit].toLowerCase()})`;
        return (
          <div key={ind.id} id={`section-indicator-${ind.id}`}>
            <Comments items={data.comments[`indicator:${ind.id}`]} />
            {mode.kind === "edit" ? (
              <div className={`form-group${error ? " form-error" : ""}`}>
                <label className="form-label" htmlFor={name}>
                  {label}
                </label>
                {ind.description ? (
                  <span className="form-hint" id={`${name}-hint`}>
                    {ind.description}
                  </span>
                ) : null}
                {error ? <FieldError id={name} message={error} /> : null}
                <input
                  id={name}
                  name={name}
                  className="form-input input-width-s"
                  inputMode="decimal"
                  defaultValue={v[name] ?? ""}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={[ind.description ? `${name}-hint` : "", error ? `${name}-error` : ""].filter(Boolean).join(" ") || undefined}
                />
              </div>
            ) : (
              <Shown label={label}>
                <p>{v[name] ? `${v[name]}${ind.unit === "percent" ? " %" : ""}` : "Ikke udfyldt."}</p>
              </Shown>
            )}
            <Text name={`${name}_comment`} label={`${ind.label}: bemærkning (valgfri)`} value={v[`${name}_comment`] ?? ""} mode={mode} rows={2} />
            <ReviewComment section={`indicator:${ind.id}`} label={ind.label} mode={mode} />
          </div>
        );
      })}

      <div id="section-spend">
        <h2>Forbrug i forhold til budgettet</h2>
        <Comments items={data.comments.spend} />
        <SpendTable data={data} mode={mode} />
        <ReviewComment section="spend" label="Forbrug" mode={mode} />
      </div>
    </>
  );
}

function SpendTable({ data, mode }: { data: SectionData; mode: Mode }) {
  const { categories, quarters, lines } = data.budget;
  const budgetOf = new Map(lines.map((l) => [`${l.categoryId}_${l.quarter}`, BigInt(l.amountOre)]));
  const [typed, setTyped] = useState<Record<string, string>>(() => ({ ...data.values }));
  const errors = mode.kind === "edit" ? mode.errors : undefined;
  if (lines.length === 0) return <p className="pp-muted">Der er intet budget for tilsagnet.</p>;
  const spentOf = (key: string) => parseDanishAmount(typed[`spend_${key}`] ?? "") ?? 0n;
  return (
    <>
      <p className="pp-muted">
        Skriv forbruget indtil nu pr. budgetpost og kvartal i kroner. Forskellen til det godkendte budget vises med det samme. Et forbrug over budgetposten skal forklares.
      </p>
      <TableScroll label="Forbrug pr. budgetpost og kvartal">
        <table className="table table--compact">
          <caption className="sr-only">Forbrug pr. budgetpost og kvartal mod det godkendte budget</caption>
          <thead>
            <tr>
              <th scope="col">Budgetpost</th>
              <th scope="col">Kvartal</th>
              <th scope="col" className="text-align-right">
                Budget
              </th>
              <th scope="col">Forbrug</th>
              <th scope="col" className="text-align-right">
                Forskel
              </th>
              <th scope="col">Forklaring</th>
            </tr>
          </thead>
          <tbody>
            {categories.flatMap((c) =>
              quarters
                .filter((q) => budgetOf.has(`${c.id}_${q}`))
                .map((q) => {
                  const key = `${c.id}_${q}`;
                  const budget = budgetOf.get(key) ?? 0n;
                  const spent = spentOf(key);
                  const diff = spent - budget;
                  const name = `spend_${key}`;
                  const label = `${c.label}, ${formatQuarter(q)}`;
                  const explanationError = errors?.[`${name}_explanation`];
                  return (
                    <tr key={key} className={diff > 0n ? "pp-over-budget" : undefined}>
                      <th scope="row">{c.label}</th>
                      <td>{formatQuarter(q)}</td>
                      <td className="text-align-right">{formatOre(budget)}</td>
                      <td>
                        {mode.kind === "edit" ? (
                          <>
                            {errors?.[name] ? <FieldError id={name} message={errors[name]} /> : null}
                            <input
                              id={name}
                              name={name}
                              className="form-input input-width-s"
                              inputMode="decimal"
                              aria-label={`Forbrug: ${label}`}
                              value={typed[name] ?? ""}
                              onChange={(e) => setTyped((t) => ({ ...t, [name]: e.target.value }))}
                              aria-invalid={errors?.[name] ? true : undefined}
                            />
                          </>
                        ) : (
                          formatOre(spent)
                        )}
                      </td>
                      <td className="text-align-right" data-testid={`diff-${key}`}>
                        {diff > 0n ? `+${formatOre(diff)}` : formatOre(diff)}
                        {diff > 0n ? <span className="sr-only"> over budgettet</span> : null}
                      </td>
                      <td>
                        {mode.kind === "edit" ? (
                          <>
                            {explanationError ? <FieldError id={`${name}_explanation`} message={explanationError} /> : null}
                            <input
                              id={`${name}_explanation`}
                              name={`${name}_explanation`}
                              className="form-input"
                              aria-label={`Forklaring: ${label}`}
                              defaultValue={data.values[`${name}_explanation`] ?? ""}
                              aria-invalid={explanationError ? true : undefined}
                            />
                          </>
                        ) : (
                          (data.values[`${name}_explanation`] ?? "")
                        )}
                      </td>
                    </tr>
                  );
                }),
            )}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}
