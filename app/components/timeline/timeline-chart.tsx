// The Gantt-like chart of the programmes, rendered on the server as SVG (no chart library,
// no client code). It is a picture with a description: the table beside it
// (timeline-table.tsx) is the accessible source and holds the same programmes and milestones.
import { formatDate } from "~/utils/dates";
import { monthTicks, timelineCounts, timelineRange, xScale, type TimelineMilestone, type TimelineView } from "./timeline-data";

const LABEL_W = 190;
const PLOT_W = 960;
const RIGHT_PAD = 24;
const AXIS_H = 68;
const ROW_H = 34;
const BAR_H = 14;

const RED = "#b51d09";
const BLUE = "#0059b3";

export function TimelineChart({ view }: { view: TimelineView }) {
  const range = timelineRange(view);
  const x = xScale(range, LABEL_W, PLOT_W);
  const ticks = monthTicks(range);
  const counts = timelineCounts(view);
  const height = AXIS_H + Math.max(1, view.programmes.length) * ROW_H + 8;
  const width = LABEL_W + PLOT_W + RIGHT_PAD;
  const quarterWidth = (PLOT_W / Math.max(1, ticks.length - 1)) * 3;
  const bottom = height - 8;
  const description =
    `${counts.programmes} forløb og ${counts.milestones} milepæle fra ${formatDate(range.from)} til ${formatDate(range.to)}. ` +
    `${counts.overdue} milepæle er overskredet. I dag er ${formatDate(view.today)}` +
    (view.initiativeEnds.length ? `; initiativet slutter ${view.initiativeEnds.map(formatDate).join(" og ")}. ` : ". ") +
    "Tabellen under diagrammet viser de samme forløb og milepæle.";

  return (
    <svg
      className="pp-timeline-svg"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-labelledby="timeline-chart-title timeline-chart-desc"
      data-testid="timeline-chart"
    >
      <title id="timeline-chart-title">Tidslinje over rådgivningsforløbene</title>
      <desc id="timeline-chart-desc">{description}</desc>
      <g className="pp-timeline-axis">
        {ticks.map((t) => (
          <g key={t.iso}>
            <line x1={x(t.iso)} x2={x(t.iso)} y1={t.month === 1 ? 4 : 22} y2={bottom} stroke={t.month === 1 ? "#8c8c8c" : "#e0e0e0"} />
            {t.yearLabel ? (
              <text x={x(t.iso) + 4} y={16} fontSize={13} fontWeight={600} fill="#1a1a1a">
                {t.yearLabel}
              </text>
            ) : null}
            {quarterWidth >= 40 && (t.month - 1) % 3 === 0 ? (
              <text x={x(t.iso) + 3} y={32} fontSize={11} fill="#4d4d4d">
                {`${(t.month - 1) / 3 + 1}. kvt.`}
              </text>
            ) : null}
          </g>
        ))}
      </g>
      {view.programmes.map((p, i) => {
        const y = AXIS_H + i * ROW_H;
        const mid = y + ROW_H / 2;
        const x1 = x(p.startsOn);
        const x2 = Math.max(x1 + 2, x(p.plannedEndOn));
        return (
          <g key={p.id} data-programme-id={p.id}>
            {i % 2 === 0 ? <rect x={0} y={y} width={width} height={ROW_H} fill="#f5f5f5" /> : null}
            <text x={6} y={mid + 4} fontSize={13} fill="#1a1a1a">
              {truncate(p.municipalityName, 24)}
            </text>
            <rect x={x1} y={mid - BAR_H / 2} width={x2 - x1} height={BAR_H} rx={3} fill="#cfe2f3" stroke={BLUE}>
              <title>{`${p.municipalityName}: ${p.title}, ${formatDate(p.startsOn)}–${formatDate(p.plannedEndOn)}`}</title>
            </rect>
            {p.milestones.map((m) => (
              <Marker key={m.id} m={m} cx={x(m.plannedOn)} cy={mid} />
            ))}
          </g>
        );
      })}
      {view.initiativeEnds.map((end) => (
        <g key={end} data-testid="timeline-initiative-end">
          <line x1={x(end)} x2={x(end)} y1={38} y2={bottom} stroke="#1a1a1a" strokeWidth={2} strokeDasharray="8 3 2 3" />
          <text x={x(end) - 4} y={48} fontSize={11} textAnchor="end" fill="#1a1a1a">
            {`Initiativet slutter ${formatDate(end)}`}
          </text>
        </g>
      ))}
      <g data-testid="timeline-today">
        <line x1={x(view.today)} x2={x(view.today)} y1={50} y2={bottom} stroke={BLUE} strokeWidth={2} strokeDasharray="4 3" />
        {/* Near the right edge the label sits left of the line, so it is not cut off. */}
        <text
          x={x(view.today) > LABEL_W + PLOT_W - 120 ? x(view.today) - 4 : x(view.today) + 4}
          y={62}
          fontSize={11}
          fontWeight={600}
          textAnchor={x(view.today) > LABEL_W + PLOT_W - 120 ? "end" : "start"}
          fill={BLUE}
        >
          {`I dag ${formatDate(view.today)}`}
        </text>
      </g>
    </svg>
  );
}

