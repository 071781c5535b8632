// Starts a sign-in at the ministry's OpenID Connect provider (a button on /login).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/auth/guards.server";
import { toProvider } from "~/auth/sso/outcome.server";
import { startOidcSignIn } from "~/auth/sso/oidc.server";
import { getDb } from "~/db.server";
import { getEnv } from "~/env.server";
import { safeRedirect } from "~/utils/redirect";

// A link, not a form: the login page's CSP (form-action 'self') would stop a form's
// redirect to the provider's site. Starting a flow only writes an expiring row.
export async function loader({ request }: LoaderFunctionArgs) {
  const settings = getEnv().SSO.oidc ?? notFound();
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"));
  return toProvider(await startOidcSignIn(await getDb(), settings, request, redirectTo));
}
