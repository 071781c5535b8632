// The application: the municipality edits it while it is a draft (or reopened for a
// correction); everyone else who may see it, and the municipality after submitting,
// gets the read-only view.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { found, notFound, requireActor, requirePermission } from "~/auth/guards.server";
import { ApplicationForm, type ApplicationActionData } from "~/components/application-form";
import { ApplicationView } from "~/components/application-view";
import { getDb } from "~/db.server";
import { applicationSubmitSchema, contentToFormValues, saveableDraft } from "~/domain/applications/application-schema";
import { contentOf, getApplication, parseId, referenceNumber } from "~/domain/applications/applications.server";
import { atTime, type CommandFailure, saveApplication, submissionBlocker, submitApplication } from "~/domain/applications/commands.server";
import { isEditableByMunicipality, municipalityStatus, statusLabelFor } from "~/domain/applications/status";
import { acceptsSubmissions, contentChangeBlocker, timeLeft } from "~/domain/calls/deadline";
import { appNow } from "~/domain/clock/clock.server";
import { audienceOf, can, isMinistry } from "~/policy/permissions";
import { copenhagenTimeString, formatDateTime, formatDeadline } from "~/utils/dates";
import { formDataToObject, parseForm } from "~/utils/forms.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Ansøgning ${data.application.reference} · Puljeportal` : "Ansøgning · Puljeportal" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const id = found(parseId(params.applicationId));
  const db = await getDb();
  const d = found(await getApplication(db, actor, id));
  const a = d.application;
  const now = await appNow(db);
  const closedReason = contentChangeBlocker(a.status, d.call, now);
  const editable = can(actor, "application:edit", a) && isEditableByMunicipality(a.status) && !closedReason;
  const audience = audienceOf(actor);
  return {
    mode: editable ? ("edit" as const) : ("view" as const),
    closedReason: can(actor, "application:edit", a) ? closedReason : null,
    isMinistry: isMinistry(actor),
    application: {
      id: a.id,
      reference: referenceNumber(a),
      // Outside the ministry the internal state does not leave the server.
      status: audience === "ministry" ? a.status : municipalityStatus(a.status),
      statusLabel: statusLabelFor(a.status, audience),
      version: a.version,
      reopenReason: a.reopenReason,
      submittedAt: a.submittedAt ? formatDateTime(a.submittedAt) : null,
      submittedByName: d.submittedByName,
      updatedAt: atTime(a.updatedAt),
      updatedByName: d.updatedByName,
      requestedOre: a.requestedOre.toString(),
    },
    call: {
      id: d.call.id,
      title: d.call.title,
      deadline: formatDeadline(d.call.deadline),
      open: acceptsSubmissions(d.call, now),
      timeLeft: timeLeft(d.call.deadline, now),
      maxOre: d.call.maxAmountOre === null ? null : d.call.maxAmountOre.toString(),
    },
    municipalityName: d.municipalityName,
    categories: d.categories,
    quarters: d.quarters,
    values: contentToFormValues(d.grid, contentOf(d)),
    attachments: d.attachments.map((f) => ({
      id: f.id,
      filename: f.filename,
      sizeBytes: f.sizeBytes,
      uploadedAt: formatDateTime(f.uploadedAt),
    })),
  };
}

const CONTROL_FIELDS = ["intent", "version", "confirm"] as const;
const CONFIRM_MESSAGE = "Bekræft, at ansøgningen er klar til at blive indsendt.";
const PARTIAL_MESSAGE = "Kladden er gemt, undtagen de felter, der er markeret med fejl. De har stadig deres tidligere indhold.";

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "application:edit");
  const id = found(parseId(params.applicationId));
  const db = await getDb();
  const d = found(await getApplication(db, actor, id));
  const now = await appNow(db);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "save");
  const version = Number(formData.get("version"));
  const confirmed = formData.get("confirm") === "ja";
  for (const k of CONTROL_FIELDS) formData.delete(k);
  const values = typedValues(formData);
  const fail = (status: number, body: Omit<Extract<ApplicationActionData, { ok: false }>, "ok" | "values" | "version">) =>
    data({ ok: false as const, values, version, ...body } satisfies ApplicationActionData, { status });

  if (!["save", "autosave", "submit"].includes(intent)) return fail(400, { errors: { form: "Ukendt handling." } });
  // The status machine decides first, so a submitted application refuses every change clearly.
  if (intent === "submit") {
    const blocker = submissionBlocker(d.application.status, d.call, now);
    if (blocker) return fail(409, { errors: { form: blocker } });
  } else if (!isEditableByMunicipality(d.application.status)) {
    return fail(409, { errors: { form: `Ansøgningen har status „${statusLabelFor(d.application.status, audienceOf(actor))}“ og kan ikke længere ændres.` } });
  } else {
    const closed = contentChangeBlocker(d.application.status, d.call, now);
    if (closed) return fail(409, { errors: { form: closed } });
  }
  if (!Number.isInteger(version) || version < 1) {
    return fail(400, { errors: { form: "Formularen mangler versionsnummeret. Genindlæs siden." } });
  }
  const refusal = (result: CommandFailure) => {
    if (result.kind === "not_found") notFound();
    return fail(result.kind === "invalid" ? 400 : 409, {
      errors: { ...result.errors, form: result.message },
      conflict: result.kind === "conflict",
    });
  };
  if (intent === "submit") {
    const parsed = parseForm(formData, applicationSubmitSchema(d.grid, d.call.maxAmountOre));
    if (!parsed.ok || !confirmed) {
      const errors = parsed.ok ? {} : parsed.errors;
      if (!confirmed) errors.confirm = CONFIRM_MESSAGE;
      return fail(400, { errors });
    }
    const submitted = await submitApplication(db, actor, { id, version, content: parsed.data }, now);
    if (!submitted.ok) return refusal(submitted);
    throw redirect(`/applications/${id}/receipt`);
  }
  // A draft keeps every valid value; an invalid field keeps its stored value and is marked.
  const draft = saveableDraft(d.grid, formDataToObject(formData), contentToFormValues(d.grid, contentOf(d)));
  if (!draft.ok) return fail(400, { errors: draft.errors });
  const result = await saveApplication(db, actor, { id, version, content: draft.content }, now);
  if (!result.ok) return refusal(result);
  const invalid = Object.keys(draft.invalid).length ? draft.invalid : undefined;
  if (intent === "autosave") {
    return data({ ok: true as const, version: result.version, savedAt: copenhagenTimeString(result.savedAt), invalid } satisfies ApplicationActionData);
  }
  if (invalid) {
    return data(
      { ok: false as const, values, version: result.version, partial: true, errors: { ...invalid, form: PARTIAL_MESSAGE } } satisfies ApplicationActionData,
      { status: 400 },
    );
  }
  throw redirect(`/applications/${id}?gemt=${result.version}`);
}

/** What the user typed, for re-showing after an error (an unticked theme list is empty, not "unchanged"). */
function typedValues(formData: FormData): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(formDataToObject(formData))) {
    if (typeof v === "string") out[k] = v;
    else if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === "string");
  }
  const themes = out.themes;
  out.themes = themes === undefined ? [] : Array.isArray(themes) ? themes : [themes];
  return out;
}

export default function ApplicationPage() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ApplicationActionData | undefined;
  if (loaderData.mode === "edit") return <ApplicationForm data={loaderData} actionData={actionData} />;
  return <ApplicationView data={loaderData} />;
}

export type ApplicationLoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
