// /hvem-fik-hvad: open grant data, public and read-only (decision 022). Every decided
// grant that stands (offered, accepted, closed) with municipality, amount, purpose,
// period, pool and date of decision; the same rows as 360Giving JSON and CSV.
// No sign-in: the query has no actor, only publicGrantScope and a column whitelist.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { OpenGrantFilters, OpenGrantTable } from "~/components/grant/open-grants";
import { Pagination } from "~/components/pagination";
import { getDb } from "~/db.server";
import { grantStatusLabel } from "~/domain/grants/grant-labels";
import { themeText } from "~/domain/grants/open-data";
import { listOpenGrants, openGrantFilterOptions, parseOpenGrantFilters } from "~/domain/grants/open-data.server";
import { formatDate } from "~/utils/dates";
import { formatOre } from "~/utils/money";

export const meta: MetaFunction = () => [
  { title: "Hvem fik hvad · Puljeportal" },
  { name: "description", content: "Alle tilsagn fra Social- og Boligministeriets puljer i Puljeportal: kommune, beløb, formål, periode og dato for afgørelsen." },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const filters = parseOpenGrantFilters(url.searchParams);
  const db = await getDb();
  const list = await listOpenGrants(db, filters);
  const options = await openGrantFilterOptions(db);
  // The exports take the same filters (not the page or the sort).
  const exportQuery = new URLSearchParams();
  if (filters.q) exportQuery.set("q", filters.q);
  if (filters.poolId) exportQuery.set("pulje", String(filters.poolId));
  if (filters.year) exportQuery.set("aar", String(filters.year));
  const query = exportQuery.toString() ? `?${exportQuery.toString()}` : "";
  return {
    filters: { q: filters.q, poolId: filters.poolId, year: filters.year, sort: filters.sort },
    ...options,
    total: list.total,
    page: list.page,
    pages: list.pages,
    awardedSum: formatOre(list.awardedSumOre),
    exportQuery: query,
    // Each call's published purpose once (the table names the call in the purpose column).
    purposes: [...new Map(list.rows.map((r) => [r.callTitle, r.callPurpose])).entries()].map(([title, text]) => ({ title, text })),
    rows: list.rows.map((r) => ({
      id: r.id,
      municipality: r.municipalityOfficialName,
      kommunekode: r.municipalityCode,
      amount: formatOre(r.awardedOre),
      purpose: r.callTitle,
      themes: themeText(r.themes),
      period: `${formatDate(r.projectStart)}–${formatDate(r.projectEnd)}`,
      pool: r.poolName,
      decidedOn: formatDate(r.decidedAt),
      status: grantStatusLabel(r.status),
    })),
  };
}

export default function WhoGotWhat() {
  const { filters, pools, years, total, page, pages, awardedSum, exportQuery, rows, purposes } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Hvem fik hvad</h1>
      <div className="pp-narrow">
        <p className="font-lead">
          Her kan alle se de tilsagn, Social- og Boligministeriet har givet fra puljerne i Puljeportal: hvilken kommune,
          hvor stort beløbet er, hvad det er givet til, projektperioden og hvornår der blev truffet afgørelse.
        </p>
        <p>
          Listen viser kun tilsagn, der er truffet afgørelse om, og som stadig står ved magt. Ansøgninger, der ikke er
          afgjort eller har fået afslag, og tilsagn, der er bortfaldet eller annulleret, er ikke med. Der er ingen
          oplysninger om personer. Data kan hentes i formatet fra 360Giving Data Standard.
        </p>
      </div>
      <OpenGrantFilters filters={filters} pools={pools} years={years} />
      <p aria-live="polite">
        {total === 1 ? "1 tilsagn" : `${total} tilsagn`} · i alt {awardedSum}
        {pages > 1 ? ` · side ${page} af ${pages}` : ""}
      </p>
      {total === 0 ? <p>Ingen tilsagn matcher filtrene.</p> : <OpenGrantTable rows={rows} total={awardedSum} />}
      <Pagination page={page} pageCount={pages} />
      {purposes.length ? (
        <>
          <h2>Formål med tilskuddene</h2>
          <div className="pp-narrow">
            {purposes.map((p) => (
              <div key={p.title}>
                <h3>{p.title}</h3>
                <p>{p.text}</p>
              </div>
            ))}
          </div>
        </>
      ) : null}
      <h2>Hent data</h2>
      <ul>
        <li>
          {/* Plain links: resource routes, downloaded by the browser, not rendered by Remix. */}
          <a href={`/hvem-fik-hvad.json${exportQuery}`}>JSON (360Giving Data Standard)</a>
        </li>
        <li>
          <a href={`/hvem-fik-hvad.csv${exportQuery}`}>CSV (360Giving Data Standard, kommasepareret, UTF-8)</a>
        </li>
      </ul>
      <p className="form-hint">
        Beløb i kroner med punktum som decimaltegn; kommuner er angivet med kommunekode (DK-KOM-kode). Filtrene ovenfor
        gælder også for filerne.
      </p>
    </>
  );
}
