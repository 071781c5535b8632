// The application: the municipality edits it while it is a draft (or reopened for a
// correction); everyone else who may see it, and the municipality after submitting,
// gets the read-only view.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { found, requireActor, requirePermission } from "~/auth/guards.server";
import { ApplicationForm, type ApplicationActionData } from "~/components/application-form";
import { ApplicationView } from "~/components/application-view";
import { getDb } from "~/db.server";
import { contentToFormValues } from "~/domain/applications/application-schema";
import { applicationHistory, applicationVisible, contentOf, getApplication, referenceNumber } from "~/domain/applications/applications.server";
import { saveApplication, submitApplication } from "~/domain/applications/commands.server";
import { isEditableByMunicipality, municipalityStatus, statusLabelFor } from "~/domain/applications/status";
import { acceptsSubmissions, contentChangeBlocker, timeLeft } from "~/domain/calls/deadline";
import { appNow } from "~/domain/clock/clock.server";
import { audienceOf, can, isMinistry } from "~/policy/permissions";
import { commandFailure, invalidForm } from "~/utils/command-response.server";
import { atTime, copenhagenTimeString, formatDateTime, formatDeadline } from "~/utils/dates";
import { formDataToObject } from "~/utils/forms.server";
import { idParam } from "~/utils/params.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Ansøgning ${data.application.reference} · Puljeportal` : "Ansøgning · Puljeportal" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const id = idParam(params.applicationId);
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
    history: (await applicationHistory(db, a.id, audience)).map((h) => ({ ...h, at: formatDateTime(h.at) })),
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
const PARTIAL_MESSAGE = "Kladden er gemt, undtagen de felter, der er markeret med fejl. De har stadig deres tidligere indhold.";

// Thin: the command loads the application, asks the status machine, checks the
// deadline and the version, and validates the values against the call's schema.
export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "application:edit");
  const id = idParam(params.applicationId);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "save");
  const version = Number(formData.get("version"));
  const confirmed = formData.get("confirm") === "ja";
  for (const k of CONTROL_FIELDS) formData.delete(k);
  const values = typedValues(formData);
  const db = await getDb();
  const fail = (form: string) =>
    invalidForm(() => applicationVisible(db, actor, id), { ok: false as const, values, version, errors: { form } } satisfies ApplicationActionData);
  if (!["save", "autosave", "submit"].includes(intent)) return fail("Ukendt handling.");
  if (!Number.isInteger(version) || version < 1) return fail("Formularen mangler versionsnummeret. Genindlæs siden.");

  const input = { id, version, values: formDataToObject(formData) };
  if (intent === "submit") {
    const submitted = await submitApplication(db, actor, { ...input, confirmed });
    if (!submitted.ok) return commandFailure(submitted, values, { version, conflict: submitted.kind === "conflict" });
    throw redirect(`/applications/${id}/receipt`);
  }
  const saved = await saveApplication(db, actor, input);
  if (!saved.ok) return commandFailure(saved, values, { version, conflict: saved.kind === "conflict" });
  const { version: newVersion, savedAt } = saved.value;
  const invalid = Object.keys(saved.value.invalid).length ? saved.value.invalid : undefined;
  if (intent === "autosave") {
    return data({ ok: true as const, version: newVersion, savedAt: copenhagenTimeString(savedAt), invalid } satisfies ApplicationActionData);
  }
  if (invalid) {
    return data(
      { ok: false as const, values, version: newVersion, partial: true, errors: { ...invalid, form: PARTIAL_MESSAGE } } satisfies ApplicationActionData,
      { status: 400 },
    );
  }
  throw redirect(`/applications/${id}?gemt=${newVersion}`);
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
