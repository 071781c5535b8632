// Two versions of a progress report side by side; the fields that changed are marked.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { found, requirePermission } from "~/auth/guards.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { getDb } from "~/db.server";
import { INDICATOR_UNIT_LABELS, NARRATIVE_LABELS, NARRATIVE_SECTIONS, REPORT_DUE_KIND_LABELS, THEME_LABELS, THEMES } from "~/domain/reports/report-constants";
import { changedFields, contentToValues, type ReportContent } from "~/domain/reports/report-rules";
import { compareVersions } from "~/domain/reports/queries.server";
import { formatDateTime, formatQuarter } from "~/utils/dates";
import { formatOre, oreToInput } from "~/utils/money";
import { idParam, parseId } from "~/utils/params.server";

export const meta: MetaFunction = () => [{ title: "Sammenlign versioner · Puljeportal" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "report:read");
  const db = await getDb();
  const reportId = idParam(params.reportId);
  const url = new URL(request.url);
  // Default: the newest version against the one before it.
  const probe = found(await compareVersions(db, actor, reportId, 0, 0), "Rapporten findes ikke.");
  const nos = probe.detail.versions.map((v) => v.versionNo);
  const newest = nos[nos.length - 1] ?? 1;
  const b = parseId(url.searchParams.get("b")) ?? newest;
  const a = parseId(url.searchParams.get("a")) ?? Math.max(1, b - 1);
  const c = found(await compareVersions(db, actor, reportId, a, b), "Rapporten findes ikke.");
  const d = c.detail;
  type Row = { field: string; label: string; left: string; right: string; changed: boolean };
  let rows: Row[] = [];
  if (c.left && c.right) {
    const changed = changedFields(c.left.content, c.right.content);
    const lv = contentToValues(c.left.content, oreToInput);
    const rv = contentToValues(c.right.content, oreToInput);
    const row = (field: string, label: string, fmt: (v: string) => string = (v) => v) => ({ field, label, left: fmt(lv[field] ?? ""), right: fmt(rv[field] ?? ""), changed: changed.has(field) });
    rows = [
      ...NARRATIVE_SECTIONS.map((s) => row(s, NARRATIVE_LABELS[s])),
      ...THEMES.flatMap((t) => [row(`theme_${t}_score`, `${THEME_LABELS[t]}: vurdering`), row(`theme_${t}_note`, `${THEME_LABELS[t]}: begrundelse`)]),
      ...d.indicators.flatMap((i) => [row(`indicator_${i.id}`, `${i.label} (${INDICATOR_UNIT_LABELS[i.unit].toLowerCase()})`), row(`indicator_${i.id}_comment`, `${i.label}: bemærkning`)]),
      ...spendRows(c.left.content, c.right.content, d.budget.categories, changed),
    ];
  }
  return {
    id: d.report.id,
    grantId: d.report.grantId,
    label: d.label || REPORT_DUE_KIND_LABELS[d.report.kind],
    municipalityName: d.municipalityName,
    versions: d.versions.map((v) => ({ no: v.versionNo, text: `Version ${v.versionNo}${v.submittedAt ? ` (indsendt ${formatDateTime(v.submittedAt)})` : " (kladde)"}` })),
    a,
    b,
    found: Boolean(c.left && c.right),
    rows,
    changedCount: rows.filter((r) => r.changed).length,
  };
}

function spendRows(a: ReportContent, b: ReportContent, categories: { id: number; label: string }[], changed: Set<string>) {
  const keys = [...new Set([...Object.keys(a.spend), ...Object.keys(b.spend)])].sort();
  const name = (id: number) => categories.find((c) => c.id === id)?.label ?? `Post ${id}`;
  return keys.flatMap((k) => {
    const [cat, q] = k.split("|");
    const label = `Forbrug: ${name(Number(cat))}, ${formatQuarter(q)}`;
    return [
      { field: `spend_${cat}_${q}`, label, left: formatOre(a.spend[k]?.amountOre ?? 0n), right: formatOre(b.spend[k]?.amountOre ?? 0n), changed: changed.has(`spend_${cat}_${q}`) },
      { field: `spend_${cat}_${q}_explanation`, label: `${label}: forklaring`, left: a.spend[k]?.explanation ?? "", right: b.spend[k]?.explanation ?? "", changed: changed.has(`spend_${cat}_${q}_explanation`) },
    ].filter((r) => r.changed || r.left || r.right);
  });
}

export default function CompareVersions() {
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <Breadcrumbs
        trail={[
          { to: "/reports", label: "Statusrapporter" },
          { to: `/reports/${d.id}`, label: `${d.label}: ${d.municipalityName}` },
        ]}
        current="Sammenlign versioner"
      />
      <h1>Sammenlign versioner</h1>
      <p>
        {d.label}: {d.municipalityName}. <Link to={`/reports/${d.id}`}>Tilbage til rapporten</Link>
      </p>
      <Form method="get" className="pp-filters">
        <div className="form-group">
          <label className="form-label" htmlFor="a">
            Venstre
          </label>
          <select id="a" name="a" className="form-select" defaultValue={String(d.a)}>
            {d.versions.map((v) => (
              <option key={v.no} value={v.no}>
                {v.text}
              </option>
            ))}
          </select>
        </div>
        <div className="form-group">
          <label className="form-label" htmlFor="b">
            Højre
          </label>
          <select id="b" name="b" className="form-select" defaultValue={String(d.b)}>
            {d.versions.map((v) => (
              <option key={v.no} value={v.no}>
                {v.text}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button-secondary">
          Sammenlign
        </button>
      </Form>
      {!d.found ? (
        <p>Vælg to versioner, der findes.</p>
      ) : (
        <>
          <p aria-live="polite">{d.changedCount === 1 ? "1 felt er ændret." : `${d.changedCount} felter er ændret.`} Ændrede felter er markeret.</p>
          <table className="table table--compact pp-compare">
            <caption className="sr-only">
              Version {d.a} og version {d.b} side om side
            </caption>
            <thead>
              <tr>
                <th scope="col">Felt</th>
                <th scope="col">Version {d.a}</th>
                <th scope="col">Version {d.b}</th>
              </tr>
            </thead>
            <tbody>
              {d.rows.map((r) => (
                <tr key={r.field} className={r.changed ? "pp-changed" : undefined} data-changed={r.changed ? "true" : undefined}>
                  <th scope="row">
                    {r.label}
                    {r.changed ? <strong className="pp-changed-mark"> (ændret)</strong> : null}
                  </th>
                  <td style={{ whiteSpace: "pre-wrap" }}>{r.left}</td>
                  <td style={{ whiteSpace: "pre-wrap" }}>{r.right}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}
