// The application list's filters and sort order, to and from the URL: plain rules the
// list page, its component and the export share (no database here).
import type { Actor } from "~/auth/actor";
import { APPLICATION_STATUSES } from "~/domain/applications/application-constants";
import { statusesForMunicipalityFilter } from "~/domain/applications/status";
import { isMinistry } from "~/policy/permissions";
import { pageParam } from "~/utils/paging";

export const SORTS = ["need", "municipality", "amount", "submitted", "status", "score", "updated"] as const;
export type SortKey = (typeof SORTS)[number];

export const sortLabels: Record<SortKey, string> = {
  need: "Behovsindeks",
  municipality: "Kommune",
  amount: "Ansøgt beløb",
  submitted: "Indsendt",
  status: "Status",
  score: "Vægtet score",
  updated: "Senest ændret",
};

/** Rows per page the list offers; the first is the default. */
export const PAGE_SIZES = [25, 50, 100] as const;
export type PageSize = (typeof PAGE_SIZES)[number];

export type ListFilters = {
  callId: number | null;
  /** The ministry: an ApplicationStatus. Anyone else: a MunicipalityStatus (the statuses they are told). */
  status: string | null;
  municipalityCode: string | null;
  q: string;
  /** A user id, "none" for unassigned, or null for all. */
  assignedTo: string | null;
  includeDrafts: boolean;
  sort: SortKey;
  dir: "asc" | "desc";
  page: number;
  pageSize: PageSize;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** URL search params → filters. Anything malformed is ignored, never an error. */
export function parseListFilters(params: URLSearchParams, actor: Actor): ListFilters {
  const int = (v: string | null) => (v && /^\d{1,9}$/.test(v) ? Number(v) : null);
  const status = params.get("status") ?? "";
  const assigned = params.get("assigned") ?? "";
  const sort = params.get("sort") ?? "";
  const ministry = isMinistry(actor);
  const defaultSort: SortKey = ministry ? "need" : "updated";
  const validSort = (SORTS as readonly string[]).includes(sort) ? (sort as SortKey) : defaultSort;
  const dirParam = params.get("dir");
  const municipality = params.get("municipality") ?? "";
  return {
    callId: int(params.get("call")),
    status: ministry
      ? (APPLICATION_STATUSES as readonly string[]).includes(status)
        ? status
        : null
      : statusesForMunicipalityFilter(status)
        ? status
        : null,
    municipalityCode: /^\d{3,4}$/.test(municipality) ? municipality : null,
    q: (params.get("q") ?? "").trim().slice(0, 100),
    assignedTo: assigned === "none" || UUID.test(assigned) ? assigned : null,
    includeDrafts: params.get("drafts") === "1",
    sort: validSort,
    dir: dirParam === "asc" || dirParam === "desc" ? dirParam : defaultDir(validSort),
    page: pageParam(params),
    pageSize: (PAGE_SIZES as readonly number[]).includes(Number(params.get("pageSize"))) ? (Number(params.get("pageSize")) as PageSize) : PAGE_SIZES[0],
  };
}

function defaultDir(sort: SortKey): "asc" | "desc" {
  return sort === "municipality" || sort === "status" ? "asc" : "desc";
}

/** The filters back as URL params (for paging, sort links and the export links). */
export function filtersToParams(f: ListFilters, overrides: Partial<Record<string, string | null>> = {}) {
  const p = new URLSearchParams();
  if (f.callId) p.set("call", String(f.callId));
  if (f.status) p.set("status", f.status);
  if (f.municipalityCode) p.set("municipality", f.municipalityCode);
  if (f.q) p.set("q", f.q);
  if (f.assignedTo) p.set("assigned", f.assignedTo);
  if (f.includeDrafts) p.set("drafts", "1");
  p.set("sort", f.sort);
  p.set("dir", f.dir);
  if (f.pageSize !== PAGE_SIZES[0]) p.set("pageSize", String(f.pageSize));
  if (f.page > 1) p.set("page", String(f.page));
  for (const [k, v] of Object.entries(overrides)) {
    if (v === null || v === undefined) p.delete(k);
    else p.set(k, v);
  }
  return p;
}
