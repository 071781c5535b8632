// StaticRouter: the router made for server rendering (MemoryRouter warns there about useLayoutEffect).
import { StaticRouter } from "react-router-dom/server";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Pagination } from "./pagination";

function render(url: string, props: Parameters<typeof Pagination>[0]) {
  return renderToStaticMarkup(
    <StaticRouter location={url}>
      <Pagination {...props} />
    </StaticRouter>,
  );
}

describe("Pagination", () => {
  it("shows nothing for a single page", () => {
    expect(render("/admin/mail", { page: 1, pageCount: 1 })).toBe("");
  });

  it("uses dkfds markup and keeps the other query parameters in every link", () => {
    const html = render("/admin/users?q=anna&role=admin&page=2", { page: 2, pageCount: 3 });
    expect(html).toContain('<nav class="pagination" aria-label="Sidenavigation">');
    expect(html).toMatch(/<a class="button button-arrow button-previous" aria-label="Forrige side" rel="prev"[^>]* href="\/admin\/users\?q=anna&amp;role=admin">/);
    expect(html).toMatch(/<a class="button button-arrow button-next" aria-label="Næste side" rel="next"[^>]* href="\/admin\/users\?q=anna&amp;role=admin&amp;page=3">/);
    expect(html).toContain('<span class="pagination-mobile">Side 2 af 3</span>');
    expect(html).toMatch(/<a class="button current-page" aria-label="Side 2" aria-current="page"[^>]*>2<\/a>/);
  });

  it("leaves out the previous link on the first page, the next link on the last, and dropped parameters", () => {
    const first = render("/admin/users?revoke=4&q=x", { page: 1, pageCount: 2, drop: ["revoke"] });
    expect(first).not.toContain("Forrige side");
    expect(first).toContain('href="/admin/users?q=x&amp;page=2"');
    expect(first).not.toContain("revoke");
    const last = render("/admin/users?page=2", { page: 2, pageCount: 2 });
    expect(last).not.toContain("Næste side");
  });
});
