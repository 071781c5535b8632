import { renderToStaticMarkup } from "react-dom/server";
import { MemoryRouter } from "react-router-dom";
import { describe, expect, it } from "vitest";
import { Breadcrumbs } from "./breadcrumbs";

describe("Breadcrumbs", () => {
  it("links the pages above and marks the current one without a link", () => {
    const html = renderToStaticMarkup(
      <MemoryRouter>
        <Breadcrumbs trail={[{ to: "/calls", label: "Opslag" }, { to: "/calls/7", label: "Pulje A" }]} current="Behovsindeks" />
      </MemoryRouter>,
    );
    expect(html).toMatch(/^<nav class="breadcrumbs" aria-label="Brødkrummer"><ol class="breadcrumbs__list">/);
    expect(html).toMatch(/<a class="breadcrumbs__link"[^>]* href="\/calls">Opslag<\/a>/);
    expect(html).toMatch(/<a class="breadcrumbs__link"[^>]* href="\/calls\/7">Pulje A<\/a>/);
    expect(html).toContain('<li class="breadcrumbs__list-item" aria-current="page">Behovsindeks</li>');
  });
});
