// /status-pack: the answer material for a question from Folketinget or the annual status
// (ministry only). A GET form (pool, "as of" date, purpose); once valid, the summary is shown
// and the DOCX, PDF and XLSX are links with the same query.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useLoaderData, useLocation } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { Alert, FormErrorSummary, SelectField, TextField } from "~/components/form";
import { getDb } from "~/db.server";
import { appNow } from "~/domain/clock/clock.server";
import { listPackPools } from "~/domain/status-pack/figures.server";
import { statusPackDocument } from "~/domain/status-pack/pack.server";
import { isDemoData } from "~/domain/status-pack/pack-env.server";
import { packQuery, packSubmitted, packValues, parsePackRequest, type PackField } from "~/domain/status-pack/pack-request";
import { copenhagenDateString } from "~/utils/dates";

export const meta: MetaFunction = () => [{ title: "Statuspakke · Puljeportal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "status-pack:create");
  const db = await getDb();
  const today = copenhagenDateString(await appNow(db));
  const pools = await listPackPools(db);
  const params = new URL(request.url).searchParams;
  const values = packValues(params, { poolId: pools[0] ? String(pools[0].id) : "", today });
  const base = { pools: pools.map((p) => ({ value: String(p.id), label: p.name })), values, today };
  if (!packSubmitted(params)) return data({ ...base, errors: {} as Partial<Record<PackField, string>>, pack: null });
  const parsed = parsePackRequest(values, today);
  if (!parsed.ok) return data({ ...base, errors: parsed.errors, pack: null }, { status: 400 });
  const built = await statusPackDocument(db, parsed.request, { demoData: isDemoData() });
  if (!built) return data({ ...base, errors: { poolId: "Vælg en pulje." } as Partial<Record<PackField, string>>, pack: null }, { status: 400 });
  const d = built.document;
  return data({
    ...base,
    errors: {} as Partial<Record<PackField, string>>,
    pack: { title: d.title, subtitle: d.subtitle, asOfLine: d.asOfLine, summary: d.summary, query: packQuery(values) },
  });
}

const FIELD_LABELS: Record<PackField, string> = {
  poolId: "Pulje",
  asOf: "Opgjort pr.",
  purpose: "Formål",
  committee: "Udvalg",
  questionNo: "Spørgsmål nr.",
};

export default function StatusPackPage() {
  const { pools, values, errors, pack, today } = useLoaderData<typeof loader>();
  const location = useLocation();
  return (
    <>
      <h1>Statuspakke</h1>
      <p>
        Dan materiale til besvarelse af et folketingsspørgsmål eller til den årlige status: et Word-dokument, der kan redigeres,
        en PDF og et regneark med de bagvedliggende tabeller. Alle tal og sammenfatningens sætninger dannes ud fra data i
        Puljeportal, opgjort pr. den valgte dato.
      </p>
      <FormErrorSummary errors={errors as Record<string, string>} labelOf={(f) => FIELD_LABELS[f as PackField]} />
      {/* key: the uncontrolled fields show the URL's values again after each submit */}
      <Form method="get" key={location.search} aria-label="Dan statuspakke">
        <SelectField name="poolId" label="Pulje" error={errors.poolId} options={pools} defaultValue={values.poolId} />
        <TextField
          name="asOf"
          label="Opgjort pr."
          type="date"
          max={today}
          hint="Tallene opgøres ved udgangen af denne dag (dansk tid). Standard er i dag."
          error={errors.asOf}
          defaultValue={values.asOf}
        />
        <fieldset aria-describedby={errors.purpose ? "purpose-error" : undefined}>
          <legend className="h5">Formål</legend>
          {errors.purpose ? <span className="form-error-message" id="purpose-error" role="alert"><span className="sr-only">Fejl: </span>{errors.purpose}</span> : null}
          <ul className="nobullet-list" id="purpose">
            <li>
              <input className="form-radio radio-large" type="radio" id="purpose-question" name="purpose" value="question" defaultChecked={values.purpose !== "annual"} />
              <label htmlFor="purpose-question">Folketingsspørgsmål</label>
            </li>
            <li>
              <input className="form-radio radio-large" type="radio" id="purpose-annual" name="purpose" value="annual" defaultChecked={values.purpose === "annual"} />
              <label htmlFor="purpose-annual">Årlig status (december) til partierne bag aftalen</label>
            </li>
          </ul>
        </fieldset>
        <TextField name="committee" label="Udvalg" hint="Kun ved folketingsspørgsmål." error={errors.committee} defaultValue={values.committee} />
        <TextField
          name="questionNo"
          label="Spørgsmål nr."
          hint="Kun ved folketingsspørgsmål, fx 391."
          className="input-width-xs"
          error={errors.questionNo}
          defaultValue={values.questionNo}
        />
        <button type="submit" className="button button-primary">
          Dan statuspakke
        </button>
      </Form>
      {pack ? (
        <section aria-labelledby="pack-heading" className="mt-7">
          <h2 id="pack-heading">{pack.title}</h2>
          <p>{pack.subtitle}</p>
          <p>
            <strong>{pack.asOfLine}</strong>
          </p>
          <h3>Sammenfatning</h3>
          {pack.summary.map((s) => (
            <p key={s}>{s}</p>
          ))}
          <h3>Hent materialet</h3>
          <ul>
            <li>
              <a href={`/status-pack.docx?${pack.query}`}>Word-dokument (DOCX), kan redigeres</a>
            </li>
            <li>
              <a href={`/status-pack.pdf?${pack.query}`}>PDF</a>
            </li>
            <li>
              <a href={`/status-pack.xlsx?${pack.query}`}>Regneark med tabellerne (XLSX)</a>
            </li>
          </ul>
        </section>
      ) : (
        <Alert kind="info">Vælg pulje, dato og formål, og tryk på „Dan statuspakke“. Derefter kan materialet hentes.</Alert>
      )}
    </>
  );
}
