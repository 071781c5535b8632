// The timeline's filters: a GET form (the URL holds them), so they work without JavaScript.
import { Form, Link } from "@remix-run/react";

export type TimelineFilterOptions = {
  agencies: { value: string; label: string }[];
  advisors: { value: string; label: string }[];
  focusAreas: { value: string; label: string }[];
  themes: { value: string; label: string }[];
};

export type TimelineFilterValues = { agency: string; advisor: string; focus: string; theme: string; q: string };

const FIELDS: { name: keyof TimelineFilterValues; label: string; all: string; options: keyof TimelineFilterOptions }[] = [
  { name: "agency", label: "Styrelse", all: "Alle styrelser", options: "agencies" },
  { name: "advisor", label: "Rådgiver", all: "Alle rådgivere", options: "advisors" },
  { name: "focus", label: "Fokusområde", all: "Alle fokusområder", options: "focusAreas" },
  { name: "theme", label: "Tema", all: "Alle temaer", options: "themes" },
];

export function TimelineFilters({ options, values }: { options: TimelineFilterOptions; values: TimelineFilterValues }) {
  const active = values.q !== "" || FIELDS.some((f) => values[f.name] !== "");
  // A new search or filter starts on the first page: the form sends no page number.
  return (
    <Form method="get" className="pp-filters" role="search" aria-label="Filtrér tidslinjen">
      <div className="form-group">
        <label className="form-label" htmlFor="timeline-q">
          Kommune
        </label>
        <input className="form-input" id="timeline-q" name="q" type="search" defaultValue={values.q} maxLength={100} />
      </div>
      {FIELDS.map((f) => (
        <div className="form-group" key={f.name}>
          <label className="form-label" htmlFor={`timeline-${f.name}`}>
            {f.label}
          </label>
          <select className="form-select" id={`timeline-${f.name}`} name={f.name} defaultValue={values[f.name]}>
            <option value="">{f.all}</option>
            {options[f.options].map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
      ))}
      <button className="button button-secondary" type="submit">
        Filtrér
      </button>
      {active ? <Link to=".">Nulstil filtre</Link> : null}
    </Form>
  );
}
