// Det Fælles Designsystem's pagination: previous/next, numbered pages on wide screens
// and "Side x af y" on narrow ones. Links keep the list's other query parameters
// (filters, search, sort), so paging never loses what the user chose.
import { Link, useLocation } from "@remix-run/react";
import { pageItems } from "~/utils/paging";

function Chevron({ direction }: { direction: "left" | "right" }) {
  return (
    <svg className="icon-svg" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
      <path d={direction === "left" ? "M15.41 7.41 14 6l-6 6 6 6 1.41-1.41L10.83 12z" : "M10 6 8.59 7.41 13.17 12l-4.58 4.59L10 18l6-6z"} />
    </svg>
  );
}

export function Pagination({
  page,
  pageCount,
  drop = [],
}: {
  page: number;
  pageCount: number;
  /** Query parameters that belong to this visit only (confirmations, "saved" notices), left out of the links. */
  drop?: string[];
}) {
  const location = useLocation();
  if (pageCount <= 1) return null;
  const to = (p: number) => {
    const params = new URLSearchParams(location.search);
    for (const name of drop) params.delete(name);
    if (p > 1) params.set("page", String(p));
    else params.delete("page");
    const search = params.toString();
    return { pathname: location.pathname, search: search ? `?${search}` : "" };
  };
  return (
    <nav className="pagination" aria-label="Sidenavigation">
      {page > 1 ? (
        <Link to={to(page - 1)} className="button button-arrow button-previous" aria-label="Forrige side" rel="prev">
          <Chevron direction="left" />
          <span className="pagination-nav-link">Forrige</span>
        </Link>
      ) : null}
      <span className="pagination-mobile">
        Side {page} af {pageCount}
      </span>
      <ul className="pagination__items">
        {pageItems(page, pageCount).map((item, i) =>
          item === "gap" ? (
            <li key={`gap-${i}`} className="pagination-item pagination-overflow">
              <span className="sr-only">Prikker som indikerer skjulte sider</span>
              <span aria-hidden="true">…</span>
            </li>
          ) : (
            <li key={item} className="pagination-item pagination-number">
              <Link
                to={to(item)}
                className={item === page ? "button current-page" : "button button-secondary"}
                aria-label={item === pageCount && item !== page ? `Sidste side, side ${item}` : `Side ${item}`}
                aria-current={item === page ? "page" : undefined}
              >
                {item}
              </Link>
            </li>
          ),
        )}
      </ul>
      {page < pageCount ? (
        <Link to={to(page + 1)} className="button button-arrow button-next" aria-label="Næste side" rel="next">
          <span className="pagination-nav-link">Næste</span>
          <Chevron direction="right" />
        </Link>
      ) : null}
    </nav>
  );
}
