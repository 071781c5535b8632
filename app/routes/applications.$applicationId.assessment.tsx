import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import type { z } from "zod";
import { forbidden, found, requirePermission } from "~/auth/guards.server";
import { idParam } from "~/utils/params.server";
import { FormaliaBadge, StatusBadge } from "~/components/assessment-badges";
import {
  AssignForm,
  CompleteForm,
  FormaliaForm,
  NotesSection,
  ReconsiderForm,
  ReopenForm,
  ScoresForm,
  type AssessmentActionData,
} from "~/components/assessment-forms";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { DoubleAssessment } from "~/components/double-assessment";
import { Alert } from "~/components/form";
import { getDb } from "~/db.server";
import { listStaff } from "~/domain/assessment/staff.server";
import {
  addNote,
  agreeScores,
  assignAssessors,
  completeAssessment,
  reconsider,
  reopenForCorrection,
  saveFormalia,
  saveScores,
  submitAssessment,
} from "~/domain/assessment/commands.server";
import { criterionIdsFor, getAssessment } from "~/domain/assessment/queries.server";
import type { Result } from "~/domain/result";
import {
  assignSchema,
  completeSchema,
  noteSchema,
  reconsiderSchema,
  reopenSchema,
  submitAssessmentSchema,
} from "~/domain/assessment/assessment-schemas";
import { agreedFromForm, agreeFormSchema } from "~/domain/assessment/double-assessment";
import { checksFromForm, formaliaFormSchema } from "~/domain/assessment/formalia";
import { formatNeedIndex, scoresFormSchema, scoresFromForm } from "~/domain/assessment/scoring";
import { can } from "~/policy/permissions";
import { commandFailure } from "~/utils/command-response.server";
import { formatDateTime } from "~/utils/dates";
import { parseForm } from "~/utils/forms.server";
import { formatOre } from "~/utils/money";

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [
  { title: `Vurdering${d ? ` · ${d.application.municipalityName}` : ""} · Puljeportal` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "application:assess");
  const id = idParam(params.applicationId);
  const db = await getDb();
  const view = found(await getAssessment(db, actor, id));
  const canAssign = can(actor, "application:assign");
  return {
    ...view,
    canReopen: can(actor, "application:reopen"),
    canAssign,
    staff: canAssign ? await listStaff(db) : [],
  };
}

const savedMessages: Record<string, string> = {
  formalia: "Formalia er gemt.",
  scores: "Scorerne er gemt.",
  submit_assessment: "Din vurdering er afgivet. Den anden bedømmers scorer vises, når begge har afgivet.",
  agree: "Enigheden er gemt.",
  complete: "Vurderingen er afsluttet.",
  note: "Noten er tilføjet.",
  reopen: "Ansøgningen er genåbnet til rettelse. Kommunen kan nu rette og indsende igen.",
  reconsider: "Ansøgningen er taget op igen.",
  assign: "Bedømmerne er gemt.",
};

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "application:assess");
  const id = idParam(params.applicationId);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const db = await getDb();

  const parse = <S extends z.ZodType>(schema: S) => {
    const parsed = parseForm(formData, schema);
    return parsed.ok ? parsed : { ...parsed, intent };
  };
  const bad = (failure: { errors: Record<string, string>; values: Record<string, unknown> }) =>
    data({ ok: false as const, intent, errors: failure.errors, values: failure.values }, { status: 400 });

  let result: Result;
  switch (intent) {
    case "formalia": {
      const parsed = parse(formaliaFormSchema);
      if (!parsed.ok) return bad(parsed);
      result = await saveFormalia(db, actor, id, {
        checks: checksFromForm(parsed.data),
        rejectionReason: String(parsed.data.rejectionReason ?? ""),
      });
      break;
    }
    case "scores": {
      const criterionIds = found(await criterionIdsFor(db, actor, id));
      const parsed = parse(scoresFormSchema(criterionIds));
      if (!parsed.ok) return bad(parsed);
      result = await saveScores(db, actor, id, scoresFromForm(criterionIds, parsed.data));
      break;
    }
    case "submit_assessment": {
      const parsed = parse(submitAssessmentSchema);
      if (!parsed.ok) return bad(parsed);
      result = await submitAssessment(db, actor, id);
      break;
    }
    case "agree": {
      const criterionIds = found(await criterionIdsFor(db, actor, id));
      const parsed = parse(agreeFormSchema(criterionIds));
      if (!parsed.ok) return bad(parsed);
      result = await agreeScores(db, actor, id, agreedFromForm(criterionIds, parsed.data));
      break;
    }
    case "complete": {
      const parsed = parse(completeSchema);
      if (!parsed.ok) return bad(parsed);
      result = await completeAssessment(db, actor, id);
      break;
    }
    case "note": {
      const parsed = parse(noteSchema);
      if (!parsed.ok) return bad(parsed);
      result = await addNote(db, actor, id, parsed.data.body);
      break;
    }
    case "reopen": {
      if (!can(actor, "application:reopen")) forbidden();
      const parsed = parse(reopenSchema);
      if (!parsed.ok) return bad(parsed);
      result = await reopenForCorrection(db, actor, id, parsed.data.reopenReason);
      break;
    }
    case "reconsider": {
      const parsed = parse(reconsiderSchema);
      if (!parsed.ok) return bad(parsed);
      result = await reconsider(db, actor, id);
      break;
    }
    case "assign": {
      if (!can(actor, "application:assign")) forbidden();
      const parsed = parse(assignSchema);
      if (!parsed.ok) return bad(parsed);
      result = await assignAssessors(db, actor, id, {
        assignedTo: parsed.data.assignedTo || null,
        secondAssessorId: parsed.data.secondAssessorId || null,
      });
      break;
    }
    default:
      return data({ ok: false as const, intent, errors: { form: "Ukendt handling." }, values: {} }, { status: 400 });
  }

  if (!result.ok) {
    const values = Object.fromEntries([...formData.entries()].filter(([, v]) => typeof v === "string"));
    return commandFailure(result, values, { intent });
  }
  throw redirect(`/applications/${id}/assessment?saved=${intent}`);
}

