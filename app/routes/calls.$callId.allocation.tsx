// The allocation board: the caseworker decides per application (full, reduced, none) and
// proposes the round; an admin who did not propose it approves it. The totals are computed
// in the browser with the same pure function the server checks with (allocation.ts).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useMemo, useState } from "react";
import { found, requirePermission } from "~/auth/guards.server";
import { BoardSummary } from "~/components/allocation/board-summary";
import { BoardTable } from "~/components/allocation/board-table";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { Alert } from "~/components/form";
import { getDb } from "~/db.server";
import { statusLabelFor } from "~/domain/applications/status";
import { formatNeedIndex } from "~/domain/assessment/scoring";
import { boardTotals, field, readBoardForm } from "~/domain/grants/allocation";
import { approveRound, getAllocationBoard, saveRound } from "~/domain/grants/allocation.server";
import { issuePendingDecisionLetters } from "~/domain/grants/letters/letters.server";
import { kickMailDispatcher } from "~/jobs.server";
import { afterResponse } from "~/utils/after-response.server";
import { appNow } from "~/domain/clock/clock.server";
import { can } from "~/policy/permissions";
import { commandFailure } from "~/utils/command-response.server";
import { formatDateTime } from "~/utils/dates";
import { oreToInput } from "~/utils/money";
import { idParam } from "~/utils/params.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Fordeling${data ? ` · ${data.call.title}` : ""} · Puljeportal` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "allocation:prepare");
  const board = found(await getAllocationBoard(await getDb(), idParam(params.callId)));
  const round = board.round;
  return {
    call: { id: board.call.id, title: board.call.title, poolName: board.call.poolName, poolTotalOre: board.call.totalOre, committedOre: board.call.allocatedOre },
    round: round ? { id: round.id, status: round.status, version: round.version, proposedAt: round.proposedAt ? formatDateTime(round.proposedAt) : null } : null,
    ownProposal: !!round && round.proposedBy === actor.userId,
    canApprove: can(actor, "allocation:approve"),
    approvedRounds: board.approvedRounds,
    decidedCount: board.decidedCount,
    rows: board.rows.map((r) => ({
      id: r.id,
      rank: r.rank,
      municipalityName: r.municipalityName,
      needIndex: r.needIndex === null ? "mangler" : formatNeedIndex(r.needIndex),
      statusLabel: statusLabelFor(r.status, "ministry"),
      requestedOre: r.requestedOre,
      decision: r.decision ?? "",
      amount: r.decision === "reduced" && r.amountOre !== null ? oreToInput(r.amountOre) : "",
      reason: r.reason,
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "allocation:prepare");
  const callId = idParam(params.callId);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const db = await getDb();
  if (intent === "approve") {
    const roundId = Number(form.get("roundId"));
    if (!Number.isSafeInteger(roundId) || roundId <= 0) return commandFailure({ ok: false, kind: "invalid", message: "Runden mangler." }, {}, { message: "Runden mangler." });
    const r = await approveRound(db, actor, roundId, await appNow(db));
    if (!r.ok) return commandFailure(r, {}, { message: r.message });
    // The letters follow the committed decision at once (decision record 018).
    afterResponse("decision letters", async () => {
      if (await issuePendingDecisionLetters(db)) kickMailDispatcher();
    });
    return redirect(`/calls/${callId}/allocation?approved=${r.value.grantIds.length}`);
  }
  if (intent !== "save" && intent !== "propose") return commandFailure({ ok: false, kind: "invalid", message: "Ukendt handling." }, {}, { message: "Ukendt handling." });
  const board = found(await getAllocationBoard(db, callId));
  const { lines, errors } = readBoardForm((n) => (form.get(n) === null ? null : String(form.get(n))), board.rows);
  if (Object.keys(errors).length) return commandFailure({ ok: false, kind: "invalid", message: "Ret de markerede felter.", errors }, {}, { message: "Ret de markerede felter." });
  const version = Number(form.get("version"));
  const r = await saveRound(db, actor, callId, { lines, version: Number.isSafeInteger(version) && version > 0 ? version : null }, { propose: intent === "propose" });
  if (!r.ok) return commandFailure(r, {}, { message: r.message });
  return redirect(`/calls/${callId}/allocation?${intent === "propose" ? "proposed" : "saved"}=1`);
}

/**
 * A refused approval (409: the pool ran out, another admin got there first) reloads the
 * board's figures, so the admin sees what is left now beside the message; Remix skips
 * revalidation after a 4xx action by default.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus === 409 ? true : defaultShouldRevalidate;

export default function Allocation() {
  const d = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as { errors?: Record<string, string>; message?: string } | undefined;
  const [search] = useSearchParams();
  const busy = useNavigation().state !== "idle";
  const initial = useMemo(() => {
    const v: Record<string, string> = {};
    for (const r of d.rows) Object.assign(v, { [field.decision(r.id)]: r.decision, [field.amount(r.id)]: r.amount, [field.reason(r.id)]: r.reason });
    return v;
  }, [d.rows]);
  const [values, setValues] = useState(initial);
  const { lines } = readBoardForm((n) => values[n] ?? null, d.rows);
  const totals = boardTotals(d.call.poolTotalOre, d.call.committedOre, lines);
  const editable = true;
  const errors = failure?.errors ?? {};
  const rows = d.rows.map((r, i) => ({ ...r, grantOre: totals.lines[i]!.grantOre, cumulativeOre: totals.lines[i]!.cumulativeOre }));
  return (
    <>
      <Breadcrumbs trail={[{ to: "/calls", label: "Opslag" }, { to: `/calls/${d.call.id}`, label: d.call.title }]} current="Fordeling" />
      <h1>Fordeling: {d.call.title}</h1>
      {search.get("approved") ? <Alert kind="success" heading="Runden er godkendt">{`${search.get("approved")} tilsagn er givet, og afslagene er registreret.`}</Alert> : null}
      {search.get("proposed") ? <Alert kind="success" heading="Runden er indstillet">En administrator skal nu godkende den.</Alert> : null}
      {search.get("saved") ? <Alert kind="success" heading="Fordelingen er gemt" /> : null}
      {failure?.message ? <Alert kind="error" heading="Det lykkedes ikke">{errors.round ?? failure.message}</Alert> : null}
      {d.decidedCount > 0 ? <p>{d.decidedCount} ansøgninger på opslaget er allerede afgjort (se <a href="/grants">tilsagn</a>).</p> : null}
      <BoardSummary t={totals} />
      {d.round?.status === "proposed" ? (
        <section aria-labelledby="approval">
          <h2 id="approval">Godkendelse</h2>
          <p>Runden er indstillet til godkendelse{d.round.proposedAt ? ` ${d.round.proposedAt}` : ""}. Gemmer du ændringer, går den tilbage til kladde.</p>
          {d.ownProposal ? (
            <p>Du har selv indstillet runden. En anden administrator skal godkende den.</p>
          ) : d.canApprove ? (
            <Form method="post">
              <input type="hidden" name="roundId" value={d.round.id} />
              <button className="button button-primary" type="submit" name="intent" value="approve" disabled={busy}>
                Godkend runden
              </button>
            </Form>
          ) : (
            <p>En administrator skal godkende runden.</p>
          )}
        </section>
      ) : null}
      {d.rows.length === 0 ? (
        <p>Der er ingen uafgjorte ansøgninger på opslaget.</p>
      ) : (
        <Form method="post" onChange={(e) => setValues(Object.fromEntries(new FormData(e.currentTarget).entries()) as Record<string, string>)}>
          <input type="hidden" name="version" value={d.round?.version ?? ""} />
          <BoardTable rows={rows} reachIndex={totals.reachIndex} editable={editable} errors={errors} />
          <div className="pp-actions">
            <button className="button button-secondary" type="submit" name="intent" value="save" disabled={busy}>
              Gem fordelingen
            </button>
            <button className="button button-primary" type="submit" name="intent" value="propose" disabled={busy}>
              Indstil runden til godkendelse
            </button>
          </div>
        </Form>
      )}
    </>
  );
}
