import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import dkfdsCss from "dkfds/dist/css/dkfds.min.css?url";
import { getActor } from "~/auth/session.server";
import { getDb } from "~/db.server";
import { appNow, isTestClockAvailable, readTestClock } from "~/domain/clock/clock.server";
import { formatDeadline } from "~/utils/dates";
import { AppShell } from "~/components/app-shell";
import { navigationFor, type NavItem } from "~/navigation";
import { can } from "~/policy/permissions";
import { POOL_CLOSED_MESSAGE } from "~/domain/pools/closed";
import appCss from "~/styles/app.css?url";
import { useNonce } from "~/utils/nonce";
import "~/utils/zod-browser";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: dkfdsCss },
  { rel: "stylesheet", href: appCss },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Puljeportal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  // Everyone sees that deadlines follow a moved clock, or they would trust what they see.
  const db = await getDb();
  const testClock = (await readTestClock(db)) ? { now: formatDeadline(await appNow(db)) } : null;
  if (!actor) return { user: null, nav: [] as NavItem[], testClock, canSearch: false };
  const { userId, name, email, role, municipalityName, agencyName, municipalityCode, agencyId } = actor;
  return {
    user: { userId, name, email, role, municipalityName, agencyName, municipalityCode, agencyId },
    nav: navigationFor(actor, { testClock: isTestClockAvailable() }),
    canSearch: can(actor, "application:read"),
    testClock,
  };
}

export type RootData = Awaited<ReturnType<typeof loader>>;

export function Layout({ children }: { children: React.ReactNode }) {
  const nonce = useNonce();
  return (
    <html lang="da">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const data = useLoaderData<typeof loader>();
  return (
    <AppShell user={data.user} nav={data.nav} testClock={data.testClock} canSearch={data.canSearch}>
      <Outlet />
    </AppShell>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRouteLoaderData<typeof loader>("root");
  let title = "Der opstod en fejl";
  let text = "Noget gik galt hos os. Prøv igen om lidt. Fejlen er registreret.";
  if (isRouteErrorResponse(error)) {
    if (error.status === 403 && error.data === POOL_CLOSED_MESSAGE) {
      title = "Puljen er afsluttet";
      text = POOL_CLOSED_MESSAGE;
    } else if (error.status === 403) {
      title = "Ingen adgang";
      text = "Du har ikke adgang til denne side. Kontakt ministeriet, hvis du mener, det er en fejl.";
    } else if (error.status === 404) {
      title = "Siden findes ikke";
      text = "Siden findes ikke, eller du har ikke adgang til den.";
    } else if (error.status === 413) {
      title = "For stor forespørgsel";
      text = "Det, du sendte, er for stort.";
    } else if (error.status < 500) {
      title = "Forespørgslen kunne ikke behandles";
      text = "Tjek det, du har indtastet, og prøv igen.";
    }
  }
  return (
    <AppShell user={data?.user ?? null} nav={data?.nav ?? []} testClock={data?.testClock ?? null}>
      <h1>{title}</h1>
      <p>{text}</p>
      <p>
        <a href="/">Gå til forsiden</a>
      </p>
    </AppShell>
  );
}
