// The pages the load benchmarks measure (issue 19), each with its counterpart on the bare
// baseline (bare-server.ts), signed in as the role that uses it: pages.ts measures them one
// by one, two-processes.ts takes the data pages as one mix.
import { DEMO_PASSWORD } from "../../../db/seed/demo-content";
import type { BenchFacts } from "./bench-database";
import type { Target } from "./load";
import { loginCookie } from "./measure";

export type BenchPage = { key: string; name: string; app: Target; bare: Target; rows?: number };
export type Cookies = { caseworker: string; municipality: string; applicant: string };

/** Pages that read the database (the throughput target's "datasider"). */
export const DATA_PAGE_KEYS = ["list", "list100", "allocation", "grant", "timeline", "dashboard", "start", "form"] as const;

export async function signIn(base: string, facts: BenchFacts): Promise<Cookies> {
  return {
    caseworker: await loginCookie(base, "sagsbehandler@demo.puljeportal.dk", DEMO_PASSWORD),
    municipality: await loginCookie(base, facts.startEmail, DEMO_PASSWORD),
    applicant: await loginCookie(base, facts.formEmail, DEMO_PASSWORD),
  };
}

export function benchPages(base: string, bareBase: string, facts: BenchFacts, { caseworker, municipality, applicant }: Cookies): BenchPage[] {
  let n = 0;
  const signInBody = () => new URLSearchParams({ email: facts.emails[n++ % facts.emails.length]!, password: DEMO_PASSWORD, redirectTo: "/" }).toString();
  return [
    { key: "list", name: "Ansøgningsliste (sagsbehandler)", app: { url: `${base}/applications`, cookie: caseworker, expect: 200 }, bare: { url: `${bareBase}/list`, cookie: caseworker, expect: 200 }, rows: 25 },
    { key: "list100", name: "Ansøgningsliste, pageSize=100", app: { url: `${base}/applications?pageSize=100`, cookie: caseworker, expect: 200 }, bare: { url: `${bareBase}/list?pageSize=100`, cookie: caseworker, expect: 200 }, rows: 100 },
    { key: "allocation", name: "Fordelingstavle (opslag 2022)", app: { url: `${base}/calls/${facts.callId}/allocation`, cookie: caseworker, expect: 200 }, bare: { url: `${bareBase}/allocation?call=${facts.callId}`, cookie: caseworker, expect: 200 } },
    { key: "grant", name: "Tilsagn med bevægelser", app: { url: `${base}/grants/${facts.grantId}`, cookie: caseworker, expect: 200 }, bare: { url: `${bareBase}/grant?id=${facts.grantId}`, cookie: caseworker, expect: 200 } },
    { key: "timeline", name: "Tidslinje for forløb", app: { url: `${base}/programmes/timeline`, cookie: caseworker, expect: 200 }, bare: { url: `${bareBase}/timeline`, cookie: caseworker, expect: 200 } },
    { key: "dashboard", name: "Ministeriets overblik (/dashboard)", app: { url: `${base}/dashboard`, cookie: caseworker, expect: 200 }, bare: { url: `${bareBase}/dashboard`, cookie: caseworker, expect: 200 } },
    { key: "start", name: "Kommunens forside", app: { url: `${base}/`, cookie: municipality, expect: 200 }, bare: { url: `${bareBase}/start`, cookie: municipality, expect: 200 } },
    { key: "form", name: "Ansøgningsformular (kladde)", app: { url: `${base}/applications/${facts.formId}`, cookie: applicant, expect: 200 }, bare: { url: `${bareBase}/form?id=${facts.formId}`, cookie: applicant, expect: 200 } },
    { key: "login", name: "/login GET", app: { url: `${base}/login`, expect: 200 }, bare: { url: `${bareBase}/login`, expect: 200 } },
    { key: "signin", name: "Log ind (POST, argon2)", app: { url: `${base}/login`, post: signInBody, expect: 302 }, bare: { url: `${bareBase}/login`, post: signInBody, expect: 302 } },
  ];
}
