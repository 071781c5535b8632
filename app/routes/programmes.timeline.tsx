// The timeline of the advisory programmes: every programme the user may see (the ministry
// all, an advisor their assigned ones, a municipality its own; programmeScope in the SQL),
// as a server-rendered SVG chart and as a table drawn from the same view model, 20
// programmes a page (decision 031). The filters and the municipality search are a GET form;
// the summary counts every programme the filters select. No client code of its own beyond
// the route module.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { Pagination } from "~/components/pagination";
import { TimelineChart, TimelineLegend } from "~/components/timeline/timeline-chart";
import { TimelineFilters } from "~/components/timeline/timeline-filters";
import { TimelineTable } from "~/components/timeline/timeline-table";
import { appNow } from "~/domain/clock/clock.server";
import { parseTimelineFilters, timelineFilterOptions, timelineView } from "~/domain/timeline/queries.server";
import { getDb } from "~/db.server";
import timelineCss from "~/styles/timeline.css?url";
import { copenhagenDateString, formatDate } from "~/utils/dates";

export const meta: MetaFunction = () => [{ title: "Tidslinje for rådgivningsforløb · Puljeportal" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: timelineCss }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "programme:read");
  const search = new URL(request.url).searchParams;
  const filters = parseTimelineFilters(search);
  const db = await getDb();
  const today = copenhagenDateString(await appNow(db));
  const [view, options] = await Promise.all([timelineView(db, actor, filters, today), timelineFilterOptions(db, actor)]);
  return {
    view,
    options,
    values: {
      agency: filters.agencyId === null ? "" : String(filters.agencyId),
      advisor: filters.advisorId ?? "",
      focus: filters.focusAreaId === null ? "" : String(filters.focusAreaId),
      theme: filters.theme ?? "",
      q: filters.q,
    },
  };
}

export default function ProgrammeTimeline() {
  const { view, options, values } = useLoaderData<typeof loader>();
  const { counts, shown } = view;
  return (
    <>
      <h1>Tidslinje for rådgivningsforløb</h1>
      <p className="font-lead">
        Forløbene fra start til planlagt afslutning med milepæle. I dag er {formatDate(view.today)}
        {view.initiativeEnds.length ? `, og initiativet slutter ${view.initiativeEnds.map(formatDate).join(" og ")}` : ""}.
      </p>
      <TimelineFilters options={options} values={values} />
      <p aria-live="polite" data-testid="timeline-summary">
        {counts.programmes === 1 ? "1 forløb" : `${counts.programmes} forløb`} · {counts.milestones} milepæle, heraf {counts.done} gennemført og{" "}
        {counts.overdue === 1 ? "1 overskredet" : `${counts.overdue} overskredne`}.{" "}
        {view.pageCount > 1 ? `Viser forløb ${shown.from}–${shown.to} (side ${view.page} af ${view.pageCount}). ` : null}
        <a href="#timeline-table-heading">Gå til tabellen</a>
      </p>
      {counts.programmes === 0 ? (
        <p>Ingen forløb matcher filtrene.</p>
      ) : (
        <>
          <figure className="pp-timeline-figure">
            <div className="pp-timeline-scroll" role="region" aria-label="Tidslinjediagram" tabIndex={0}>
              <TimelineChart view={view} />
            </div>
            <figcaption>
              <TimelineLegend />
            </figcaption>
          </figure>
          <h2 id="timeline-table-heading">Forløb og milepæle</h2>
          <TimelineTable view={view} />
          <Pagination page={view.page} pageCount={view.pageCount} />
        </>
      )}
    </>
  );
}
