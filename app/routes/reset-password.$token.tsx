import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { newPasswordSchema } from "~/auth/account-schemas";
import { isResetTokenOpen, resetPassword } from "~/auth/password-reset.server";
import { FormErrorSummary, useValidatedForm } from "~/components/form";
import { NewPasswordFields } from "~/components/new-password-fields";
import { getDb } from "~/db.server";
import { parseForm } from "~/utils/forms.server";

export const meta: MetaFunction = () => [{ title: "Vælg ny adgangskode · Puljeportal" }];

// Public page: the token in the URL is the only credential; it is checked in the WHERE
// (hashed, unused, unexpired, active user). Any failure looks the same.
const invalid = () => data({ valid: false as const }, { status: 410 });

export async function loader({ params }: LoaderFunctionArgs) {
  if (!(await isResetTokenOpen(await getDb(), params.token ?? ""))) return invalid();
  return { valid: true as const };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const db = await getDb();
  const token = params.token ?? "";
  if (!(await isResetTokenOpen(db, token))) return invalid();
  const parsed = parseForm(await request.formData(), newPasswordSchema);
  if (!parsed.ok) return data({ valid: true as const, ...parsed }, { status: 400 });
  const result = await resetPassword(db, token, parsed.data.password);
  if (!result.ok) return invalid();
  throw redirect("/login?reset=1");
}

export default function ResetPassword() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const failure = actionData && "ok" in actionData ? actionData : undefined;
  const { onSubmit, errorOf, register } = useValidatedForm(newPasswordSchema, { actionData: failure });
  if (!loaderData.valid || (actionData && !actionData.valid)) {
    return (
      <div className="pp-narrow">
        <h1>Linket er ugyldigt eller udløbet</h1>
        <p>Linket kan kun bruges én gang og virker i 1 time. Bed om et nyt link, hvis du stadig skal vælge en ny adgangskode.</p>
        <p>
          <Link to="/forgot-password">Bed om et nyt link</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="pp-narrow">
      <h1>Vælg ny adgangskode</h1>
      <p>Når du har valgt en ny adgangskode, bliver du logget ud på alle enheder og kan logge ind med den nye.</p>
      <FormErrorSummary errors={failure?.errors} />
      <Form method="post" onSubmit={onSubmit} noValidate>
        <NewPasswordFields register={register} errorOf={errorOf} />
        <div className="pp-actions">
          <button type="submit" className="button button-primary" disabled={navigation.state === "submitting"}>
            Gem ny adgangskode
          </button>
        </div>
      </Form>
    </div>
  );
}
