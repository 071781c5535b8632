// What a finished identity-provider sign-in answers: the session cookie and a redirect,
// or a Danish refusal page (403). The flow's browser cookie is cleared either way.
import { data, redirect } from "@remix-run/node";
import { safeRedirect } from "~/utils/redirect";
import { clearBrowserKeyCookie } from "./requests.server";
import type { SsoRefusal, SsoSignInResult } from "./sign-in.server";

export async function ssoOutcome(result: SsoSignInResult & { redirectTo?: string }) {
  const headers = new Headers();
  headers.append("Set-Cookie", await clearBrowserKeyCookie());
  if (!result.ok) return data({ reason: result.reason as SsoRefusal }, { status: 403, headers });
  headers.append("Set-Cookie", result.setCookie);
  throw redirect(safeRedirect(result.redirectTo), { headers });
}

/** Starting a sign-in: off to the provider, with the cookie that binds the flow to this browser. */
export function toProvider(start: { location: string; setCookie: string }): never {
  throw redirect(start.location, { headers: { "Set-Cookie": start.setCookie } });
}
