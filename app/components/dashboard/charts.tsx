// The dashboard's charts, rendered on the server as SVG (no chart library, no client code):
// each is a picture with a title and a description; the table view under it
// (ChartTable) holds the same numbers for screen readers and the export.
import { formatDate } from "~/utils/dates";
import { formatMillions, formatOre } from "~/utils/money";
import { linear, linePath, millionsLabel, niceTicks, slots } from "./chart-scale";

/** Colours with at least 3:1 against white (WCAG 1.4.11), told apart by pattern too. */
export const SERIES_STYLE = [
  { color: "#0059b3", dash: "" },
  { color: "#008139", dash: "8 4" },
  { color: "#a34a00", dash: "2 3" },
  { color: "#6b2c91", dash: "10 3 2 3" },
] as const;
const GREY = "#767676";
const TEXT = "#1a1a1a";

type PoolBarInput = { totalOre: bigint; netPaidOre: bigint; outstandingOre: bigint; uncommittedOre: bigint };

export function PoolBar({ pool, id }: { pool: PoolBarInput; id: string }) {
  const width = 760;
  const total = Number(pool.totalOre) || 1;
  const x = linear(0, total, 0, width);
  const parts = [
    { label: "Udbetalt", ore: pool.netPaidOre, fill: SERIES_STYLE[0].color },
    { label: "Disponeret, ikke udbetalt", ore: pool.outstandingOre, fill: "#7fb2e5" },
    { label: "Ikke disponeret", ore: pool.uncommittedOre, fill: "#e0e0e0" },
  ];
  let at = 0;
  const description = `Af puljens ramme på ${formatMillions(pool.totalOre)} er ${parts.map((p) => `${p.label.toLowerCase()} ${formatMillions(p.ore)}`).join(", ")}.`;
  return (
    <figure className="pp-chart">
      <svg viewBox={`0 0 ${width} 48`} width="100%" role="img" aria-labelledby={`${id}-title ${id}-desc`} data-testid={`${id}-chart`}>
        <title id={`${id}-title`}>Puljens ramme fordelt</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {parts.map((p) => {
          const w = Math.max(0, x(Math.max(0, Number(p.ore))));
          const rect = <rect key={p.label} x={at} y={4} width={w} height={40} fill={p.fill} stroke="#fff" />;
          at += w;
          return rect;
        })}
        <rect x={0} y={4} width={width} height={40} fill="none" stroke={GREY} />
      </svg>
      <ul className="pp-chart-legend">
        {parts.map((p) => (
          <li key={p.label}>
            <span className="pp-swatch" style={{ background: p.fill }} aria-hidden="true" />
            {p.label}: {formatOre(p.ore)}
          </li>
        ))}
      </ul>
    </figure>
  );
}

type MunicipalityBarsRow = { municipalityName: string; committedOre: bigint; netPaidOre: bigint; spendReportedOre: bigint };

export function MunicipalityBars({ rows, id }: { rows: MunicipalityBarsRow[]; id: string }) {
  const labelW = 150;
  const plotW = 600;
  const bar = 10;
  const groupH = bar * 3 + 14;
  const axisH = 24;
  const height = axisH + rows.length * groupH + 4;
  const measures = [
    { label: "Disponeret", get: (r: MunicipalityBarsRow) => r.committedOre },
    { label: "Udbetalt", get: (r: MunicipalityBarsRow) => r.netPaidOre },
    { label: "Forbrug indberettet", get: (r: MunicipalityBarsRow) => r.spendReportedOre },
  ];
  const ticks = niceTicks(Math.max(1, ...rows.flatMap((r) => measures.map((m) => Number(m.get(r))))), 4);
  const x = linear(0, ticks[ticks.length - 1]!, labelW, labelW + plotW);
  return (
    <figure className="pp-chart">
      <svg viewBox={`0 0 ${labelW + plotW + 60} ${height}`} width="100%" role="img" aria-labelledby={`${id}-title ${id}-desc`} data-testid={`${id}-chart`}>
        <title id={`${id}-title`}>Disponeret, udbetalt og indberettet forbrug pr. kommune</title>
        <desc id={`${id}-desc`}>{`${rows.length} kommuner. Tabellen under diagrammet har tallene.`}</desc>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={x(t)} x2={x(t)} y1={axisH - 4} y2={height} stroke="#e0e0e0" />
            <text x={x(t)} y={14} fontSize={11} textAnchor="middle" fill={TEXT}>
              {millionsLabel(t)}
            </text>
          </g>
        ))}
        {rows.map((r, i) => {
          const y = axisH + i * groupH;
          return (
            <g key={r.municipalityName}>
              <text x={labelW - 8} y={y + groupH / 2} fontSize={13} textAnchor="end" fill={TEXT}>
                {r.municipalityName}
              </text>
              {measures.map((m, j) => (
                <rect key={m.label} x={labelW} y={y + 4 + j * bar} width={Math.max(0, x(Number(m.get(r))) - labelW)} height={bar - 1} fill={SERIES_STYLE[j]!.color}>
                  <title>{`${r.municipalityName}, ${m.label.toLowerCase()}: ${formatOre(m.get(r))}`}</title>
                </rect>
              ))}
            </g>
          );
        })}
      </svg>
      <Legend items={measures.map((m, j) => ({ label: m.label, color: SERIES_STYLE[j]!.color }))} />
    </figure>
  );
}

