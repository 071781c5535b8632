// StaticRouter: the router made for server rendering (the table links to each programme).
import { StaticRouter } from "react-router-dom/server";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { TimelineChart } from "./timeline-chart";
import { formatDate } from "~/utils/dates";
import { dayNumber, monthTicks, timelineCounts, timelineRange, xScale, type TimelineView } from "./timeline-data";
import { TimelineTable } from "./timeline-table";

const view: TimelineView = {
  today: "2024-06-15",
  initiativeEnds: ["2025-09-30"],
  programmes: [
    {
      id: 1,
      href: "/programmes/1",
      municipalityName: "Lolland",
      title: "Rådgivningsforløb",
      startsOn: "2023-03-01",
      plannedEndOn: "2023-11-30",
      agencies: "Social- og Boligstyrelsen",
      advisors: "Anna",
      initiativeEndsOn: "2025-09-30",
      milestones: [
        { id: 11, title: "Kick-off", plannedOn: "2023-03-01", actualOn: "2023-03-02", tone: "done", statusLabel: "Gennemført", overdue: false, afterInitiativeEnd: false },
        { id: 12, title: "Sagsgennemgang", plannedOn: "2024-05-01", actualOn: null, tone: "open", statusLabel: "Planlagt", overdue: true, afterInitiativeEnd: false },
      ],
    },
    {
      id: 2,
      href: "/programmes/2",
      municipalityName: "Samsø",
      title: "Rådgivningsforløb",
      startsOn: "2024-09-01",
      plannedEndOn: "2025-12-15",
      agencies: "Ankestyrelsen",
      advisors: "",
      initiativeEndsOn: "2025-09-30",
      milestones: [],
    },
  ],
};

const render = (el: JSX.Element) => renderToStaticMarkup(<StaticRouter location="/programmes/timeline">{el}</StaticRouter>);
const ids = (html: string, attr: string) => [...html.matchAll(new RegExp(`${attr}="(\\d+)"`, "g"))].map((m) => Number(m[1]));

describe("timeline layout", () => {
  it("spans whole months over programmes, milestones, today and the initiative's end", () => {
    expect(timelineRange(view)).toEqual({ from: "2023-03-01", to: "2026-01-01" });
  });

  it("maps dates linearly and counts days across a leap year", () => {
    expect(dayNumber("2024-03-01") - dayNumber("2024-02-01")).toBe(29);
    const x = xScale({ from: "2024-01-01", to: "2025-01-01" }, 100, 366);
    expect(x("2024-01-01")).toBe(100);
    expect(x("2025-01-01")).toBe(466);
    expect(x("2024-01-02")).toBeCloseTo(101);
  });

  it("labels the first tick and every January with the year", () => {
    const t = monthTicks({ from: "2023-11-01", to: "2024-03-01" });
    expect(t.map((x) => x.iso)).toEqual(["2023-11-01", "2023-12-01", "2024-01-01", "2024-02-01", "2024-03-01"]);
    expect(t.map((x) => x.yearLabel)).toEqual(["2023", null, "2024", null, null]);
  });

  it("counts overdue and done milestones", () => {
    expect(timelineCounts(view)).toEqual({ programmes: 2, milestones: 2, overdue: 1, done: 1 });
  });
});

describe("chart and table", () => {
  const chart = render(<TimelineChart view={view} />);
  const table = render(<TimelineTable view={view} />);

  it("show the same programmes and milestones, in the same order", () => {
    expect(ids(chart, "data-programme-id")).toEqual([1, 2]);
    expect(ids(table, "data-programme-id")).toEqual([1, 2]);
    expect(ids(chart, "data-milestone-id")).toEqual([11, 12]);
    expect(ids(table, "data-milestone-id")).toEqual([11, 12]);
  });

  it("marks the overdue milestone in both, in words in the table", () => {
    expect(chart).toMatch(/data-milestone-id="12" data-overdue="true"/);
    expect(table).toMatch(/data-milestone-id="12" class="pp-timeline-row-overdue"/);
    expect(table).toContain("Overskredet");
  });

  it("describes the chart as one image and draws today's line and the initiative's end from the data", () => {
    expect(chart).toContain('role="img"');
    expect(chart).toContain("I dag 15.06.2024");
    expect(chart).toContain("Initiativet slutter 30.09.2025");
    expect(chart).toContain("2 forløb og 2 milepæle");
  });

  it("flags a programme ending after the initiative and shows an empty plan in words", () => {
    expect(table).toContain("(slutter efter initiativet)");
    expect(table).toContain("Ingen milepæle planlagt.");
  });
});

describe("the timeline's calendar dates", () => {
  it("print as dd.MM.yyyy through formatDate", () => {
    expect(formatDate("2024-06-15")).toBe("15.06.2024");
  });
});
