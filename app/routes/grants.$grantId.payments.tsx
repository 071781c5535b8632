// The ministry works on one grant's payments: prepare, approve (another person), mark
// paid, correct a paid one, and stop or release the grant's payments.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { found, requirePermission } from "~/auth/guards.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { Alert, FormErrorSummary } from "~/components/form";
import { PaymentHoldAlert } from "~/components/grant/grant-payments";
import { PaymentHoldForm, PaymentManageTable } from "~/components/payments/payment-manage";
import { getDb } from "~/db.server";
import { appNow } from "~/domain/clock/clock.server";
import { getGrant } from "~/domain/grants/queries.server";
import {
  approvePayment,
  correctPayment,
  markPaymentPaid,
  preparePayment,
  returnPayment,
  setPaymentHold,
} from "~/domain/payments/commands.server";
import { paymentActionSchema } from "~/domain/payments/payment-schemas";
import { grantPayments, grantPaymentsSection } from "~/domain/payments/queries.server";
import { commandFailure, invalidForm } from "~/utils/command-response.server";
import { copenhagenDateString } from "~/utils/dates";
import { formDataToObject, parseForm } from "~/utils/forms.server";
import { idParam } from "~/utils/params.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Udbetalinger til ${data.municipalityName} · Puljeportal` : "Udbetalinger · Puljeportal" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "payment:manage");
  const id = idParam(params.grantId);
  const db = await getDb();
  const g = found(await getGrant(db, actor, id));
  const section = found(await grantPaymentsSection(db, actor, id, true));
  const raw = found(await grantPayments(db, actor, id));
  const mine = new Set(raw.rows.filter((r) => r.preparedBy === actor.userId).map((r) => r.id));
  return {
    grantId: id,
    municipalityName: g.municipalityName,
    grantStatus: g.grant.status,
    holdReason: section.holdReason,
    rows: section.rows.map((r) => ({ ...r, mine: mine.has(r.id) })),
    today: copenhagenDateString(await appNow(db)),
  };
}

const DONE: Record<string, string> = {
  prepare: "Udbetalingen er klargjort. En anden medarbejder skal godkende den.",
  approve: "Udbetalingen er godkendt.",
  return: "Udbetalingen er sendt tilbage til planlagt.",
  markPaid: "Udbetalingen er markeret som udbetalt og bogført.",
  correct: "Rettelsen er bogført, og de resterende udbetalinger er lagt om.",
  hold: "Udbetalingerne er standset.",
  release: "Stoppet for udbetalinger er ophævet.",
};

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "payment:manage");
  const grantId = idParam(params.grantId);
  const db = await getDb();
  const formData = await request.formData();
  const parsed = parseForm(formData, paymentActionSchema);
  if (!parsed.ok) return invalidForm(async () => (await grantPayments(db, actor, grantId)) !== null, parsed);
  const f = parsed.data;
  const result =
    f.intent === "prepare"
      ? await preparePayment(db, actor, f.paymentId, grantId)
      : f.intent === "approve"
        ? await approvePayment(db, actor, f.paymentId, grantId)
        : f.intent === "return"
          ? await returnPayment(db, actor, f.paymentId, grantId)
          : f.intent === "markPaid"
            ? await markPaymentPaid(db, actor, f.paymentId, f.paidOn, grantId)
            : f.intent === "correct"
              ? await correctPayment(
                  db,
                  actor,
                  f.paymentId,
                  { deltaOre: f.direction === "less" ? -f.correctionAmount : f.correctionAmount, bookedOn: f.bookedOn, reason: f.reason },
                  grantId,
                )
              : await setPaymentHold(db, actor, grantId, f.intent === "hold" ? f.holdReason : null);
  if (!result.ok) return commandFailure(result, formDataToObject(formData));
  throw redirect(`/grants/${grantId}/payments?done=${f.intent}`);
}

export default function GrantPaymentsPage() {
  const { grantId, municipalityName, holdReason, rows, today, grantStatus } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [search] = useSearchParams();
  const done = DONE[search.get("done") ?? ""];
  return (
    <>
      <Breadcrumbs
        trail={[
          { to: "/grants", label: "Tilsagn" },
          { to: `/grants/${grantId}`, label: municipalityName },
        ]}
        current="Udbetalinger"
      />
      <h1>Udbetalinger til {municipalityName}</h1>
      {actionData && "errors" in actionData ? <FormErrorSummary errors={actionData.errors} /> : null}
      {done && !actionData ? <Alert kind="success">{done}</Alert> : null}
      {grantStatus !== "accepted" ? (
        <Alert kind="info">Tilsagnet er ikke accepteret: der kan først udbetales, når kommunen har accepteret det.</Alert>
      ) : null}
      <PaymentHoldAlert reason={holdReason} />
      {rows.length === 0 ? <p>Der er ingen udbetalingsplan endnu.</p> : <PaymentManageTable rows={rows} today={today} held={holdReason !== null} />}
      <h2>Stop for udbetalinger</h2>
      <p>Udbetalinger standses fx, når en påkrævet rapport mangler. Klargøring og godkendelse afvises, så længe stoppet gælder.</p>
      <PaymentHoldForm held={holdReason !== null} />
    </>
  );
}

