// The ministry's side: mark ineligible amounts with a note, approve (settles the grant) or
// return with a reason; then record the repayment when it arrives.
import { Form } from "@remix-run/react";
import { useMemo } from "react";
import {
  approveAccountsSchema,
  ineligibleField,
  ineligibleNoteField,
  ineligibleSchema,
  repaymentPaidSchema,
  returnAccountsSchema,
} from "~/domain/accounts/accounts-schemas";
import { formatDate } from "~/utils/dates";
import { formatOre, oreToInput } from "~/utils/money";
import { TextArea, TextField, useValidatedForm } from "../form";
import type { AccountsPageData, ClaimData } from "./accounts-data";
import { Busy, FormFailure, forIntent, type AccountsActionData } from "./accounts-edit";

export function IneligibleForm({ d, actionData }: { d: AccountsPageData; actionData: AccountsActionData }) {
  const failure = forIntent(actionData, "ineligible");
  const ids = useMemo(() => d.rows.map((r) => r.categoryId), [d.rows]);
  const schema = useMemo(() => ineligibleSchema(ids), [ids]);
  const defaults: Record<string, string> = { intent: "ineligible" };
  for (const r of d.rows) {
    defaults[ineligibleField(r.categoryId)] = r.ineligibleOre > 0n ? oreToInput(r.ineligibleOre) : "";
    defaults[ineligibleNoteField(r.categoryId)] = r.note;
  }
  const { onSubmit, errorOf, register } = useValidatedForm(schema, { defaultValues: defaults, actionData: failure });
  return (
    <Form method="post" onSubmit={onSubmit} noValidate id="ikke-stoetteberettiget">
      <FormFailure failure={failure} />
      <input type="hidden" name="intent" value="ineligible" />
      <p>Markér den del af en budgetpost, der ikke er støtteberettiget, med en bemærkning. Tom betyder 0 kr.</p>
      {d.rows.map((r) => (
        <fieldset key={r.categoryId}>
          <legend className="h5">
            {r.label} (afholdt {r.spentOre === null ? "–" : formatOre(r.spentOre)})
          </legend>
          <TextField
            name={ineligibleField(r.categoryId)}
            label="Ikke støtteberettiget beløb"
            inputMode="decimal"
            autoComplete="off"
            className="input-width-m"
            error={errorOf(ineligibleField(r.categoryId))}
            register={register}
          />
          <TextField
            name={ineligibleNoteField(r.categoryId)}
            label="Bemærkning"
            error={errorOf(ineligibleNoteField(r.categoryId))}
            register={register}
          />
        </fieldset>
      ))}
      <Busy intent="ineligible" label="Gem vurdering" kind="secondary" />
    </Form>
  );
}

export function ApproveForm({ d, actionData }: { d: AccountsPageData; actionData: AccountsActionData }) {
  const failure = forIntent(actionData, "approve");
  const { onSubmit } = useValidatedForm(approveAccountsSchema, { defaultValues: { intent: "approve" }, actionData: failure });
  const claim = d.settlement?.claimOre ?? 0n;
  return (
    <Form method="post" onSubmit={onSubmit} noValidate id="godkend-regnskab">
      <FormFailure failure={failure} />
      <input type="hidden" name="intent" value="approve" />
      <p>
        {claim > 0n
          ? `Når regnskabet godkendes, oprettes et krav om tilbagebetaling på ${formatOre(claim)}.`
          : "Når regnskabet godkendes, afsluttes tilsagnet."}
        {d.settlement && d.settlement.releaseOre > 0n ? ` Ikke udbetalt tilsagn på ${formatOre(d.settlement.releaseOre)} frigives til puljen.` : ""}
      </p>
      <Busy intent="approve" label="Godkend regnskab" />
    </Form>
  );
}

export function ReturnForm({ actionData }: { actionData: AccountsActionData }) {
  const failure = forIntent(actionData, "return");
  const { onSubmit, errorOf, register } = useValidatedForm(returnAccountsSchema, {
    defaultValues: { intent: "return", returnReason: "" },
    actionData: failure,
  });
  return (
    <Form method="post" onSubmit={onSubmit} noValidate id="send-retur">
      <FormFailure failure={failure} />
      <input type="hidden" name="intent" value="return" />
      <TextArea
        name="returnReason"
        label="Begrundelse"
        hint="Hvad skal kommunen rette? Teksten sendes til kommunen."
        rows={4}
        error={errorOf("returnReason")}
        register={register}
      />
      <Busy intent="return" label="Send retur til kommunen" kind="secondary" />
    </Form>
  );
}

export function ClaimsTable({ claims }: { claims: ClaimData[] }) {
  if (claims.length === 0) return null;
  return (
    <table className="table table--compact" id="tilbagebetaling-tabel">
      <caption className="sr-only">Tilbagebetalingskrav</caption>
      <thead>
        <tr>
          <th scope="col" className="pp-num">Beløb</th>
          <th scope="col">Status</th>
          <th scope="col">Frist</th>
          <th scope="col">Betalt</th>
        </tr>
      </thead>
      <tbody>
        {claims.map((c) => (
          <tr key={c.id}>
            <td className="pp-num">{formatOre(c.amountOre)}</td>
            <td>{c.statusLabel}</td>
            <td>{c.dueOn ? formatDate(c.dueOn) : "–"}</td>
            <td>{c.paidOn ? formatDate(c.paidOn) : "–"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function RepaymentPaidForm({ claim, today, actionData }: { claim: ClaimData; today: string; actionData: AccountsActionData }) {
  const failure = forIntent(actionData, "repaid");
  const { onSubmit, errorOf, register } = useValidatedForm(repaymentPaidSchema, {
    defaultValues: { intent: "repaid", claimId: String(claim.id), paidOn: today },
    actionData: failure,
  });
  return (
    <Form method="post" onSubmit={onSubmit} noValidate id="registrer-tilbagebetaling">
      <FormFailure failure={failure} />
      <input type="hidden" name="intent" value="repaid" />
      <input type="hidden" name="claimId" value={claim.id} />
      <TextField
        name="paidOn"
        label={`Dato for modtaget tilbagebetaling af ${formatOre(claim.amountOre)}`}
        hint="åååå-mm-dd"
        type="date"
        className="input-width-s"
        error={errorOf("paidOn")}
        register={register}
      />
      <Busy intent="repaid" label="Registrér tilbagebetaling" />
    </Form>
  );
}
