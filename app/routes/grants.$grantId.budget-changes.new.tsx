// The municipality asks for a budget change on its own grant: the grid of the version in
// force, pre-filled, and a reason. The command parses the raw form (the grid and the
// committed amount are stored data), applies the rule and answers registered or pending.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { found, requirePermission } from "~/auth/guards.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { Alert } from "~/components/form";
import { BudgetChangeForm } from "~/components/grant/budget-change-form";
import { getDb } from "~/db.server";
import { linesToInputs } from "~/domain/applications/budget";
import { PENDING_EXISTS, requestBudgetChange } from "~/domain/budget-changes/commands.server";
import { changesOf, grantBudgetContext, versionInForce } from "~/domain/grants/budget-queries.server";
import { commandFailure } from "~/utils/command-response.server";
import { formDataToObject } from "~/utils/forms.server";
import { formatOre, oreToInput } from "~/utils/money";
import { idParam } from "~/utils/params.server";

export const meta: MetaFunction = () => [{ title: "Anmod om budgetændring · Puljeportal" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "budget-change:request");
  const id = idParam(params.grantId);
  const db = await getDb();
  const ctx = found(await grantBudgetContext(db, actor, id));
  const current = await versionInForce(db, id);
  const pending = (await changesOf(db, id)).find((c) => c.status === "pending");
  const blocked =
    ctx.grant.status !== "accepted"
      ? "Budgettet kan kun ændres på et tilsagn, som kommunen har accepteret, og som ikke er afsluttet."
      : !current
        ? "Tilsagnet har endnu ikke et budget, der kan ændres."
        : pending
          ? PENDING_EXISTS
          : null;
  const grid = { categoryIds: ctx.categories.map((c) => c.id), quarters: ctx.quarters };
  return {
    blocked,
    pendingId: pending?.id ?? null,
    form: {
      grantId: id,
      categories: ctx.categories,
      quarters: ctx.quarters,
      committedOre: ctx.grant.committedOre,
      version: current?.version ?? 0,
      current: current?.lines ?? [],
      values: { ...linesToInputs(grid, current?.lines ?? [], oreToInput), reason: "" },
      thresholds: ctx.thresholds,
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "budget-change:request");
  const id = idParam(params.grantId);
  const formData = await request.formData();
  const result = await requestBudgetChange(await getDb(), actor, id, formDataToObject(formData));
  if (!result.ok) return commandFailure(result, formDataToObject(formData));
  throw redirect(`/grants/${id}?budgetaendring=${result.value.status}#grant-budget`);
}

export default function RequestBudgetChange() {
  const { form, blocked, pendingId } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  return (
    <>
      <Breadcrumbs
        trail={[
          { to: "/grants", label: "Tilsagn" },
          { to: `/grants/${form.grantId}`, label: "Tilsagnet" },
        ]}
        current="Budgetændring"
      />
      <h1>Anmod om budgetændring</h1>
      <p>
        Ændringen måles mod det gældende budget (version {form.version}). Flyttes der over {form.thresholds.percent} % af en
        budgetpost eller over {formatOre(form.thresholds.ore)}, skal ministeriet godkende ændringen, før den gælder. Ellers
        registreres den og gælder med det samme. En budgetpost er en udgiftskategori for hele projektperioden; at flytte penge
        mellem kvartaler i samme budgetpost registreres altid.
      </p>
      {blocked ? (
        <Alert kind="warning" heading="Budgettet kan ikke ændres nu">
          <p>{blocked}</p>
          <p>
            {pendingId ? <Link to={`/grants/${form.grantId}/budget-changes/${pendingId}`}>Se den ventende ændring</Link> : null}{" "}
            <Link to={`/grants/${form.grantId}`}>Tilbage til tilsagnet</Link>
          </p>
        </Alert>
      ) : (
        <BudgetChangeForm data={form} failure={failure && !failure.ok ? failure : undefined} />
      )}
    </>
  );
}
