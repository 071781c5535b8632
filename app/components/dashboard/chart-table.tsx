// A chart's numbers as a table (in a <details>, open by a click or the keyboard, no script)
// and its exports: the same table model the CSV and XLSX are built from.
import { TableScroll } from "~/components/table-scroll";
import { formatCell, type DashboardTable } from "~/domain/dashboard/tables";

export function ChartTable({ table, poolId }: { table: DashboardTable; poolId: number }) {
  const href = (format: "csv" | "xlsx") => `/dashboard/export?pool=${poolId}&table=${table.key}&format=${format}`;
  return (
    <div className="pp-chart-data" data-testid={`table-${table.key}`}>
      <details>
        <summary>Vis tallene som tabel: {table.title}</summary>
        <TableScroll label={table.title}>
          <table className="table table--zebra table--compact">
            <caption className="sr-only">{table.title}</caption>
            <thead>
              <tr>
                {table.columns.map((c) => (
                  <th key={c.label} scope="col" className={c.kind === "text" || c.kind === "date" ? undefined : "pp-num"}>
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((r, i) => (
                <tr key={i}>
                  {r.map((v, j) =>
                    j === 0 ? (
                      <th key={j} scope="row">
                        {formatCell(table.columns[j]!.kind, v)}
                      </th>
                    ) : (
                      <td key={j} className={table.columns[j]!.kind === "text" || table.columns[j]!.kind === "date" ? undefined : "pp-num"}>
                        {formatCell(table.columns[j]!.kind, v)}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </details>
      <p className="pp-chart-exports">
        Hent tabellen: <a href={href("csv")}>{`${table.title} som CSV`}</a> · <a href={href("xlsx")}>{`${table.title} som Excel (XLSX)`}</a>
      </p>
    </div>
  );
}
