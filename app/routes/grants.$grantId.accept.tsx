// Accept a grant (accept af tilsagn): GET asks for confirmation, POST accepts. Only the
// grant's own municipality, only while it is offered and the deadline has not passed
// (the command decides; the page only explains).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { forbidden, found, requirePermission } from "~/auth/guards.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { Alert } from "~/components/form";
import { getDb } from "~/db.server";
import { deadlineCountdown } from "~/domain/calls/call-schema";
import { appNow } from "~/domain/clock/clock.server";
import { acceptanceView, acceptGrant } from "~/domain/grants/acceptance.server";
import { commandFailure } from "~/utils/command-response.server";
import { formatDeadline } from "~/utils/dates";
import { formatOre } from "~/utils/money";
import { idParam } from "~/utils/params.server";

export const meta: MetaFunction = () => [{ title: "Acceptér tilsagn · Puljeportal" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "grant:accept");
  const db = await getDb();
  const now = await appNow(db);
  const g = found(await acceptanceView(db, actor, idParam(params.grantId), now));
  if (!g.mayAccept) forbidden("Kun kommunen, der har fået tilsagnet, kan acceptere det.");
  return {
    id: g.id,
    municipalityName: g.municipalityName,
    reference: g.reference,
    amount: formatOre(g.awardedOre),
    deadline: formatDeadline(g.acceptanceDeadline),
    countdown: deadlineCountdown(g.acceptanceDeadline, now),
    blocker: g.blocker,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "grant:accept");
  const id = idParam(params.grantId);
  const result = await acceptGrant(await getDb(), actor, id);
  if (!result.ok) return commandFailure(result, {});
  throw redirect(`/grants/${id}?accepted=1`);
}

export default function AcceptGrant() {
  const g = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  return (
    <div className="pp-narrow">
      <Breadcrumbs trail={[{ to: "/grants", label: "Tilsagn" }, { to: `/grants/${g.id}`, label: g.municipalityName }]} current="Acceptér" />
      <h1>Acceptér tilsagnet</h1>
      <p>
        {g.municipalityName} har fået tilsagn om <strong>{g.amount}</strong> (referencenummer {g.reference}). Ved at acceptere
        bekræfter kommunen at ville gennemføre projektet på vilkårene i tilsagnsbrevet.
      </p>
      <p>
        Frist for accept: {g.deadline} <span className="pp-muted">· {g.countdown}</span>
      </p>
      {actionData?.errors.form ? (
        <Alert kind="error" heading="Tilsagnet blev ikke accepteret">
          {actionData.errors.form}
        </Alert>
      ) : null}
      {g.blocker ? (
        <Alert kind="warning" heading="Tilsagnet kan ikke accepteres">
          {g.blocker}
        </Alert>
      ) : (
        <Form method="post" className="pp-actions">
          <button type="submit" className="button button-primary" disabled={navigation.state === "submitting"}>
            Ja, acceptér tilsagnet
          </button>
          <Link to={`/grants/${g.id}`}>Fortryd</Link>
        </Form>
      )}
    </div>
  );
}