/** One milestone at its planned date: the shape says the status, red says overdue. */
function Marker({ m, cx, cy }: { m: TimelineMilestone; cx: number; cy: number }) {
  const tip = <title>{`${m.title}: ${formatDate(m.plannedOn)} · ${m.statusLabel}${m.overdue ? " · overskredet" : ""}`}</title>;
  const common = { "data-milestone-id": m.id, "data-overdue": m.overdue ? "true" : undefined };
  if (m.overdue) {
    return (
      <g {...common} className="pp-timeline-overdue">
        <polygon points={`${cx},${cy - 9} ${cx + 9},${cy} ${cx},${cy + 9} ${cx - 9},${cy}`} fill={RED} stroke="#fff" strokeWidth={1.5} />
        <text x={cx} y={cy + 4} fontSize={11} fontWeight={700} textAnchor="middle" fill="#fff">!</text>
        {tip}
      </g>
    );
  }
  switch (m.tone) {
    case "done":
      return (
        <circle {...common} cx={cx} cy={cy} r={6} fill="#1e6b30" stroke="#fff" strokeWidth={1.5}>
          {tip}
        </circle>
      );
    case "postponed":
      return (
        <polygon {...common} points={`${cx},${cy - 8} ${cx + 8},${cy + 6} ${cx - 8},${cy + 6}`} fill="#8a5a00" stroke="#fff" strokeWidth={1.5}>
          {tip}
        </polygon>
      );
    case "cancelled":
      return (
        <g {...common}>
          <path d={`M${cx - 5},${cy - 5}L${cx + 5},${cy + 5}M${cx + 5},${cy - 5}L${cx - 5},${cy + 5}`} stroke="#4d4d4d" strokeWidth={2.5} />
          {tip}
        </g>
      );
    default:
      return (
        <polygon {...common} points={`${cx},${cy - 7} ${cx + 7},${cy} ${cx},${cy + 7} ${cx - 7},${cy}`} fill="#fff" stroke={BLUE} strokeWidth={2}>
          {tip}
        </polygon>
      );
  }
}

function truncate(s: string, n: number) {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

/** The key to the shapes, as HTML beside the chart. */
export function TimelineLegend() {
  const item = (shape: JSX.Element, label: string) => (
    <li>
      <svg width={20} height={20} viewBox="-10 -10 20 20" aria-hidden="true" focusable="false">
        {shape}
      </svg>{" "}
      {label}
    </li>
  );
  return (
    <ul className="pp-timeline-legend" aria-label="Signaturforklaring">
      {item(<polygon points="0,-7 7,0 0,7 -7,0" fill="#fff" stroke={BLUE} strokeWidth={2} />, "Planlagt eller i gang")}
      {item(<circle r={6} fill="#1e6b30" />, "Gennemført")}
      {item(<polygon points="0,-8 8,6 -8,6" fill="#8a5a00" />, "Udskudt")}
      {item(<path d="M-5,-5L5,5M5,-5L-5,5" stroke="#4d4d4d" strokeWidth={2.5} />, "Aflyst")}
      {item(<polygon points="0,-9 9,0 0,9 -9,0" fill={RED} />, "Overskredet (planlagt dato passeret, ikke gennemført)")}
      {item(<line x1={0} x2={0} y1={-9} y2={9} stroke={BLUE} strokeWidth={2} strokeDasharray="4 3" />, "I dag")}
      {item(<line x1={0} x2={0} y1={-9} y2={9} stroke="#1a1a1a" strokeWidth={2} strokeDasharray="8 3 2 3" />, "Initiativets afslutning")}
    </ul>
  );
}
