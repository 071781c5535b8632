// The municipality's side of the accounts: spent per budget line, the auditor's statement
// (PDF) and the submit button. Plain forms: they work without JavaScript.
import { Form, useNavigation } from "@remix-run/react";
import { useMemo, useState } from "react";
import { accountLinesSchema, spentField, submitAccountsSchema } from "~/domain/accounts/accounts-schemas";
import { FILE_SIZE_MESSAGE, MAX_ATTACHMENT_BYTES } from "~/domain/files/upload-rules";
import { oreToInput } from "~/utils/money";
import { formatBytes } from "../application-attachments";
import { Alert, TextField, useValidatedForm, type ActionFailure } from "../form";
import type { AccountsPageData } from "./accounts-data";

export type AccountsActionData = (NonNullable<ActionFailure> & { intent?: string }) | undefined;
export const forIntent = (a: AccountsActionData, intent: string) => (a?.intent === intent ? a : undefined);

export function Busy({ intent, label, busyLabel = "Gemmer …", kind = "primary" }: { intent: string; label: string; busyLabel?: string; kind?: "primary" | "secondary" }) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
  return (
    <button type="submit" className={`button button-${kind}`} disabled={busy}>
      {busy ? busyLabel : label}
    </button>
  );
}

export function FormFailure({ failure }: { failure: AccountsActionData }) {
  const message = failure?.errors?.form;
  return message ? (
    <Alert kind="error" heading="Det lykkedes ikke">
      {message}
    </Alert>
  ) : null;
}

export function AccountLinesForm({ d, actionData }: { d: AccountsPageData; actionData: AccountsActionData }) {
  const failure = forIntent(actionData, "save");
  const ids = useMemo(() => d.rows.map((r) => r.categoryId), [d.rows]);
  const schema = useMemo(() => accountLinesSchema(ids), [ids]);
  const defaults: Record<string, string> = { intent: "save" };
  for (const r of d.rows) defaults[spentField(r.categoryId)] = r.spentOre === null ? "" : oreToInput(r.spentOre);
  const { onSubmit, errorOf, register } = useValidatedForm(schema, { defaultValues: defaults, actionData: failure });
  return (
    <Form method="post" onSubmit={onSubmit} noValidate id="regnskab-linjer">
      <FormFailure failure={failure} />
      <input type="hidden" name="intent" value="save" />
      <p>Skriv de afholdte udgifter pr. budgetpost for hele projektperioden i kroner, fx 125.000,00.</p>
      {d.rows.map((r) => (
        <TextField
          key={r.categoryId}
          name={spentField(r.categoryId)}
          label={`${r.label}: afholdte udgifter`}
          hint={r.budgetOre === null ? undefined : `Budget: ${oreToInput(r.budgetOre)} kr.`}
          inputMode="decimal"
          autoComplete="off"
          className="input-width-m"
          error={errorOf(spentField(r.categoryId))}
          register={register}
        />
      ))}
      <Busy intent="save" label="Gem regnskab" />
    </Form>
  );
}

export function StatementUpload({ d, actionData }: { d: AccountsPageData; actionData: AccountsActionData }) {
  const failure = forIntent(actionData, "statement");
  const [tooLarge, setTooLarge] = useState(false);
  const message = tooLarge ? FILE_SIZE_MESSAGE : (failure?.errors?.file ?? failure?.errors?.form);
  return (
    <Form
      method="post"
      encType="multipart/form-data"
      id="revisorerklaering"
      onSubmit={(event) => {
        const file = (event.currentTarget.elements.namedItem("file") as HTMLInputElement).files?.[0];
        const over = Boolean(file && file.size > MAX_ATTACHMENT_BYTES);
        setTooLarge(over);
        if (over) event.preventDefault();
      }}
    >
      <input type="hidden" name="intent" value="statement" />
      {d.statement ? (
        <p>
          Vedhæftet: <a href={`/grants/${d.grantId}/accounts/statement/${d.statement.id}`}>{d.statement.filename}</a> (
          {formatBytes(d.statement.sizeBytes)}, {d.statement.uploadedAt})
        </p>
      ) : null}
      <div className={`form-group${message ? " form-error" : ""}`}>
        <label className="form-label" htmlFor="statement-file">
          {d.statement ? "Erstat revisorerklæringen" : "Revisorerklæring"}
        </label>
        <span className="form-hint" id="statement-file-hint">
          Den underskrevne revisorerklæring som PDF, højst 10 MB.
        </span>
        {message ? (
          <span className="form-error-message" id="statement-file-error" role="alert">
            <span className="sr-only">Fejl: </span>
            {message}
          </span>
        ) : null}
        <input
          id="statement-file"
          type="file"
          name="file"
          accept=".pdf,application/pdf"
          className="form-file-input"
          required
          aria-invalid={message ? true : undefined}
          aria-describedby={message ? "statement-file-hint statement-file-error" : "statement-file-hint"}
        />
      </div>
      <Busy intent="statement" label="Vedhæft revisorerklæring" busyLabel="Vedhæfter …" kind="secondary" />
    </Form>
  );
}

export function SubmitAccountsForm({ d, actionData }: { d: AccountsPageData; actionData: AccountsActionData }) {
  const failure = forIntent(actionData, "submit");
  const { onSubmit } = useValidatedForm(submitAccountsSchema, { defaultValues: { intent: "submit" }, actionData: failure });
  const ready = d.rows.every((r) => r.spentOre !== null) && d.statement !== null;
  return (
    <Form method="post" onSubmit={onSubmit} noValidate id="indsend-regnskab">
      <FormFailure failure={failure} />
      <input type="hidden" name="intent" value="submit" />
      {!ready ? <p className="pp-muted">Gem beløbet for hver budgetpost, og vedhæft revisorerklæringen, før regnskabet indsendes.</p> : null}
      <Busy intent="submit" label="Indsend regnskab" busyLabel="Indsender …" />
    </Form>
  );
}
