// Attachments of an application: upload (multipart) and delete (after a confirmation
// page). The application page links here; without JavaScript this page also shows
// what went wrong with an upload.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { found, requireActor, requirePermission } from "~/auth/guards.server";
import { idParam } from "~/utils/params.server";
import { AttachmentList, AttachmentUpload } from "~/components/application-attachments";
import { Alert } from "~/components/form";
import { getDb } from "~/db.server";
import { applicationVisible, getApplication, referenceNumber } from "~/domain/applications/applications.server";
import { deleteAttachment, getAttachment, uploadAttachment } from "~/domain/applications/attachments.server";
import { isEditableByMunicipality } from "~/domain/applications/status";
import { can } from "~/policy/permissions";
import { commandFailure, invalidForm } from "~/utils/command-response.server";
import { formatDateTime } from "~/utils/dates";

export const meta: MetaFunction = () => [{ title: "Bilag · Puljeportal" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const id = idParam(params.applicationId);
  const db = await getDb();
  const d = found(await getApplication(db, actor, id));
  const editable = can(actor, "application:edit", d.application) && isEditableByMunicipality(d.application.status);
  const deleteId = new URL(request.url).searchParams.get("slet");
  const toDelete = deleteId && editable ? found(await getAttachment(db, actor, id, deleteId)) : null;
  return {
    applicationId: id,
    reference: referenceNumber(d.application),
    municipalityName: d.municipalityName,
    editable,
    toDelete: toDelete ? { id: toDelete.id, filename: toDelete.filename } : null,
    attachments: d.attachments.map((f) => ({ ...f, uploadedAt: formatDateTime(f.uploadedAt) })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "application:edit");
  const id = idParam(params.applicationId);
  const db = await getDb();
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "upload") {
    const file = formData.get("file");
    const result = await uploadAttachment(db, actor, id, file instanceof File ? file : null);
    if (!result.ok) return commandFailure(result, {}, {}, { field: "file" });
    throw redirect(`/applications/${id}?bilag=1#bilag`);
  }
  if (intent === "delete") {
    const result = await deleteAttachment(db, actor, id, String(formData.get("attachmentId") ?? ""));
    if (!result.ok) return commandFailure(result, {});
    throw redirect(`/applications/${id}?slettet=1#bilag`);
  }
  return invalidForm(() => applicationVisible(db, actor, id), { errors: { form: "Ukendt handling." } });
}

export default function Attachments() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = actionData?.errors ?? {};
  return (
    <div className="pp-narrow">
      <p>
        <Link to={`/applications/${d.applicationId}`}>Tilbage til ansøgningen</Link>
      </p>
      <h1>Bilag til ansøgning {d.reference}</h1>
      {errors.form ? <Alert kind="error">{errors.form}</Alert> : null}
      {d.toDelete ? (
        <Form method="post">
          <Alert kind="warning" heading="Vil du slette bilaget?">
            „{d.toDelete.filename}“ fjernes fra ansøgningen.
          </Alert>
          <input type="hidden" name="intent" value="delete" />
          <input type="hidden" name="attachmentId" value={d.toDelete.id} />
          <div className="pp-actions">
            <button type="submit" className="button button-primary">
              Ja, slet bilaget
            </button>
            <Link to={`/applications/${d.applicationId}#bilag`}>Fortryd</Link>
          </div>
        </Form>
      ) : (
        <>
          <AttachmentList applicationId={d.applicationId} attachments={d.attachments} editable={d.editable} />
          {d.editable ? <AttachmentUpload applicationId={d.applicationId} error={errors.file} /> : null}
        </>
      )}
    </div>
  );
}
