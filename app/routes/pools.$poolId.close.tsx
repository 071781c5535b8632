// Close-out (afslutning) of a pool, admin only: what stands in the way (the rule's Danish
// list), the consequences, and a confirmation. After closing every write to the pool's data
// is refused (403); reading and the archive export keep working. No reopening (decision 026).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { found, requirePermission } from "~/auth/guards.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { Alert, FieldError, FormErrorSummary } from "~/components/form";
import { getDb } from "~/db.server";
import { appNow } from "~/domain/clock/clock.server";
import { closeOutEndDate } from "~/domain/pools/close-out";
import { closePool, loadCloseOutFacts } from "~/domain/pools/close-out.server";
import { commandFailure } from "~/utils/command-response.server";
import { formatDate, formatDateTime } from "~/utils/dates";
import { parseForm } from "~/utils/forms.server";
import { idParam } from "~/utils/params.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Afslut ${data.pool.name} · Puljeportal` : "Afslut pulje · Puljeportal" }];

const closeFormSchema = z.object({
  confirm: z.literal("ja", { message: "Bekræft, at du vil afslutte puljen, og at alt i den bliver skrivebeskyttet." }),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "pool:close");
  const db = await getDb();
  const now = await appNow(db);
  const state = found(await loadCloseOutFacts(db, idParam(params.poolId), now));
  return {
    pool: { id: state.pool.id, name: state.pool.name },
    closedAt: state.pool.closedAt ? formatDateTime(state.pool.closedAt) : null,
    closedByName: state.pool.closedByName,
    endDate: formatDate(closeOutEndDate(state.facts)),
    today: formatDate(now),
    blockers: state.verdict.mayClose ? [] : state.verdict.blockers,
    grantCount: state.facts.grants.length,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "pool:close");
  const poolId = idParam(params.poolId);
  const db = await getDb();
  // An unknown pool is 404 whatever was posted, as on every other route.
  found(await loadCloseOutFacts(db, poolId, await appNow(db)));
  const parsed = parseForm(await request.formData(), closeFormSchema);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const result = await closePool(db, actor, poolId);
  if (!result.ok) return commandFailure(result, {});
  throw redirect(`/pools/${poolId}?afsluttet=1`);
}

export default function ClosePoolPage() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData && !actionData.ok ? actionData.errors : undefined;
  return (
    <div className="pp-narrow">
      <Breadcrumbs trail={[{ to: "/pools", label: "Puljeoverblik" }, { to: `/pools/${d.pool.id}`, label: d.pool.name }]} current="Afslut puljen" />
      <h1>Afslut {d.pool.name}</h1>
      {d.closedAt ? (
        <Alert kind="info" heading="Puljen er afsluttet">
          Afsluttet {d.closedAt}
          {d.closedByName ? ` af ${d.closedByName}` : ""}. Alt i puljen er skrivebeskyttet. Du kan stadig se data og{" "}
          <a href={`/pools/${d.pool.id}/archive.zip`}>hente arkivudtrækket</a>.
        </Alert>
      ) : (
        <>
          <p>
            Når puljen er afsluttet, bliver alt i den skrivebeskyttet: opslag, ansøgninger, vurderinger, tilsagn, udbetalinger,
            budgetændringer, regnskaber, tilbagebetalinger, rådgivningsforløb, milepæle og statusrapporter. Ingen – heller ikke
            administratorer eller automatiske job – kan ændre noget i puljen bagefter, og afslutningen kan ikke fortrydes. Data kan
            stadig ses, og puljen kan hentes samlet til arkivering.
          </p>
          <dl className="pp-facts">
            <dt>Initiativets slutdato</dt>
            <dd>{d.endDate}</dd>
            <dt>Dato i dag</dt>
            <dd>{d.today}</dd>
            <dt>Tilsagn i puljen</dt>
            <dd>{d.grantCount}</dd>
          </dl>
          <p>
            <a href={`/pools/${d.pool.id}/archive.zip`}>Hent et prøveudtræk til arkivering (ZIP)</a>
          </p>
          {d.blockers.length > 0 ? (
            <Alert kind="warning" heading="Puljen kan ikke afsluttes endnu">
              <ul data-testid="close-blockers">
                {d.blockers.map((b) => (
                  <li key={b}>{b}</li>
                ))}
              </ul>
            </Alert>
          ) : (
            <Form method="post" noValidate>
              <FormErrorSummary errors={errors} />
              <div className={`form-group${errors?.confirm ? " form-error" : ""}`}>
                {errors?.confirm ? <FieldError id="confirm" message={errors.confirm} /> : null}
                <div className="form-group-checkbox">
                  <input id="confirm" type="checkbox" name="confirm" value="ja" className="form-checkbox" aria-describedby={errors?.confirm ? "confirm-error" : undefined} />
                  <label htmlFor="confirm">Jeg forstår, at alt i puljen bliver skrivebeskyttet, og at afslutningen ikke kan fortrydes.</label>
                </div>
              </div>
              {errors?.form ? <Alert kind="error">{errors.form}</Alert> : null}
              <div className="pp-actions">
                <button type="submit" className="button button-primary">
                  Afslut puljen
                </button>
              </div>
            </Form>
          )}
        </>
      )}
    </div>
  );
}
