// One budget change: both sides read it (scoped to the grant); the ministry approves or
// rejects it while it waits.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { found, requirePermission } from "~/auth/guards.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { BudgetChangeDetails } from "~/components/grant/budget-change-view";
import { getDb } from "~/db.server";
import { decidePendingBudgetChange } from "~/domain/budget-changes/commands.server";
import { budgetChangePage } from "~/domain/budget-changes/views.server";
import { budgetDecisionSchema } from "~/domain/grants/budget-change-schema";
import { budgetChangeDetail } from "~/domain/grants/budget-queries.server";
import { commandFailure, invalidForm } from "~/utils/command-response.server";
import { formDataToObject, parseForm } from "~/utils/forms.server";
import { idParam } from "~/utils/params.server";

export const meta: MetaFunction = () => [{ title: "Budgetændring · Puljeportal" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "grant:read");
  const grantId = idParam(params.grantId);
  const changeId = idParam(params.changeId);
  return found(await budgetChangePage(await getDb(), actor, grantId, changeId));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "budget-change:decide");
  const grantId = idParam(params.grantId);
  const changeId = idParam(params.changeId);
  const db = await getDb();
  const formData = await request.formData();
  const parsed = parseForm(formData, budgetDecisionSchema);
  if (!parsed.ok) return invalidForm(async () => Boolean(await budgetChangeDetail(db, actor, grantId, changeId)), parsed);
  const result = await decidePendingBudgetChange(db, actor, grantId, changeId, parsed.data);
  if (!result.ok) return commandFailure(result, formDataToObject(formData));
  throw redirect(`/grants/${grantId}?budgetaendring=${result.value.status}#grant-budget`);
}

export default function BudgetChangePage() {
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  return (
    <>
      <Breadcrumbs
        trail={[
          { to: "/grants", label: "Tilsagn" },
          { to: `/grants/${data.grantId}`, label: "Tilsagnet" },
        ]}
        current="Budgetændring"
      />
      <BudgetChangeDetails data={data} failure={failure && !failure.ok ? failure : undefined} />
    </>
  );
}
