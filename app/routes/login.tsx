import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { attemptLogin } from "~/auth/login.server";
import { loginSchema } from "~/auth/schemas";
import { getActor } from "~/auth/session.server";
import { SsoButtons } from "~/auth/sso/buttons";
import { Alert, FormErrorSummary, TextField } from "~/components/form-fields";
import { useFormDataValidation } from "~/components/form-validation";
import { getEnv } from "~/env.server";
import { parseForm } from "~/utils/forms.server";
import { safeRedirect } from "~/utils/redirect";

export const meta: MetaFunction = () => [{ title: "Log ind · Puljeportal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getActor(request)) throw redirect("/");
  // Identity-provider buttons only for the providers that are configured.
  const { saml, oidc } = getEnv().SSO;
  return { saml: saml ? saml.displayName : null, oidc: oidc ? oidc.displayName : null };
}

export async function action({ request }: ActionFunctionArgs) {
  const parsed = parseForm(await request.formData(), loginSchema);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const result = await attemptLogin(parsed.data.email, parsed.data.password, request);
  if (!result.ok) {
    const message =
      result.reason === "locked"
        ? "For mange mislykkede forsøg. Kontoen er låst i 15 minutter. Prøv igen senere, eller nulstil din adgangskode."
        : "Forkert e-mail eller adgangskode.";
    return data(
      { ok: false as const, errors: { form: message }, values: { email: parsed.data.email } },
      { status: result.reason === "locked" ? 429 : 400 },
    );
  }
  throw redirect(safeRedirect(parsed.data.redirectTo), { headers: { "Set-Cookie": result.setCookie } });
}

export default function Login() {
  const actionData = useActionData<typeof action>();
  const providers = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const redirectTo = params.get("redirectTo") ?? "/";
  const navigation = useNavigation();
  const failure = actionData && !actionData.ok ? actionData : undefined;
  const { onSubmit, errorOf, register } = useFormDataValidation(loginSchema, { actionData: failure });
  return (
    <div className="pp-narrow">
      <h1>Log ind</h1>
      <p>Puljeportal er ministeriets, kommunernes og rådgivernes fælles system for puljen „Ekstra hjælp til kommuner med mange børnesager“.</p>
      {params.get("reset") === "1" ? <Alert kind="success" heading="Din adgangskode er ændret">Log ind med den nye adgangskode.</Alert> : null}
      {failure?.errors?.form ? <Alert kind="error" heading="Du blev ikke logget ind">{failure.errors.form}</Alert> : null}
      <FormErrorSummary errors={failure?.errors && Object.fromEntries(Object.entries(failure.errors).filter(([k]) => k !== "form"))} />
      <SsoButtons providers={providers} redirectTo={redirectTo} />
      <Form method="post" onSubmit={onSubmit} noValidate>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField name="email" label="E-mail" type="email" autoComplete="username" register={register} error={errorOf("email")} defaultValue={String(failure?.values?.email ?? "")} />
        <TextField name="password" label="Adgangskode" type="password" autoComplete="current-password" register={register} error={errorOf("password")} />
        <div className="pp-actions">
          <button type="submit" className="button button-primary" disabled={navigation.state === "submitting"}>
            {navigation.state === "submitting" ? "Logger ind …" : "Log ind"}
          </button>
          <Link to="/forgot-password">Glemt adgangskode?</Link>
        </div>
      </Form>
      <p>
        Vil du se, hvilke kommuner der har fået tilskud og hvor meget? Se <Link to="/hvem-fik-hvad">Hvem fik hvad</Link>{" "}
        (kræver ikke login).
      </p>
    </div>
  );
}
