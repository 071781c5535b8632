// The header's search box: a reference number (PP-…) the user may see jumps straight to
// the application; anything else is explained, and a name search goes to the list.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { getDb } from "~/db.server";
import { findApplicationByReference } from "~/domain/applications/applications.server";
import { looksLikeReference } from "~/domain/applications/reference";

export const meta: MetaFunction = () => [{ title: "Søg · Puljeportal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "application:read");
  const q = (new URL(request.url).searchParams.get("q") ?? "").trim().slice(0, 100);
  if (q && looksLikeReference(q)) {
    const id = await findApplicationByReference(await getDb(), actor, q);
    if (id) throw redirect(`/applications/${id}`);
    return { q, reference: true };
  }
  // Not a reference: the list searches names.
  if (q) throw redirect(`/applications?q=${encodeURIComponent(q)}`);
  return { q, reference: false };
}

export default function Search() {
  const { q, reference } = useLoaderData<typeof loader>();
  return (
    <div className="pp-narrow">
      <h1>Søg efter en ansøgning</h1>
      {reference ? (
        <div className="alert alert-warning" role="status">
          <div className="alert-body">
            <p className="alert-heading">Ingen ansøgning med referencenummeret {q}</p>
            <p className="alert-text">
              Tjek nummeret. Det står på kvitteringen, fx PP-2022-0007. Du kan kun finde ansøgninger, du har adgang til.
            </p>
          </div>
        </div>
      ) : null}
      <Form method="get" role="search" aria-label="Søg efter en ansøgning">
        <div className="form-group">
          <label className="form-label" htmlFor="search-q">
            Referencenummer eller kommune
          </label>
          <input className="form-input" id="search-q" name="q" defaultValue={q} />
        </div>
        <button type="submit" className="button button-primary">
          Søg
        </button>
      </Form>
      <p>
        <Link to="/applications">Gå til listen over ansøgninger</Link>
      </p>
    </div>
  );
}
