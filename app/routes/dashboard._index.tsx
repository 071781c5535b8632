// The initiative dashboard (overblik) for ministry staff: the pool, the municipalities, the
// theme scores and indicators over time, and the days left, as of the app's "now". Each
// chart is server-rendered SVG with its numbers as a table and an export under it. Money
// comes from the ledger through the figures module (app/domain/dashboard/figures.server.ts).
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { found, requirePermission } from "~/auth/guards.server";
import { ChartTable } from "~/components/dashboard/chart-table";
import { LineChart, MunicipalityBars, PoolBar } from "~/components/dashboard/charts";
import { getDb } from "~/db.server";
import { appNow } from "~/domain/clock/clock.server";
import { choosePool, getDashboardFigures, type DashboardFigures } from "~/domain/dashboard/figures.server";
import { dashboardTable, indicatorMeasure, TABLE_KEYS } from "~/domain/dashboard/tables";
import { THEME_LABELS } from "~/domain/programmes/programme-constants";
import { INDICATOR_UNIT_LABELS } from "~/domain/reports/report-constants";
import dashboardCss from "~/styles/dashboard.css?url";
import { formatDate } from "~/utils/dates";
import { formatOre } from "~/utils/money";
import { parseId } from "~/utils/params.server";

export const meta: MetaFunction = () => [{ title: "Overblik over initiativet · Puljeportal" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashboardCss }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "dashboard:read");
  const asked = new URL(request.url).searchParams.get("pool");
  const askedId = asked === null || asked === "" ? null : found(parseId(asked));
  const db = await getDb();
  const [{ pools, poolId, summary }, now] = await Promise.all([choosePool(db, askedId), appNow(db)]);
  if (askedId !== null && poolId === null) found(null);
  if (poolId === null) return { pools, figures: null, tables: null };
  const figures = found(await getDashboardFigures(db, poolId, now, summary ?? undefined));
  const tables = Object.fromEntries(TABLE_KEYS.map((k) => [k, dashboardTable(figures, k)])) as Record<(typeof TABLE_KEYS)[number], ReturnType<typeof dashboardTable>>;
  return { pools, figures: pageFigures(figures), tables };
}

/**
 * What the page draws of the figures. Remix writes the loader data into the HTML for
 * hydration, so the per-municipality values behind each series (two thirds of the figures at
 * ×10 data) and each municipality's programmes and grants, which only the tables and exports
 * use, stay on the server (issue 19, decision 035).
 */
function pageFigures(f: DashboardFigures) {
  return {
    today: f.today,
    pool: f.pool,
    countdown: f.countdown,
    totals: f.totals,
    municipalities: f.municipalities.map((m) => ({ municipalityName: m.municipalityName, committedOre: m.committedOre, netPaidOre: m.netPaidOre, spendReportedOre: m.spendReportedOre })),
    themes: f.themes.map((t) => ({ theme: t.theme, points: t.points })),
    indicators: f.indicators.map((i) => ({ indicatorId: i.indicatorId, label: i.label, unit: i.unit, points: i.points })),
  };
}

