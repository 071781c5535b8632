// Which municipalities may apply: all, or those ticked (grouped by region, with
// "select the whole region" buttons once JavaScript runs).
import { useMemo, useRef, useState } from "react";
import { FieldError } from "~/components/form";
import { MUNICIPALITY_COUNT } from "~/domain/calls/call-schema";

export type MunicipalityOption = { code: string; name: string; region: string };

export function MunicipalityFields({
  municipalities,
  eligibility: initialEligibility,
  selected,
  errorOf,
  hydrated,
}: {
  municipalities: MunicipalityOption[];
  eligibility: string;
  selected: Set<string>;
  errorOf: (name: string) => string | undefined;
  hydrated: boolean;
}) {
  const [eligibility, setEligibility] = useState(initialEligibility || "all");
  const ref = useRef<HTMLFieldSetElement>(null);
  const regions = useMemo(() => {
    const byRegion = new Map<string, MunicipalityOption[]>();
    for (const m of municipalities) byRegion.set(m.region, [...(byRegion.get(m.region) ?? []), m]);
    return [...byRegion.entries()];
  }, [municipalities]);

  function selectRegion(region: string, checked: boolean) {
    const boxes = ref.current?.querySelectorAll<HTMLInputElement>(`input[data-region="${CSS.escape(region)}"]`);
    boxes?.forEach((b) => (b.checked = checked));
  }

  const listError = errorOf("municipalities[]");
  return (
    <fieldset ref={ref} className={`form-group${listError ? " form-error" : ""}`} id="municipalities[]" tabIndex={-1}>
      <legend className="form-label">Hvilke kommuner kan søge?</legend>
      {errorOf("eligibility") ? <FieldError id="eligibility" message={errorOf("eligibility")} /> : null}
      {listError ? <FieldError id="municipalities" message={listError} /> : null}
      <ul className="nobullet-list">
        <li>
          <input
            className="form-radio"
            type="radio"
            id="eligibility-all"
            name="eligibility"
            value="all"
            defaultChecked={eligibility === "all"}
            onChange={() => setEligibility("all")}
          />
          <label htmlFor="eligibility-all">Alle {MUNICIPALITY_COUNT} kommuner</label>
        </li>
        <li>
          <input
            className="form-radio"
            type="radio"
            id="eligibility-selected"
            name="eligibility"
            value="selected"
            defaultChecked={eligibility === "selected"}
            onChange={() => setEligibility("selected")}
          />
          <label htmlFor="eligibility-selected">Kun de kommuner, der er markeret herunder</label>
        </li>
      </ul>
      <details open={!hydrated || eligibility === "selected"}>
        <summary>Vælg kommuner</summary>
        {regions.map(([region, list]) => (
          <fieldset key={region} className="form-group">
            <legend className="form-label">Region {region}</legend>
            {hydrated ? (
              <div className="pp-actions" style={{ margin: "0.4rem 0" }}>
                <button type="button" className="button button-tertiary" onClick={() => selectRegion(region, true)}>
                  Markér alle i Region {region}
                </button>
                <button type="button" className="button button-tertiary" onClick={() => selectRegion(region, false)}>
                  Fjern markering
                </button>
              </div>
            ) : null}
            <ul className="nobullet-list" style={{ columns: "16rem" }}>
              {list.map((m) => (
                <li key={m.code}>
                  <input
                    className="form-checkbox"
                    type="checkbox"
                    id={`m-${m.code}`}
                    name="municipalities[]"
                    value={m.code}
                    data-region={region}
                    defaultChecked={selected.has(m.code)}
                  />
                  <label htmlFor={`m-${m.code}`}>{m.name}</label>
                </li>
              ))}
            </ul>
          </fieldset>
        ))}
      </details>
    </fieldset>
  );
}