export default function Assessment() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as AssessmentActionData;
  const [params] = useSearchParams();
  const saved = savedMessages[params.get("saved") ?? ""];
  const a = d.application;
  return (
    <>
      <Breadcrumbs trail={[{ to: "/applications", label: "Ansøgninger" }]} current="Vurdering" />
      <h1>Vurdering: {a.municipalityOfficialName}</h1>
      {saved && !actionData ? <Alert kind="success" heading={saved} /> : null}

      <table className="table table--compact">
        <caption className="sr-only">Oplysninger om ansøgningen</caption>
        <tbody>
          <SummaryRow label="Opslag">
            {a.callTitle} · <Link to={`/calls/${a.callId}/ranking`}>Se rangering</Link>
          </SummaryRow>
          <SummaryRow label="Status">
            <StatusBadge status={a.status} />
          </SummaryRow>
          <SummaryRow label="Ansøgt beløb">{formatOre(a.requestedOre)}</SummaryRow>
          <SummaryRow label="Indsendt">{a.submittedAt ? formatDateTime(a.submittedAt) : "Ikke indsendt"}</SummaryRow>
          <SummaryRow label="Behovsindeks">
            {d.needIndex === null
              ? "Ingen værdi for kommunen i opslagets behovsindeks"
              : d.rank === null
                ? formatNeedIndex(d.needIndex)
                : `${formatNeedIndex(d.needIndex)} · rang ${d.rank} af ${d.rankedCount}`}
          </SummaryRow>
          <SummaryRow label="Formalia">
            <FormaliaBadge state={d.formalia} />
          </SummaryRow>
          <SummaryRow label="Sagsbehandler">{a.assignedName ?? "Ikke tildelt"}</SummaryRow>
          {d.assessment.second ? (
            <SummaryRow label="Bedømmere">
              {d.assessment.first?.name} og {d.assessment.second.name} (to uafhængige vurderinger)
            </SummaryRow>
          ) : null}
        </tbody>
      </table>
      <p>
        <Link to={`/applications/${a.id}`}>Se hele ansøgningen</Link>
      </p>
      {a.rejectionReason && a.status === "rejection_proposed" ? (
        <Alert kind="warning" heading="Indstillet til afslag">
          <p className="pp-pre">{a.rejectionReason}</p>
        </Alert>
      ) : null}
      {a.reopenReason && a.status === "correction" ? (
        <Alert kind="info" heading="Genåbnet til rettelse">
          <p className="pp-pre">{a.reopenReason}</p>
        </Alert>
      ) : null}

      {a.status === "draft" ? (
        <Alert kind="info" heading="Ikke indsendt endnu">
          Ansøgningen er en kladde. Den kan vurderes, når kommunen har indsendt den.
        </Alert>
      ) : (
        <>
          <section aria-labelledby="formalia-heading">
            <h2 id="formalia-heading">Formalia</h2>
            <FormaliaForm status={a.status} checks={d.checks} systemChecks={d.systemChecks} rejectionReason={a.rejectionReason} actionData={actionData} />
          </section>
          <section aria-labelledby="scores-heading">
            <h2 id="scores-heading">Vurdering af kriterier</h2>
            {d.assessment.double ? (
              <DoubleAssessment
                status={a.status}
                criteria={d.criteria}
                scores={d.scores}
                ownScore={d.ownScore}
                score={d.score}
                assessment={d.assessment}
                comparison={d.comparison}
                actionData={actionData}
              />
            ) : (
              <ScoresForm status={a.status} criteria={d.criteria} scores={d.scores} score={d.score} actionData={actionData} />
            )}
            <CompleteForm status={a.status} complete={d.score.tenths !== null} double={d.assessment.double} actionData={actionData} />
          </section>
          <section aria-labelledby="notes-heading">
            <h2 id="notes-heading">Noter</h2>
            <NotesSection notes={d.notes} actionData={actionData} />
          </section>
          <section aria-labelledby="status-heading">
            <h2 id="status-heading">Sagens forløb</h2>
            {d.canReopen ? <ReopenForm status={a.status} actionData={actionData} /> : null}
            <ReconsiderForm status={a.status} actionData={actionData} />
          </section>
        </>
      )}
      {d.canAssign ? (
        <section aria-labelledby="assign-heading">
          <h2 id="assign-heading">Tildeling</h2>
          <AssignForm assignedTo={a.assignedTo} secondAssessorId={a.secondAssessorId} staff={d.staff} actionData={actionData} />
        </section>
      ) : null}
    </>
  );
}

function SummaryRow({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{children}</td>
    </tr>
  );
}
