import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { membershipSchema, userStatusSchema } from "~/auth/account-schemas";
import { found, notFound, requirePermission } from "~/auth/guards.server";
import { changeMembership, getUserDetail, lockedUntilOf, organisationOptions, setUserStatus, unlockUser } from "~/auth/users.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { Alert, FormErrorSummary, useValidatedForm } from "~/components/form";
import { MembershipFields } from "~/components/membership-fields";
import { getDb } from "~/db.server";
import { roleLabel } from "~/policy/permissions";
import { formatDate, formatDateTime } from "~/utils/dates";
import { parseForm } from "~/utils/forms.server";

export const meta: MetaFunction = () => [{ title: "Bruger · Puljeportal" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "users:manage");
  const db = await getDb();
  const user = found(await getUserDetail(db, params.userId ?? ""), "Brugeren findes ikke.");
  const lockedUntil = await lockedUntilOf(db, user);
  return {
    user: {
      id: user.id,
      name: user.name,
      email: user.email,
      status: user.status,
      createdAt: formatDate(user.createdAt),
      role: user.role,
      roleLabel: user.role ? roleLabel(user.role) : "Ingen rolle",
      municipalityCode: user.municipalityCode ?? "",
      agency: user.role === "advisor" ? (user.agencySlug ?? "") : "",
      organisation: user.municipalityName ?? user.agencyName ?? "",
      lastSignIn: user.lastSignIn ? formatDateTime(user.lastSignIn) : null,
      activeSessions: user.activeSessions,
      lockedUntil: lockedUntil ? formatDateTime(lockedUntil) : null,
    },
    isSelf: user.id === actor.userId,
    options: await organisationOptions(db),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "users:manage");
  const db = await getDb();
  const userId = params.userId ?? "";
  found(await getUserDetail(db, userId), "Brugeren findes ikke.");
  const form = await request.formData();
  if (form.get("intent") === "membership") {
    const parsed = parseForm(form, membershipSchema);
    if (!parsed.ok) return data(parsed, { status: 400 });
    const result = await changeMembership(db, actor, userId, parsed.data);
    if (!result.ok) {
      if (result.status === 404) notFound(result.message);
      return data(
        { ok: false as const, errors: { [result.field ?? "form"]: result.message }, values: { ...parsed.data } },
        { status: result.status },
      );
    }
    throw redirect(`/admin/users/${userId}?saved=1`);
  }
  const parsed = parseForm(form, userStatusSchema);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const { intent } = parsed.data;
  const result =
    intent === "unlock"
      ? await unlockUser(db, actor, userId)
      : await setUserStatus(db, actor, userId, intent === "disable" ? "disabled" : "active");
  if (!result.ok) {
    if (result.status === 404) notFound(result.message);
    return data({ ok: false as const, errors: { form: result.message }, values: {} }, { status: result.status });
  }
  throw redirect(`/admin/users/${userId}?saved=1`);
}


export default function AdminUser() {
  const { user, isSelf, options } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const defaults = { intent: "membership", role: user.role ?? "", municipalityCode: user.municipalityCode, agency: user.agency };
  const { onSubmit, errorOf, register } = useValidatedForm(membershipSchema, { defaultValues: defaults, actionData });
  // Rendered into the HTML too, so the form keeps its values without JavaScript.
  const current: Record<string, unknown> = { ...defaults, ...actionData?.values };
  const value = (name: string) => String(current[name] ?? "");
  const confirmDisable = params.get("confirm") === "disable" && user.status === "active" && !isSelf;
  return (
    <div className="pp-narrow">
      <Breadcrumbs trail={[{ to: "/admin/users", label: "Brugere" }]} current={user.name} />
      <h1>{user.name}</h1>
      {params.get("saved") === "1" ? <Alert kind="success" heading="Ændringen er gemt" /> : null}
      {actionData?.errors?.form ? <Alert kind="error" heading="Ændringen blev ikke gemt">{actionData.errors.form}</Alert> : null}
      <dl>
        <dt>E-mail</dt>
        <dd>{user.email}</dd>
        <dt>Rolle</dt>
        <dd>
          {user.roleLabel}
          {user.organisation ? ` · ${user.organisation}` : ""}
        </dd>
        <dt>Status</dt>
        <dd>{user.status === "active" ? "Aktiv" : "Deaktiveret"}</dd>
        <dt>Oprettet</dt>
        <dd>{user.createdAt}</dd>
        <dt>Seneste login</dt>
        <dd>{user.lastSignIn ?? "Aldrig"}</dd>
        <dt>Aktive sessioner</dt>
        <dd>{user.activeSessions}</dd>
      </dl>

      <h2>Adgang</h2>
      {user.lockedUntil ? (
        <Form method="post">
          <p>
            Login er låst til {user.lockedUntil} efter for mange forkerte adgangskoder. Lås kun op, hvis du har talt med brugeren.
          </p>
          <input type="hidden" name="intent" value="unlock" />
          <button type="submit" className="button button-secondary">
            Lås op
          </button>
        </Form>
      ) : null}
      {user.status === "disabled" ? (
        <Form method="post">
          <p>Brugeren er deaktiveret og kan ikke logge ind.</p>
          <input type="hidden" name="intent" value="enable" />
          <button type="submit" className="button button-secondary">
            Genaktivér bruger
          </button>
        </Form>
      ) : isSelf ? (
        <p>Du kan ikke deaktivere dig selv.</p>
      ) : confirmDisable ? (
        <div className="alert alert-warning" role="status">
          <div className="alert-body">
            <p className="alert-heading">Deaktivér {user.name}?</p>
            <div className="alert-text">
              <p>Brugeren bliver logget ud med det samme og kan ikke logge ind, før du genaktiverer brugeren.</p>
              <Form method="post" className="pp-actions">
                <input type="hidden" name="intent" value="disable" />
                <button type="submit" className="button button-primary">
                  Ja, deaktivér
                </button>
                <Link to={`/admin/users/${user.id}`}>Fortryd</Link>
              </Form>
            </div>
          </div>
        </div>
      ) : (
        <p>
          <Link to="?confirm=disable" className="button button-secondary">
            Deaktivér bruger
          </Link>
        </p>
      )}

      <h2>Rolle og organisation</h2>
      <FormErrorSummary errors={actionData?.errors && Object.fromEntries(Object.entries(actionData.errors).filter(([k]) => k !== "form"))} />
      <Form method="post" onSubmit={onSubmit} noValidate>
        <input type="hidden" {...register("intent")} value="membership" />
        <MembershipFields
          options={options}
          register={register}
          errorOf={errorOf}
          value={value}
          roleHint={isSelf ? "Du kan ikke ændre din egen rolle." : undefined}
        />
        <div className="pp-actions">
          <button type="submit" className="button button-primary">
            Gem rolle og organisation
          </button>
        </div>
      </Form>
    </div>
  );
}
