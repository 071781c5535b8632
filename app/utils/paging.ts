// Paging for long lists: the page asked for in ?page=, clamped to the pages there are,
// and the page links to show (dkfds pagination: first, last and the current one's
// neighbours, the rest folded into an ellipsis).

/** Higher page numbers are typos or probes; they land on the last page. */
export const MAX_PAGE = 100_000;

/** The page number from ?page=; anything odd means the first page (not an error worth a message). */
export function pageParam(params: URLSearchParams): number {
  const raw = params.get("page") ?? "";
  if (!/^\d{1,9}$/.test(raw)) return 1;
  return Math.min(Math.max(1, Number(raw)), MAX_PAGE);
}

/** How many pages `total` rows fill; an empty list is one (empty) page. */
export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

export type PageWindow = { page: number; pageCount: number; offset: number; limit: number };

/** The requested page within the pages there are (past the end shows the last), and where its rows start. */
export function pageWindow(total: number, requested: number, pageSize: number): PageWindow {
  const pages = pageCount(total, pageSize);
  const page = Math.min(Math.max(1, Math.trunc(requested) || 1), pages);
  return { page, pageCount: pages, offset: (page - 1) * pageSize, limit: pageSize };
}

/** The page links to show, in order; "gap" stands for the pages folded away. */
export function pageItems(page: number, pages: number): (number | "gap")[] {
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
  if (pages <= 7) return range(1, pages);
  if (page < 5) return [...range(1, 5), "gap", pages];
  if (page + 4 > pages) return [1, "gap", ...range(pages - 4, pages)];
  return [1, "gap", page - 1, page, page + 1, "gap", pages];
}
