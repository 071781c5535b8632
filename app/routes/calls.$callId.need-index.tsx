import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { found, notFound, requirePermission } from "~/auth/guards.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { Alert } from "~/components/form";
import { Pagination } from "~/components/pagination";
import { getCallFor } from "~/domain/calls/queries.server";
import {
  importNeedIndex,
  knownMunicipalityCodes,
  NEED_INDEX_PAGE_SIZE,
  needIndexPage,
  needIndexSummary,
  readNeedIndexFile,
} from "~/domain/calls/need-index.server";
import { getDb } from "~/db.server";
import { formatNeedIndex } from "~/domain/assessment/scoring";
import { FAILURE_STATUS } from "~/utils/command-response.server";
import { formatDateTime } from "~/utils/dates";
import { idParam } from "~/utils/params.server";
import { pageParam, pageWindow } from "~/utils/paging";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Behovsindeks · ${data?.call.title ?? "Opslag"} · Puljeportal` },
];

const SHOWN_ERRORS = 100;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "call:manage");
  const db = await getDb();
  const call = found(await getCallFor(db, actor, idParam(params.callId)));
  const summary = await needIndexSummary(db, call.id);
  const { page, pageCount: pages, offset } = pageWindow(summary?.count ?? 0, pageParam(new URL(request.url).searchParams), NEED_INDEX_PAGE_SIZE);
  const rows = summary ? await needIndexPage(db, call.id, offset) : [];
  return {
    call: { id: call.id, title: call.title },
    summary: summary
      ? { count: summary.count, importedAt: formatDateTime(summary.importedAt), importedBy: summary.importedBy ?? "ukendt bruger" }
      : null,
    rows: rows.map((r) => ({ ...r, value: formatNeedIndex(r.value) })),
    page,
    pages,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "call:manage");
  const callId = idParam(params.callId);
  const db = await getDb();
  found(await getCallFor(db, actor, callId));
  const form = await request.formData();
  const file = form.get("file");
  if (!(file instanceof File) || (file.size === 0 && file.name === "")) {
    return data({ errors: ["Vælg en CSV- eller XLSX-fil med behovsindekset."], filename: null }, { status: 400 });
  }
  const parsed = await readNeedIndexFile(file, await knownMunicipalityCodes(db));
  if (!parsed.ok) return data({ errors: parsed.errors, filename: file.name }, { status: 400 });
  const result = await importNeedIndex(db, actor, callId, parsed.rows, { filename: file.name });
  if (!result.ok) {
    if (result.kind === "not_found") notFound();
    // This page lists problems line by line, so the message goes into its list.
    return data({ errors: [result.message], filename: file.name }, { status: FAILURE_STATUS[result.kind] });
  }
  const rounded = parsed.rows.filter((r) => r.roundedFrom).map((r) => r.line);
  throw redirect(`/calls/${callId}/need-index?imported=${result.value.count}${rounded.length ? `&rounded=${rounded.join(",")}` : ""}`);
}

export default function NeedIndexPage() {
  const { call, summary, rows, page, pages } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const imported = params.get("imported");
  const roundedLines = (params.get("rounded") ?? "").split(",").filter((l) => /^\d{1,5}$/.test(l));
  const errors = actionData?.errors ?? [];
  return (
    <>
      <Breadcrumbs trail={[{ to: "/calls", label: "Opslag" }, { to: `/calls/${call.id}`, label: call.title }]} current="Behovsindeks" />
      <h1>Behovsindeks</h1>
      <p>
        Behovsindekset viser hver kommunes andel af udsatte børn og er udgangspunktet for rangeringen af ansøgningerne.
        En ny import erstatter hele det nuværende indeks.
      </p>

      {imported && errors.length === 0 ? (
        <Alert kind="success" heading="Behovsindekset er importeret">
          {imported} kommuner blev importeret.
        </Alert>
      ) : null}
      {imported && errors.length === 0 && roundedLines.length > 0 ? (
        <Alert kind="info" heading="Nogle værdier er afrundet">
          {roundedLines.length === 1 ? "Værdien" : "Værdierne"} i linje {roundedLines.join(", ")} havde mere end 4 decimaler og er afrundet
          til 4 decimaler, som indekset vises og rangeres med.
        </Alert>
      ) : null}

      {errors.length > 0 ? (
        <div className="alert alert-error" role="alert" tabIndex={-1}>
          <div className="alert-body">
            <p className="alert-heading">
              Intet blev importeret{actionData?.filename ? ` fra ${actionData.filename}` : ""}
            </p>
            <div className="alert-text">
              <p>Ret {errors.length === 1 ? "fejlen" : `de ${errors.length} fejl`} i filen, og importér den igen.</p>
              <ul>
                {errors.slice(0, SHOWN_ERRORS).map((e) => (
                  <li key={e}>{e}</li>
                ))}
              </ul>
              {errors.length > SHOWN_ERRORS ? <p>… og {errors.length - SHOWN_ERRORS} fejl mere.</p> : null}
            </div>
          </div>
        </div>
      ) : null}

      <h2>Importér fra fil</h2>
      <Form method="post" encType="multipart/form-data">
        <div className="form-group">
          <label className="form-label" htmlFor="file">
            CSV- eller Excel-fil (.xlsx), højst 5 MB
          </label>
          <span className="form-hint" id="file-hint">
            Første linje er en overskrift med kolonnerne <strong>kommunekode</strong> og <strong>indeks</strong>, og evt.{" "}
            <strong>note</strong> (kilde). CSV kan være adskilt med semikolon eller komma; decimaler med komma eller punktum
            (1,2345 eller 1.2345), højst 4 decimaler. I et regneark bruges det første ark.
          </span>
          <input
            className="form-file-input"
            type="file"
            id="file"
            name="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby="file-hint"
            required
          />
        </div>
        <div className="pp-actions">
          <button type="submit" className="button button-primary" disabled={navigation.state === "submitting"}>
            {navigation.state === "submitting" ? "Importerer …" : "Importér behovsindeks"}
          </button>
          <a href={`/calls/${call.id}/need-index/template.csv`} download>
            Hent skabelon (CSV)
          </a>
        </div>
      </Form>

      <h2>Nuværende behovsindeks</h2>
      {summary ? (
        <>
          <p className="pp-muted">
            {summary.count} kommuner · importeret {summary.importedAt} af {summary.importedBy}
          </p>
          <div className="pp-table-wrap">
            <table className="table table--zebra table--compact">
              <thead>
                <tr>
                  <th scope="col" className="pp-num">Rang</th>
                  <th scope="col">Kommune</th>
                  <th scope="col" className="pp-num">Indeks</th>
                  <th scope="col">Note</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.municipalityCode}>
                    <td className="pp-num">{r.rank}</td>
                    <td>
                      {r.municipalityName} <span className="pp-muted">({r.municipalityCode})</span>
                    </td>
                    <td className="pp-num">{r.value}</td>
                    <td>{r.sourceNote}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination page={page} pageCount={pages} drop={["imported"]} />
        </>
      ) : (
        <p>Der er ikke importeret et behovsindeks til dette opslag endnu.</p>
      )}
    </>
  );
}
