// "Log ind med MitID Erhverv" / "Log ind med <ministeriets login>" on the login page,
// only for the providers that are configured. Links, not forms: the page's CSP
// (form-action 'self') would stop a form's redirect on to the provider's site.
export type ProviderNames = { saml: string | null; oidc: string | null };

export function SsoButtons({ providers, redirectTo }: { providers: ProviderNames; redirectTo: string }) {
  if (!providers.saml && !providers.oidc) return null;
  const back = `?redirectTo=${encodeURIComponent(redirectTo)}`;
  return (
    <>
      <div className="pp-actions">
        {providers.saml ? (
          <a className="button button-primary" href={`/auth/saml/login${back}`}>
            {`Log ind med ${providers.saml}`}
          </a>
        ) : null}
        {providers.oidc ? (
          <a className="button button-primary" href={`/auth/oidc/login${back}`}>
            {`Log ind med ${providers.oidc}`}
          </a>
        ) : null}
      </div>
      <h2>Log ind med e-mail og adgangskode</h2>
    </>
  );
}
