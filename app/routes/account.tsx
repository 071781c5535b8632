import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { applicationNoticeSchema, changePasswordSchema, logoutAllSchema } from "~/auth/account-schemas";
import { forbidden, found, notFound, requireActor } from "~/auth/guards.server";
import { logoutRedirect } from "~/auth/session.server";
import { changePassword, getUserDetail, logoutEverywhere, setApplicationNotice } from "~/auth/users.server";
import { Alert, FormErrorSummary, TextField, useValidatedForm } from "~/components/form";
import { NewPasswordFields } from "~/components/new-password-fields";
import { getDb } from "~/db.server";
import { isMinistry, roleLabel } from "~/policy/permissions";
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
    // Only ministry staff hear of arriving applications.
    applicationNotice: isMinistry(actor) ? me.applicationNotice : null,
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
  if (form.get("intent") === "application-notice") {
    const parsed = parseForm(form, applicationNoticeSchema);
    if (!parsed.ok) return data(parsed, { status: 400 });
    const result = await setApplicationNotice(db, actor, parsed.data.applicationNotice);
    if (!result.ok) return result.status === 403 ? forbidden(result.message) : notFound(result.message);
    throw redirect("/account?notice=1");
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

      {account.applicationNotice ? <ApplicationNoticeForm current={account.applicationNotice} saved={params.get("notice") === "1"} /> : null}

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

const NOTICE_OPTIONS = [
  { value: "immediate", label: "Straks", hint: "En e-mail for hver ansøgning, der indsendes på dine opslag." },
  { value: "daily", label: "Dagligt sammendrag", hint: "Én e-mail om morgenen med gårsdagens ansøgninger." },
] as const;

function ApplicationNoticeForm({ current, saved }: { current: "immediate" | "daily"; saved: boolean }) {
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { onSubmit, errorOf, register } = useValidatedForm(applicationNoticeSchema, {
    defaultValues: { intent: "application-notice", applicationNotice: current },
    actionData,
  });
  const error = errorOf("applicationNotice");
  return (
    <>
      <h2>Besked om nye ansøgninger</h2>
      {saved ? (
        <Alert kind="success" heading="Dit valg er gemt">
          {current === "daily" ? "Du får ét dagligt sammendrag." : "Du får en e-mail, hver gang en ansøgning kommer ind."}
        </Alert>
      ) : null}
      <Form method="post" onSubmit={onSubmit} noValidate>
        <input type="hidden" {...register("intent")} value="application-notice" />
        <div className={`form-group${error ? " form-error" : ""}`}>
          <fieldset aria-describedby={error ? "applicationNotice-error" : undefined}>
            <legend className="form-label">Hvornår vil du have besked, når en kommune indsender en ansøgning?</legend>
            {error ? (
              <span className="form-error-message" id="applicationNotice-error">
                <span className="sr-only">Fejl: </span>
                {error}
              </span>
            ) : null}
            <ul className="nobullet-list">
              {NOTICE_OPTIONS.map((o) => (
                <li key={o.value}>
                  <input
                    type="radio"
                    className="form-radio"
                    id={`applicationNotice-${o.value}`}
                    value={o.value}
                    // Checked in the server's HTML too, so the form works before (or without) JavaScript.
                    defaultChecked={current === o.value}
                    aria-describedby={`applicationNotice-${o.value}-hint`}
                    {...register("applicationNotice")}
                  />
                  <label className="form-label" htmlFor={`applicationNotice-${o.value}`}>
                    {o.label}
                  </label>
                  <span className="form-hint" id={`applicationNotice-${o.value}-hint`}>
                    {o.hint}
                  </span>
                </li>
              ))}
            </ul>
          </fieldset>
        </div>
        <div className="pp-actions">
          <button type="submit" className="button button-secondary" disabled={navigation.state === "submitting"}>
            Gem valg
          </button>
        </div>
      </Form>
    </>
  );
}
