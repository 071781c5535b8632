import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { found, notFound, requirePermission } from "~/auth/guards.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { Alert, useValidatedForm } from "~/components/form";
import { getDb } from "~/db.server";
import { kickMailDispatcher } from "~/jobs.server";
import { getOutboxMessage, outboxMessageExists, recordMailView, requeueFailedMail } from "~/mail/queries.server";
import { invalidForm } from "~/utils/command-response.server";
import { idParam } from "~/utils/params.server";
import { mailStatusLabels } from "~/mail/status";
import { formatDateTime } from "~/utils/dates";
import { parseForm } from "~/utils/forms.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.message.subject ?? "E-mail"} · E-post · Puljeportal` },
];

const requeueSchema = z.strictObject({ intent: z.literal("requeue", { error: "Ukendt handling." }) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "mail:read");
  const id = idParam(params.id, "bigint");
  const db = await getDb();
  const message = found(await getOutboxMessage(db, id));
  await recordMailView(db, actor, id);
  return { message };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "mail:read");
  const id = idParam(params.id, "bigint");
  const db = await getDb();
  const parsed = parseForm(await request.formData(), requeueSchema);
  if (!parsed.ok) return invalidForm(() => outboxMessageExists(db, id), parsed);
  const result = await requeueFailedMail(db, actor, id);
  if (!result.ok) {
    if (result.reason === "not-found") notFound();
    return data({ ok: false as const, errors: { form: result.message }, values: {} }, { status: 409 });
  }
  kickMailDispatcher();
  throw redirect(`/admin/mail/${id}?requeued=1`);
}

function formatBytes(n: number) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1).replace(".", ",")} KB`;
  return `${(n / 1024 / 1024).toFixed(1).replace(".", ",")} MB`;
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{children}</td>
    </tr>
  );
}

export default function MailMessage() {
  const { message: m } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = actionData && !actionData.ok ? actionData : undefined;
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const { onSubmit } = useValidatedForm(requeueSchema, { defaultValues: { intent: "requeue" }, actionData: failure });
  return (
    <>
      <Breadcrumbs trail={[{ to: "/admin/mail", label: "E-post" }]} current={m.subject} />
      <h1>{m.subject}</h1>
      {params.get("requeued") === "1" ? (
        <Alert kind="success" heading="E-mailen er sat i kø igen">
          Den bliver sendt ved næste forsøg.
        </Alert>
      ) : null}
      {failure ? (
        <Alert kind="error" heading="E-mailen blev ikke sat i kø">
          {failure.errors.form ?? Object.values(failure.errors)[0] ?? "Formularen kunne ikke læses. Prøv igen."}
        </Alert>
      ) : null}
      <table className="table table--compact">
        <caption className="sr-only">Oplysninger om e-mailen</caption>
        <tbody>
          <Row label="Modtager">{m.toAddress}</Row>
          <Row label="Status">{mailStatusLabels[m.status]}</Row>
          <Row label="Oprettet">{formatDateTime(m.createdAt)}</Row>
          {m.sentAt ? <Row label="Sendt">{formatDateTime(m.sentAt)}</Row> : null}
          {m.status === "queued" ? <Row label="Næste forsøg">{formatDateTime(m.nextAttemptAt)}</Row> : null}
          <Row label="Fejlede forsøg">{m.attempts}</Row>
          {m.lastError ? <Row label="Seneste fejl">{m.lastError}</Row> : null}
          <Row label="Skabelon">{m.template}</Row>
          <Row label="Message-ID">
            <code>{m.messageId}</code>
          </Row>
        </tbody>
      </table>
      {m.status === "failed" ? (
        <Form method="post" onSubmit={onSubmit} noValidate className="pp-actions">
          <input type="hidden" name="intent" value="requeue" />
          <button type="submit" className="button button-primary" disabled={navigation.state === "submitting"}>
            Send igen
          </button>
        </Form>
      ) : null}
      <h2>Tekst</h2>
      <pre className="pp-pre">{m.textBody}</pre>
      <h2>Vedhæftede filer</h2>
      {m.attachments.length === 0 ? (
        <p>Ingen vedhæftede filer.</p>
      ) : (
        <ul>
          {m.attachments.map((a) => (
            <li key={a.id}>
              <a href={`/admin/mail/${m.id}/attachments/${a.id}`} download={a.filename}>
                {a.filename}
              </a>{" "}
              <span className="pp-muted">
                ({a.contentType}, {formatBytes(a.bytes)})
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