export type LineSeries = { label: string; points: { dueOn: string; value: number }[] };

export function LineChart({ id, title, series, yMin = 0, yMax, decimals = 1 }: { id: string; title: string; series: LineSeries[]; yMin?: number; yMax?: number; decimals?: number }) {
  const dates = [...new Set(series.flatMap((s) => s.points.map((p) => p.dueOn)))].sort();
  const left = 48;
  const plotW = 620;
  const top = 12;
  const plotH = 200;
  const ticks = yMax !== undefined ? range(yMin, yMax) : niceTicks(Math.max(1, ...series.flatMap((s) => s.points.map((p) => p.value))), 4);
  const y = linear(ticks[0]!, ticks[ticks.length - 1]!, top + plotH, top);
  const xs = slots(dates.length, left, left + plotW);
  const fmt = (v: number) => v.toFixed(decimals).replace(".", ",");
  const description = series
    .map((s) => `${s.label}: ${s.points.map((p) => `${formatDate(p.dueOn)} ${fmt(p.value)}`).join(", ") || "ingen tal"}`)
    .join(". ");
  return (
    <figure className="pp-chart">
      <svg viewBox={`0 0 ${left + plotW + 16} ${top + plotH + 36}`} width="100%" role="img" aria-labelledby={`${id}-title ${id}-desc`} data-testid={`${id}-chart`}>
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={left} x2={left + plotW} y1={y(t)} y2={y(t)} stroke="#e0e0e0" />
            <text x={left - 6} y={y(t) + 4} fontSize={11} textAnchor="end" fill={TEXT}>
              {fmt(t)}
            </text>
          </g>
        ))}
        {dates.map((d, i) => (
          <text key={d} x={xs[i]} y={top + plotH + 20} fontSize={11} textAnchor="middle" fill={TEXT}>
            {formatDate(d)}
          </text>
        ))}
        {series.map((s, k) => {
          const style = SERIES_STYLE[k % SERIES_STYLE.length]!;
          const pts = dates.map((d, i) => {
            const p = s.points.find((q) => q.dueOn === d);
            return p ? { x: xs[i]!, y: y(p.value) } : null;
          });
          return (
            <g key={s.label}>
              <path d={linePath(pts)} fill="none" stroke={style.color} strokeWidth={2.5} strokeDasharray={style.dash || undefined} />
              {pts.map((p, i) => (p ? <circle key={dates[i]} cx={p.x} cy={p.y} r={4} fill={style.color} /> : null))}
            </g>
          );
        })}
      </svg>
      {series.length > 1 ? <Legend items={series.map((s, k) => ({ label: s.label, ...SERIES_STYLE[k % SERIES_STYLE.length]! }))} /> : null}
    </figure>
  );
}

function range(from: number, to: number) {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

function Legend({ items }: { items: { label: string; color: string; dash?: string }[] }) {
  return (
    <ul className="pp-chart-legend">
      {items.map((it) => (
        <li key={it.label}>
          <svg width="28" height="10" aria-hidden="true" focusable="false">
            <line x1="0" x2="28" y1="5" y2="5" stroke={it.color} strokeWidth="4" strokeDasharray={it.dash || undefined} />
          </svg>
          {it.label}
        </li>
      ))}
    </ul>
  );
}
