import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import * as route from "./tilgaengelighed";

describe("/tilgaengelighed", () => {
  it("is public: no loader, so no sign-in is asked for", () => {
    expect("loader" in route).toBe(false);
  });

  it("has what the web accessibility act asks of the statement", () => {
    const html = renderToStaticMarkup(<route.default />);
    expect(html).toContain("<h1>Tilgængelighedserklæring for Puljeportal</h1>");
    expect(html).toContain("Social- og Boligministeriet er ansvarlig");
    expect(html).toContain("WCAG) 2.1 på niveau AA");
    expect(html).toContain("<strong>delvist i overensstemmelse</strong>");
    expect(html).toContain("axe-core");
    expect(html).toContain("tastatur alene");
    expect(html).toContain("<h2>Kendte problemer</h2>");
    expect(html).toContain('href="mailto:tilgaengelighed@sm.dk"');
    expect(html).toContain("klage til Digitaliseringsstyrelsen");
  });
});
