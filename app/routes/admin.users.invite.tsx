import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { inviteSchema } from "~/auth/account-schemas";
import { requirePermission } from "~/auth/guards.server";
import { createInvitation } from "~/auth/invitations.server";
import { organisationOptions } from "~/auth/users.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { FormErrorSummary, TextField, useValidatedForm } from "~/components/form";
import { MembershipFields } from "~/components/membership-fields";
import { getDb } from "~/db.server";
import { parseForm } from "~/utils/forms.server";

export const meta: MetaFunction = () => [{ title: "Invitér bruger · Puljeportal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "users:manage");
  return organisationOptions(await getDb());
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "users:manage");
  const parsed = parseForm(await request.formData(), inviteSchema);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const result = await createInvitation(await getDb(), actor, parsed.data);
  if (!result.ok) {
    const { email, name, role, municipalityCode, agency } = parsed.data;
    return data({ ok: false as const, errors: result.errors, values: { email, name, role, municipalityCode, agency } }, { status: 409 });
  }
  throw redirect("/admin/users?invited=1");
}



export default function InviteUser() {
  const options = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { onSubmit, errorOf, register } = useValidatedForm(inviteSchema, { actionData });
  const values: Record<string, unknown> = actionData?.values ?? {};
  const value = (name: string) => String(values[name] ?? "");
  return (
    <div className="pp-narrow">
      <Breadcrumbs trail={[{ to: "/admin/users", label: "Brugere" }]} current="Invitér bruger" />
      <h1>Invitér bruger</h1>
      <p>Personen får en e-mail med et link, hvor de vælger deres adgangskode. Linket virker i 7 dage og kan bruges én gang.</p>
      <FormErrorSummary errors={actionData?.errors} />
      <Form method="post" onSubmit={onSubmit} noValidate>
        <TextField name="name" label="Navn" autoComplete="off" register={register} error={errorOf("name")} defaultValue={value("name")} />
        <TextField name="email" label="E-mail" type="email" autoComplete="off" register={register} error={errorOf("email")} defaultValue={value("email")} />
        <MembershipFields options={options} register={register} errorOf={errorOf} value={value} />
        <div className="pp-actions">
          <button type="submit" className="button button-primary" disabled={navigation.state === "submitting"}>
            Send invitation
          </button>
          <Link to="/admin/users">Fortryd</Link>
        </div>
      </Form>
    </div>
  );
}
