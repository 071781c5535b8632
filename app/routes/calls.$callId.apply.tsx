// Start the municipality's application for a call: GET asks, POST creates (or finds) it.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { found, requirePermission } from "~/auth/guards.server";
import { idParam } from "~/utils/params.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { Alert } from "~/components/form";
import { getDb } from "~/db.server";
import { applicationIdForCall, getCallToApply } from "~/domain/applications/applications.server";
import { startApplication } from "~/domain/applications/commands.server";
import { acceptsSubmissions } from "~/domain/calls/deadline";
import { commandFailure } from "~/utils/command-response.server";
import { formatDeadline } from "~/utils/dates";
import { formatOre } from "~/utils/money";
import { appNow } from "~/domain/clock/clock.server";

export const meta: MetaFunction = () => [{ title: "Start ansøgning · Puljeportal" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "application:create");
  const callId = idParam(params.callId);
  const db = await getDb();
  const existing = await applicationIdForCall(db, actor, callId);
  if (existing) throw redirect(`/applications/${existing}`);
  const call = found(await getCallToApply(db, actor, callId));
  return {
    call: {
      id: call.id,
      title: call.title,
      deadline: formatDeadline(call.deadline),
      max: call.maxAmountOre === null ? null : formatOre(call.maxAmountOre),
      open: acceptsSubmissions(call, await appNow(db)),
    },
    municipalityName: actor.municipalityName,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "application:create");
  const callId = idParam(params.callId);
  const result = await startApplication(await getDb(), actor, callId);
  if (!result.ok) return commandFailure(result, {});
  throw redirect(`/applications/${result.value.id}`);
}

export default function ApplyToCall() {
  const { call, municipalityName } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  return (
    <div className="pp-narrow">
      <Breadcrumbs trail={[{ to: "/calls", label: "Opslag" }]} current={call.title} />
      <h1>Start en ansøgning</h1>
      <p>
        Du starter {municipalityName ? `${municipalityName}s` : "kommunens"} ansøgning til <strong>{call.title}</strong>. Hver kommune
        har én ansøgning pr. opslag, som alle kommunens brugere kan arbejde på.
      </p>
      <p>Ansøgningsfrist: {call.deadline}.{call.max ? ` Der kan højst søges ${call.max}` : ""}</p>
      {actionData?.errors.form ? <Alert kind="error" heading="Ansøgningen blev ikke oprettet">{actionData.errors.form}</Alert> : null}
      {call.open ? (
        <Form method="post" className="pp-actions">
          <button type="submit" className="button button-primary" disabled={navigation.state === "submitting"}>
            Start ansøgning
          </button>
          <Link to="/calls">Fortryd</Link>
        </Form>
      ) : (
        <Alert kind="warning" heading="Fristen er overskredet">Opslaget modtager ikke længere ansøgninger.</Alert>
      )}
    </div>
  );
}
