import { Form, Link, useLocation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import type { NavItem } from "~/navigation";
import { currentNavItem } from "~/utils/current-nav-item";
import { roleLabel } from "~/policy/permissions";

type ShellUser = {
  name: string;
  role: string;
  municipalityName: string | null;
  agencyName: string | null;
} | null;

export function AppShell({
  user,
  nav,
  testClock,
  canSearch,
  children,
}: {
  user: ShellUser;
  nav: NavItem[];
  testClock?: { now: string } | null;
  canSearch?: boolean;
  children: React.ReactNode;
}) {
  const top = useRouteFocusReset();
  const current = currentNavItem(nav, useLocation().pathname);
  const organisation = user?.municipalityName
    ? user.municipalityName
    : (user?.agencyName ?? "");
  return (
    <>
      <div ref={top} tabIndex={-1} className="pp-focus-reset" />
      <a className="skipnav" href="#main-content">
        Gå til sidens indhold
      </a>
      <header className="header">
        {testClock ? (
          <div className="pp-test-clock" data-testid="test-clock-banner">
            <div className="container">
              <strong>Testur er slået til:</strong> frister regnes, som om klokken er {testClock.now}.
            </div>
          </div>
        ) : null}
        <div className="portal-header">
          <div className="container portal-header-inner pp-portal">
            <a href="/" className="pp-brand">
              Puljeportal
            </a>
            <span className="pp-authority">Social- og Boligministeriet</span>
            {user ? (
              <div className="pp-user">
                <span>
                  <Link to="/account" className="pp-account-link" title="Min konto">
                    <strong>{user.name}</strong>
                  </Link>
                  <br />
                  <span className="pp-muted">
                    {roleLabel(user.role)}
                    {organisation ? ` · ${organisation}` : ""}
                  </span>
                </span>
                {canSearch ? (
                  <Form method="get" action="/search" role="search" aria-label="Find en ansøgning" className="pp-header-search">
                    <label htmlFor="header-search" className="sr-only">
                      Referencenummer, fx PP-2022-0007
                    </label>
                    <input id="header-search" name="q" type="search" className="form-input" placeholder="PP-2022-0007" maxLength={100} />
                    <button type="submit" className="button button-secondary pp-small-button">
                      Find
                    </button>
                  </Form>
                ) : null}
                <Form method="post" action="/logout">
                  <button type="submit" className="button button-secondary pp-small-button">
                    Log ud
                  </button>
                </Form>
              </div>
            ) : null}
          </div>
        </div>
        {nav.length > 0 ? (
          <nav className="pp-nav" aria-label="Hovedmenu">
            <div className="container">
              <ul>
                {nav.map((item) => (
                  <li key={item.to}>
                    <Link to={item.to} className={item.to === current ? "active" : undefined} aria-current={item.to === current ? "page" : undefined}>
                      {item.label}
                    </Link>
                  </li>
                ))}
              </ul>
            </div>
          </nav>
        ) : null}
      </header>
      <main id="main-content" className="container pp-main" tabIndex={-1}>
        {children}
      </main>
      <footer className="pp-footer">
        <div className="container">
          <p>
            Puljeportal · Social- og Boligministeriet · <a href="/hvem-fik-hvad">Hvem fik hvad</a> ·{" "}
            <a href="/tilgaengelighed">Tilgængelighedserklæring</a>
          </p>
        </div>
      </footer>
    </>
  );
}

/**
 * After a client-side navigation, focus goes where a full page load would put it: on the
 * element the address's #fragment names (the attachments section after an upload), or at
 * the top, so the next Tab reaches the skip link. Without this, focus stayed on the menu
 * link or fell to the page body when the focused button was replaced. Focus that is still
 * inside the main content (the button that saved, an error summary the page focused) stays,
 * and so does the browser's place after a save that stayed on the page.
 */
function useRouteFocusReset() {
  const top = useRef<HTMLDivElement>(null);
  const location = useLocation();
  const previous = useRef<string | null>(null);
  useEffect(() => {
    const samePage = previous.current === location.pathname;
    const firstRender = previous.current === null;
    previous.current = location.pathname;
    if (firstRender) return;
    const active = document.activeElement;
    const main = document.getElementById("main-content");
    if (active && active !== main && active.isConnected && main?.contains(active)) return;
    const named = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    if (named) {
      if (!named.matches("a[href], button, input, select, textarea, [tabindex]")) named.tabIndex = -1;
      named.focus();
    } else if (!samePage) {
      // On the same page (a save that came back), the browser's own starting point is kept.
      top.current?.focus({ preventScroll: true });
    }
  }, [location.key]);
  return top;
}
