// The OpenID Connect provider sends the browser back here with a code and our state.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { notFound } from "~/auth/guards.server";
import { finishOidcSignIn } from "~/auth/sso/oidc.server";
import { ssoOutcome } from "~/auth/sso/outcome.server";
import { SsoRefusalPage } from "~/auth/sso/refusal";
import { getDb } from "~/db.server";
import { getEnv } from "~/env.server";

export const meta: MetaFunction = () => [{ title: "Login afvist · Puljeportal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const settings = getEnv().SSO.oidc ?? notFound();
  return ssoOutcome(await finishOidcSignIn(await getDb(), settings, request));
}

export default function OidcCallback() {
  const { reason } = useLoaderData<typeof loader>();
  return <SsoRefusalPage reason={reason} />;
}
