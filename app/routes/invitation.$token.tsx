import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { newPasswordSchema } from "~/auth/account-schemas";
import { acceptInvitation, findOpenInvitation } from "~/auth/invitations.server";
import { FormErrorSummary, useValidatedForm } from "~/components/form";
import { NewPasswordFields } from "~/components/new-password-fields";
import { getDb } from "~/db.server";
import { roleLabel } from "~/policy/permissions";
import { formatDeadline } from "~/utils/dates";
import { parseForm } from "~/utils/forms.server";

export const meta: MetaFunction = () => [{ title: "Invitation · Puljeportal" }];

// Public page: the token in the URL is the credential, checked in the WHERE (hashed,
// not accepted, not revoked, not expired). Unknown, used, revoked and expired look alike.
const invalid = () => data({ valid: false as const }, { status: 410 });

export async function loader({ params }: LoaderFunctionArgs) {
  const invitation = await findOpenInvitation(await getDb(), params.token ?? "");
  if (!invitation) return invalid();
  return {
    valid: true as const,
    invitation: {
      name: invitation.name,
      email: invitation.email,
      role: roleLabel(invitation.role),
      organisation: invitation.municipalityName ?? invitation.agencyName ?? "",
      expires: formatDeadline(invitation.expiresAt),
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const db = await getDb();
  const token = params.token ?? "";
  if (!(await findOpenInvitation(db, token))) return invalid();
  const parsed = parseForm(await request.formData(), newPasswordSchema);
  if (!parsed.ok) return data({ valid: true as const, ...parsed }, { status: 400 });
  const result = await acceptInvitation(db, token, parsed.data.password, request);
  if (!result.ok) return invalid();
  throw redirect("/", { headers: { "Set-Cookie": result.setCookie } });
}

export default function Invitation() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const failure = actionData && "ok" in actionData ? actionData : undefined;
  const { onSubmit, errorOf, register } = useValidatedForm(newPasswordSchema, { actionData: failure });
  if (!loaderData.valid || (actionData && !actionData.valid)) {
    return (
      <div className="pp-narrow">
        <h1>Linket er ugyldigt eller udløbet</h1>
        <p>
          En invitation kan kun bruges én gang og virker i 7 dage. Kontakt ministeriet for at få en ny invitation. Har du
          allerede oprettet din adgang, kan du <Link to="/login">logge ind</Link>.
        </p>
      </div>
    );
  }
  const { invitation } = loaderData;
  return (
    <div className="pp-narrow">
      <h1>Opret din adgang til Puljeportal</h1>
      <dl>
        <dt>Navn</dt>
        <dd>{invitation.name}</dd>
        <dt>E-mail</dt>
        <dd>{invitation.email}</dd>
        <dt>Rolle</dt>
        <dd>
          {invitation.role}
          {invitation.organisation ? ` · ${invitation.organisation}` : ""}
        </dd>
      </dl>
      <p>Vælg en adgangskode. Invitationen udløber {invitation.expires}.</p>
      <FormErrorSummary errors={failure?.errors} />
      <Form method="post" onSubmit={onSubmit} noValidate>
        <NewPasswordFields register={register} errorOf={errorOf} label="Adgangskode" />
        <div className="pp-actions">
          <button type="submit" className="button button-primary" disabled={navigation.state === "submitting"}>
            Opret adgang
          </button>
        </div>
      </Form>
    </div>
  );
}
