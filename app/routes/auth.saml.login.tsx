// Starts a sign-in with MitID Erhverv through NemLog-in (a button on /login).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/auth/guards.server";
import { toProvider } from "~/auth/sso/outcome.server";
import { startSamlSignIn } from "~/auth/sso/saml.server";
import { getDb } from "~/db.server";
import { getEnv } from "~/env.server";
import { safeRedirect } from "~/utils/redirect";

// A link, not a form: the login page's CSP (form-action 'self') would stop a form's
// redirect to the provider's site. Starting a flow only writes an expiring row.
export async function loader({ request }: LoaderFunctionArgs) {
  const settings = getEnv().SSO.saml ?? notFound();
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"));
  return toProvider(await startSamlSignIn(await getDb(), settings, request, redirectTo));
}
