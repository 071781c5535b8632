// Assertion consumer service: NemLog-in posts the SAML response here (HTTP-POST binding,
// from its own site: server.ts lets this one path through the cross-site check).
import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { z } from "zod";
import { notFound } from "~/auth/guards.server";
import { ssoOutcome } from "~/auth/sso/outcome.server";
import { SsoRefusalPage } from "~/auth/sso/refusal";
import { finishSamlSignIn } from "~/auth/sso/saml.server";
import { getDb } from "~/db.server";
import { getEnv } from "~/env.server";
import { parseForm } from "~/utils/forms.server";

export const meta: MetaFunction = () => [{ title: "Login afvist · Puljeportal" }];

const schema = z.object({ SAMLResponse: z.string().min(1).max(1_000_000), RelayState: z.string().max(2000).optional() });

// Remix runs the loader again after the action to render the page: it must not throw then.
export function loader() {
  if (!getEnv().SSO.saml) notFound();
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const settings = getEnv().SSO.saml ?? notFound();
  const parsed = parseForm(await request.formData(), schema);
  if (!parsed.ok) return ssoOutcome({ ok: false, reason: "invalid" });
  return ssoOutcome(await finishSamlSignIn(await getDb(), settings, request, parsed.data.SAMLResponse));
}

export default function SamlAcs() {
  const result = useActionData<typeof action>();
  return <SsoRefusalPage reason={result?.reason ?? "invalid"} />;
}
