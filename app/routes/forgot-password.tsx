import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { forgotPasswordSchema } from "~/auth/account-schemas";
import { requestPasswordReset } from "~/auth/password-reset.server";
import { Alert, FormErrorSummary, TextField, useValidatedForm } from "~/components/form";
import { getDb } from "~/db.server";
import { afterResponse } from "~/utils/after-response.server";
import { parseForm } from "~/utils/forms.server";

export const meta: MetaFunction = () => [{ title: "Glemt adgangskode · Puljeportal" }];

const SENT_MESSAGE = "Hvis e-mailadressen findes, har vi sendt et link til at vælge en ny adgangskode. Linket virker i 1 time.";

// Public page: whoever asks gets the same answer, so it reveals nothing about who has an account.
export async function loader() {
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const parsed = parseForm(await request.formData(), forgotPasswordSchema);
  if (!parsed.ok) return data(parsed, { status: 400 });
  // Not awaited: a known e-mail costs a transaction and a mail, an unknown one nothing,
  // and the difference must not show in the time the answer takes.
  const email = parsed.data.email;
  afterResponse("password reset", async () => requestPasswordReset(await getDb(), email));
  return { ok: true as const, message: SENT_MESSAGE };
}

export default function ForgotPassword() {
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const failure = actionData && !actionData.ok ? actionData : undefined;
  const { onSubmit, errorOf, register } = useValidatedForm(forgotPasswordSchema, { actionData: failure });
  return (
    <div className="pp-narrow">
      <h1>Glemt adgangskode</h1>
      {actionData?.ok ? (
        <>
          <Alert kind="success" heading="Tjek din e-mail">
            {actionData.message}
          </Alert>
          <p>
            <Link to="/login">Tilbage til log ind</Link>
          </p>
        </>
      ) : (
        <>
          <p>Skriv den e-mailadresse, du bruger til Puljeportal. Vi sender et link, hvor du kan vælge en ny adgangskode.</p>
          <FormErrorSummary errors={failure?.errors} />
          <Form method="post" onSubmit={onSubmit} noValidate>
            <TextField
              name="email"
              label="E-mail"
              type="email"
              autoComplete="username"
              register={register}
              error={errorOf("email")}
              defaultValue={String(failure?.values?.email ?? "")}
            />
            <div className="pp-actions">
              <button type="submit" className="button button-primary" disabled={navigation.state === "submitting"}>
                Send link
              </button>
              <Link to="/login">Tilbage til log ind</Link>
            </div>
          </Form>
        </>
      )}
    </div>
  );
}
