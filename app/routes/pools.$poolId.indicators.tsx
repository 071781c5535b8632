// A pool's numeric report indicators: the ministry defines them (label, unit, description);
// each grant's reporting plan picks among them.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { found, requirePermission } from "~/auth/guards.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { Alert, FieldError, FormErrorSummary } from "~/components/form";
import { getDb } from "~/db.server";
import { defineIndicator } from "~/domain/reports/commands.server";
import { INDICATOR_UNIT_LABELS, INDICATOR_UNITS } from "~/domain/reports/report-constants";
import { indicatorSchema } from "~/domain/reports/report-schemas";
import { indicatorsOfPool, poolForIndicators } from "~/domain/reports/queries.server";
import { commandFailure, invalidForm } from "~/utils/command-response.server";
import { formDataToObject, parseForm } from "~/utils/forms.server";
import { idParam } from "~/utils/params.server";

export const meta: MetaFunction = () => [{ title: "Indikatorer · Puljeportal" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "report:plan");
  const db = await getDb();
  const pool = found(await poolForIndicators(db, idParam(params.poolId)), "Puljen findes ikke.");
  const rows = await indicatorsOfPool(db, pool.id);
  return {
    pool,
    indicators: rows.map((r) => ({ id: r.id, label: r.label, unit: INDICATOR_UNIT_LABELS[r.unit], description: r.description, archived: Boolean(r.archivedAt) })),
    saved: new URL(request.url).searchParams.get("gemt") === "1",
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "report:plan");
  const db = await getDb();
  const poolId = idParam(params.poolId);
  const formData = await request.formData();
  const visible = async () => (await poolForIndicators(db, poolId)) !== null;
  const parsed = parseForm(formData, indicatorSchema);
  if (!parsed.ok) return invalidForm(visible, parsed);
  found((await visible()) || null, "Puljen findes ikke.");
  const result = await defineIndicator(db, actor, poolId, parsed.data);
  if (!result.ok) return commandFailure(result, formDataToObject(formData));
  throw redirect(`/pools/${poolId}/indicators?gemt=1`);
}

const labels: Record<string, string> = { label: "Navn", unit: "Enhed", description: "Beskrivelse" };

export default function PoolIndicators() {
  const d = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as { errors?: Record<string, string>; values?: Record<string, string> } | undefined;
  const busy = useNavigation().state !== "idle";
  const e = failure?.errors ?? {};
  const v = failure?.values ?? {};
  return (
    <>
      <Breadcrumbs
        trail={[
          { to: "/pools", label: "Puljer" },
          { to: `/pools/${d.pool.id}`, label: d.pool.name },
        ]}
        current="Indikatorer"
      />
      <h1>Indikatorer: {d.pool.name}</h1>
      <p>Talindikatorer, kommunerne rapporterer i deres statusrapporter. Hvert tilsagns rapporteringsplan vælger blandt dem.</p>
      {d.saved ? <Alert kind="success">Indikatoren er oprettet.</Alert> : null}
      {d.indicators.length === 0 ? (
        <p>Puljen har ingen indikatorer endnu.</p>
      ) : (
        <table className="table table--compact">
          <caption className="sr-only">Puljens indikatorer</caption>
          <thead>
            <tr>
              <th scope="col">Indikator</th>
              <th scope="col">Enhed</th>
              <th scope="col">Beskrivelse</th>
            </tr>
          </thead>
          <tbody>
            {d.indicators.map((i) => (
              <tr key={i.id}>
                <td>
                  {i.label}
                  {i.archived ? " (udgået)" : ""}
                </td>
                <td>{i.unit}</td>
                <td>{i.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Ny indikator</h2>
      <Form method="post" noValidate>
        <FormErrorSummary errors={failure?.errors} labelOf={(f) => labels[f]} />
        <div className={`form-group${e.label ? " form-error" : ""}`}>
          <label className="form-label" htmlFor="label">
            Navn
          </label>
          {e.label ? <FieldError id="label" message={e.label} /> : null}
          <input id="label" name="label" className="form-input" defaultValue={v.label ?? ""} aria-invalid={e.label ? true : undefined} />
        </div>
        <div className={`form-group${e.unit ? " form-error" : ""}`}>
          <label className="form-label" htmlFor="unit">
            Enhed
          </label>
          {e.unit ? <FieldError id="unit" message={e.unit} /> : null}
          <select id="unit" name="unit" className="form-select" defaultValue={v.unit ?? "count"}>
            {INDICATOR_UNITS.map((u) => (
              <option key={u} value={u}>
                {INDICATOR_UNIT_LABELS[u]}
              </option>
            ))}
          </select>
        </div>
        <div className={`form-group${e.description ? " form-error" : ""}`}>
          <label className="form-label" htmlFor="description">
            Beskrivelse (valgfri)
          </label>
          {e.description ? <FieldError id="description" message={e.description} /> : null}
          <textarea id="description" name="description" className="form-input" rows={3} defaultValue={v.description ?? ""} />
        </div>
        <button type="submit" className="button button-primary" disabled={busy}>
          Opret indikator
        </button>
      </Form>
    </>
  );
}
