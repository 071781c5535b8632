import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { changePasswordSchema, logoutAllSchema } from "~/auth/account-schemas";
import { found, requireActor } from "~/auth/guards.server";
import { logoutRedirect } from "~/auth/session.server";
import { changePassword, getUserDetail, logoutEverywhere } from "~/auth/users.server";
import { Alert, FormErrorSummary, TextField, useValidatedForm } from "~/components/form";
import { NewPasswordFields } from "~/components/new-password-fields";
import { getDb } from "~/db.server";
import { roleLabel } from "~/policy/permissions";
import { parseForm } from "~/utils/forms.server";

export const meta: MetaFunction = () => [{ title: "Min konto · Puljeportal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const me = found(await getUserDetail(await getDb(), actor.userId));
  return {
    name: me.name,
    email: me.email,
    role: roleLabel(actor.role),
    organisation: me.municipalityName ?? me.agencyName ?? "",
    activeSessions: me.activeSessions,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const db = await getDb();
  const form = await request.formData();
  if (form.get("intent") === "logout-all") {
    const parsed = parseForm(form, logoutAllSchema);
    if (!parsed.ok) return data(parsed, { status: 400 });
    await logoutEverywhere(db, actor);
    throw await logoutRedirect("/login");
  }
  const parsed = parseForm(form, changePasswordSchema);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const result = await changePassword(db, actor, request, parsed.data);
  if (!result.ok) return data({ ok: false as const, errors: result.errors, values: {} }, { status: 400 });
  throw redirect("/account?password=1");
}

export default function Account() {
  const account = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const { onSubmit, errorOf, register } = useValidatedForm(changePasswordSchema, {
    defaultValues: { intent: "change-password" },
    actionData,
  });
  return (
    <div className="pp-narrow">
      <h1>Min konto</h1>
      {params.get("password") === "1" ? (
        <Alert kind="success" heading="Din adgangskode er ændret">
          Du er logget ud på dine andre enheder.
        </Alert>
      ) : null}
      <dl>
        <dt>Navn</dt>
        <dd>{account.name}</dd>
        <dt>E-mail</dt>
        <dd>{account.email}</dd>
        <dt>Rolle</dt>
        <dd>{account.role}</dd>
        {account.organisation ? (
          <>
            <dt>Organisation</dt>
            <dd>{account.organisation}</dd>
          </>
        ) : null}
        <dt>Aktive sessioner</dt>
        <dd>
          {account.activeSessions === 1 ? "1 enhed (denne)" : `${account.activeSessions} enheder, inklusive denne`}
        </dd>
      </dl>

      <h2>Log ud</h2>
      <p>Har du glemt at logge ud på en anden computer, eller er din telefon blevet væk, kan du logge ud på alle enheder på én gang.</p>
      <div className="pp-actions">
        <Form method="post" action="/logout">
          <button type="submit" className="button button-secondary">
            Log ud
          </button>
        </Form>
        <Form method="post">
          <input type="hidden" name="intent" value="logout-all" />
          <button type="submit" className="button button-secondary">
            Log ud på alle enheder
          </button>
        </Form>
      </div>

      <h2>Skift adgangskode</h2>
      <FormErrorSummary errors={actionData?.errors} />
      <Form method="post" onSubmit={onSubmit} noValidate>
        <input type="hidden" {...register("intent")} value="change-password" />
        <TextField
          name="currentPassword"
          label="Nuværende adgangskode"
          type="password"
          autoComplete="current-password"
          register={register}
          error={errorOf("currentPassword")}
        />
        <NewPasswordFields register={register} errorOf={errorOf} hint="Mindst 12 tegn." />
        <div className="pp-actions">
          <button type="submit" className="button button-primary" disabled={navigation.state === "submitting"}>
            Skift adgangskode
          </button>
        </div>
      </Form>
    </div>
  );
}
