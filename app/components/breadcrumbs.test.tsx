// StaticRouter: the router made for server rendering (MemoryRouter warns there about useLayoutEffect).
import { renderToStaticMarkup } from "react-dom/server";
import { StaticRouter } from "react-router-dom/server";
import { describe, expect, it } from "vitest";
import { Breadcrumbs } from "./breadcrumbs";

describe("Breadcrumbs", () => {
  it("links the pages above and marks the current one without a link", () => {
    const html = renderToStaticMarkup(
      <StaticRouter location="/">
        <Breadcrumbs trail={[{ to: "/calls", label: "Opslag" }, { to: "/calls/7", label: "Pulje A" }]} current="Behovsindeks" />
      </StaticRouter>,
    );
    expect(html).toMatch(/^<nav class="breadcrumbs" aria-label="Brødkrummer"><ol class="breadcrumbs__list">/);
    expect(html).toMatch(/<a class="breadcrumbs__link"[^>]* href="\/calls">Opslag<\/a>/);
    expect(html).toMatch(/<a class="breadcrumbs__link"[^>]* href="\/calls\/7">Pulje A<\/a>/);
    expect(html).toContain('<li class="breadcrumbs__list-item" aria-current="page">Behovsindeks</li>');
  });
});
