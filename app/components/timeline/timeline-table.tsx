// The timeline as a table: the same view model as the chart, and the way to read it with
// a keyboard or a screen reader. One row group per programme, one row per milestone.
import { Link } from "@remix-run/react";
import { TableScroll } from "~/components/table-scroll";
import { formatDate } from "~/utils/dates";
import type { TimelineProgramme, TimelineView } from "./timeline-data";

export function TimelineTable({ view }: { view: TimelineView }) {
  return (
    <TableScroll label="Forløb og milepæle i tabelform">
      <table className="table table--compact pp-timeline-table" data-testid="timeline-table">
        <caption className="sr-only">Rådgivningsforløb og deres milepæle</caption>
        <thead>
          <tr>
            <th scope="col">Kommune og forløb</th>
            <th scope="col">Milepæl</th>
            <th scope="col">Planlagt</th>
            <th scope="col">Faktisk</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        {view.programmes.map((p) => (
          <ProgrammeRows key={p.id} p={p} />
        ))}
      </table>
    </TableScroll>
  );
}

function ProgrammeRows({ p }: { p: TimelineProgramme }) {
  const head = (
    <th scope="rowgroup" rowSpan={Math.max(1, p.milestones.length)} className="pp-timeline-programme">
      <Link to={p.href}>{p.municipalityName}</Link>
      <span className="pp-timeline-meta">{p.title}</span>
      <span className="pp-timeline-meta">
        {formatDate(p.startsOn)}–{formatDate(p.plannedEndOn)}
        {p.initiativeEndsOn && p.plannedEndOn > p.initiativeEndsOn ? " (slutter efter initiativet)" : ""}
      </span>
      {p.agencies ? <span className="pp-timeline-meta">{p.agencies}</span> : null}
      {p.advisors ? <span className="pp-timeline-meta">Rådgivere: {p.advisors}</span> : null}
    </th>
  );
  if (p.milestones.length === 0) {
    return (
      <tbody data-programme-id={p.id}>
        <tr>
          {head}
          <td colSpan={4}>Ingen milepæle planlagt.</td>
        </tr>
      </tbody>
    );
  }
  return (
    <tbody data-programme-id={p.id}>
      {p.milestones.map((m, i) => (
        <tr key={m.id} data-milestone-id={m.id} className={m.overdue ? "pp-timeline-row-overdue" : undefined}>
          {i === 0 ? head : null}
          <td>
            {m.title}
            {m.afterInitiativeEnd ? <span className="pp-timeline-meta">Efter initiativets afslutning</span> : null}
          </td>
          <td className="pp-nowrap">{formatDate(m.plannedOn)}</td>
          <td className="pp-nowrap">{m.actualOn ? formatDate(m.actualOn) : <span className="sr-only">Ingen</span>}</td>
          <td>
            {m.statusLabel}
            {m.overdue ? (
              <>
                {" "}
                <strong className="pp-overdue">Overskredet</strong>
              </>
            ) : null}
          </td>
        </tr>
      ))}
    </tbody>
  );
}
