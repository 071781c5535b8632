// Two budget versions side by side, per cost category per quarter: the earlier, the later
// and the change, written out ("+50.000,00", "uændret"), so a difference is read in text,
// not only seen as a colour.
import { Fragment } from "react";
import { formatQuarter } from "~/utils/dates";
import { formatOre } from "~/utils/money";
import { TableScroll } from "~/components/table-scroll";
import type { BudgetCategory, BudgetCell } from "./budget-data";

const key = (c: number, q: string) => `${c}|${q}`;

function cellMap(lines: BudgetCell[]) {
  const m = new Map<string, bigint>();
  for (const l of lines) m.set(key(l.categoryId, l.quarter), (m.get(key(l.categoryId, l.quarter)) ?? 0n) + BigInt(l.amountOre));
  return m;
}

const amount = (v: bigint) => formatOre(v, { suffix: false });

function Change({ delta }: { delta: bigint }) {
  if (delta === 0n) return <span className="pp-muted">uændret</span>;
  return (
    <mark className="pp-diff">
      <strong>
        {delta > 0n ? "+" : "−"}
        {amount(delta < 0n ? -delta : delta)}
      </strong>
    </mark>
  );
}

export function BudgetCompare({
  categories,
  quarters,
  before,
  after,
  beforeLabel,
  afterLabel,
  caption,
}: {
  categories: BudgetCategory[];
  quarters: string[];
  before: BudgetCell[];
  after: BudgetCell[];
  beforeLabel: string;
  afterLabel: string;
  caption: string;
}) {
  const b = cellMap(before);
  const a = cellMap(after);
  const sumOf = (m: Map<string, bigint>, c: number) => quarters.reduce((s, q) => s + (m.get(key(c, q)) ?? 0n), 0n);
  const quarterSum = (m: Map<string, bigint>, q: string) => categories.reduce((s, c) => s + (m.get(key(c.id, q)) ?? 0n), 0n);
  const total = (m: Map<string, bigint>) => categories.reduce((s, c) => s + sumOf(m, c.id), 0n);
  const rows = (label: string, value: (q: string) => bigint, sum: bigint) => (
    <>
      <td>{label}</td>
      {quarters.map((q) => (
        <td key={q} className="pp-num">
          {amount(value(q))}
        </td>
      ))}
      <td className="pp-num">{amount(sum)}</td>
    </>
  );
  return (
    <TableScroll label={caption}>
      <table className="table table--compact pp-sticky-first pp-compare">
        <caption className="sr-only">{caption} (kr.)</caption>
        <thead>
          <tr>
            <th scope="col">Budgetpost</th>
            <th scope="col">Version</th>
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
        <tbody>
          {categories.map((c) => {
            const changed = sumOf(a, c.id) !== sumOf(b, c.id) || quarters.some((q) => (a.get(key(c.id, q)) ?? 0n) !== (b.get(key(c.id, q)) ?? 0n));
            return (
              <Fragment key={c.id}>
                <tr>
                  <th scope="rowgroup" rowSpan={3}>
                    {c.label}
                    {changed ? <span className="pp-badge pp-badge-warn"> Ændret</span> : null}
                  </th>
                  {rows(beforeLabel, (q) => b.get(key(c.id, q)) ?? 0n, sumOf(b, c.id))}
                </tr>
                <tr>{rows(afterLabel, (q) => a.get(key(c.id, q)) ?? 0n, sumOf(a, c.id))}</tr>
                <tr>
                  <td>Ændring</td>
                  {quarters.map((q) => (
                    <td key={q} className="pp-num">
                      <Change delta={(a.get(key(c.id, q)) ?? 0n) - (b.get(key(c.id, q)) ?? 0n)} />
                    </td>
                  ))}
                  <td className="pp-num">
                    <Change delta={sumOf(a, c.id) - sumOf(b, c.id)} />
                  </td>
                </tr>
              </Fragment>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <th scope="rowgroup" rowSpan={2}>
              I alt
            </th>
            {rows(beforeLabel, (q) => quarterSum(b, q), total(b))}
          </tr>
          <tr>{rows(afterLabel, (q) => quarterSum(a, q), total(a))}</tr>
        </tfoot>
      </table>
    </TableScroll>
  );
}
