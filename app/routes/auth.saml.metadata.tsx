// The service provider's SAML metadata (entity ID, ACS URL, signing and encryption
// certificate), to register the app at NemLog-in.
import { notFound } from "~/auth/guards.server";
import { samlMetadata } from "~/auth/sso/saml.server";
import { getDb } from "~/db.server";
import { getEnv } from "~/env.server";

export async function loader() {
  const settings = getEnv().SSO.saml ?? notFound();
  return new Response(samlMetadata(await getDb(), settings), {
    headers: { "Content-Type": "application/samlmetadata+xml; charset=utf-8" },
  });
}