export default function Dashboard() {
  const { pools, figures: f, tables } = useLoaderData<typeof loader>();
  if (!f || !tables) {
    return (
      <>
        <h1>Overblik over initiativet</h1>
        <p>Der er endnu ingen puljer.</p>
      </>
    );
  }
  const hasThemes = f.themes.some((t) => t.points.length > 0);
  const left = f.countdown;
  return (
    <>
      <h1>Overblik over initiativet</h1>
      <p className="font-lead">
        {f.pool.name}. Tallene er opgjort pr. {formatDate(f.today)}; beløbene er summer af tilsagnenes posteringer.
      </p>
      {pools.length > 1 ? (
        <Form method="get" className="pp-dashboard-pool">
          <div className="form-group">
            <label className="form-label" htmlFor="dashboard-pool">
              Pulje
            </label>
            <select className="form-select" id="dashboard-pool" name="pool" defaultValue={String(f.pool.id)}>
              {pools.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button button-secondary">
            Vis puljen
          </button>
        </Form>
      ) : null}
      <div className="alert alert-info" data-testid="dashboard-countdown">
        <div className="alert-body">
          <p className="alert-text">
            {left.ended
              ? `Initiativet sluttede ${formatDate(left.endsOn)} (for ${-left.days === 1 ? "1 dag" : `${-left.days} dage`} siden).`
              : left.days === 0
                ? `Initiativet slutter i dag, ${formatDate(left.endsOn)}.`
                : `Initiativet slutter ${formatDate(left.endsOn)}: ${left.days === 1 ? "1 dag" : `${left.days} dage`} tilbage.`}
          </p>
        </div>
      </div>

      <h2>Puljen</h2>
      <dl className="pp-facts" data-testid="dashboard-pool-figures">
        <dt>Puljens ramme</dt>
        <dd>{formatOre(f.pool.totalOre)}</dd>
        <dt>Givet i tilsagn</dt>
        <dd>{formatOre(f.pool.grantedOre)}</dd>
        <dt>Udbetalt</dt>
        <dd>{formatOre(f.pool.paidOre)}</dd>
        <dt>Tilbagebetalt</dt>
        <dd>{formatOre(f.pool.repaidOre)}</dd>
        <dt>Ikke disponeret</dt>
        <dd>{formatOre(f.pool.uncommittedOre)}</dd>
      </dl>
      <PoolBar pool={f.pool} id="chart-pool" />
      <ChartTable table={tables.pulje} poolId={f.pool.id} />

      <h2>Kommunerne</h2>
      {f.municipalities.length === 0 ? (
        <p>Der er endnu ingen tilsagn fra denne pulje.</p>
      ) : (
        <>
          <p>
            Rapporter: {f.totals.reports.received} modtaget, {f.totals.reports.approved} godkendt, {f.totals.reports.overdue} for sent. Milepæle:{" "}
            {f.totals.milestones.done} gennemført, {f.totals.milestones.overdue} overskredet.
          </p>
          <MunicipalityBars rows={f.municipalities} id="chart-municipalities" />
          <ChartTable table={tables.kommuner} poolId={f.pool.id} />
        </>
      )}

      <h2>Temaer over tid</h2>
      {hasThemes ? (
        <>
          <p>Kommunernes gennemsnitlige vurdering af de fire temaer (1–5) i de indsendte og godkendte rapporter pr. frist.</p>
          <LineChart
            id="chart-themes"
            title="Gennemsnitlig vurdering af temaerne pr. rapportfrist"
            series={f.themes.map((t) => ({ label: THEME_LABELS[t.theme], points: t.points.map((p) => ({ dueOn: p.dueOn, value: p.mean })) }))}
            yMin={1}
            yMax={5}
          />
          <ChartTable table={tables.temaer} poolId={f.pool.id} />
        </>
      ) : (
        <p data-testid="dashboard-no-reports">Der er endnu ingen indsendte rapporter med vurderinger af temaerne.</p>
      )}

      <h2>Indikatorer</h2>
      {f.indicators.length === 0 ? (
        <p>Der er endnu ingen indsendte rapporter med indikatorer.</p>
      ) : (
        <>
          {f.indicators.map((i) => {
            const measure = indicatorMeasure(i.unit);
            return (
              <section key={i.indicatorId} className="pp-dashboard-indicator">
                <h3>{i.label}</h3>
                <LineChart
                  id={`chart-indicator-${i.indicatorId}`}
                  title={`${i.label} (${INDICATOR_UNIT_LABELS[i.unit].toLowerCase()}, ${measure === "sum" ? "i alt" : "gennemsnit"}) pr. rapportfrist`}
                  series={[{ label: i.label, points: i.points.map((p) => ({ dueOn: p.dueOn, value: p[measure] })) }]}
                  decimals={i.unit === "count" ? 0 : 1}
                />
              </section>
            );
          })}
          <ChartTable table={tables.indikatorer} poolId={f.pool.id} />
        </>
      )}
    </>
  );
}
