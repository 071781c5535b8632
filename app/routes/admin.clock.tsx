// The test clock (admin only, never in production): move "now" for every deadline,
// e.g. to replay the 2022 round before its deadline of 7 November 2022 kl. 12:00.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { notFound, requirePermission } from "~/auth/guards.server";
import { Alert, FormErrorSummary, TextField, useValidatedForm } from "~/components/form";
import { getDb } from "~/db.server";
import { testClockFormSchema } from "~/domain/clock/clock";
import { appNow, isTestClockAvailable, readTestClock, setTestClock } from "~/domain/clock/clock.server";
import { copenhagenDateString, copenhagenTimeString, formatDeadline } from "~/utils/dates";
import { parseForm } from "~/utils/forms.server";

export const meta: MetaFunction = () => [{ title: "Testur · Puljeportal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "clock:manage");
  if (!isTestClockAvailable()) notFound();
  const db = await getDb();
  const clock = await readTestClock(db);
  const now = await appNow(db);
  return {
    active: clock !== null,
    now: formatDeadline(now),
    realNow: formatDeadline(new Date()),
    date: copenhagenDateString(now),
    time: copenhagenTimeString(now),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "clock:manage");
  if (!isTestClockAvailable()) notFound();
  const parsed = parseForm(await request.formData(), testClockFormSchema);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const result = await setTestClock(await getDb(), actor, parsed.data);
  if (!result.ok) return data({ ok: false as const, errors: { form: result.message }, values: {} }, { status: 409 });
  throw redirect(`/admin/clock?${result.clock ? "stillet" : "nulstillet"}=1`);
}

export default function TestClockPage() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { onSubmit, errorOf, register } = useValidatedForm(testClockFormSchema, {
    defaultValues: { intent: "set", date: d.date, time: d.time },
    actionData,
  });
  const errors = actionData && !actionData.ok ? actionData.errors : undefined;
  return (
    <div className="pp-narrow">
      <h1>Testur</h1>
      <p>
        Testuret flytter „nu“ for alle frister i Puljeportal: hvornår opslag er åbne, hvornår kladder låses, og hvornår
        ansøgninger kan indsendes. Det bruges til demonstrationer og test, fx til at gennemspille runden fra 2022 med
        fristen 7. november 2022 kl. 12:00. Revisionssporet og sessioner bruger altid det rigtige klokkeslæt. Testuret
        findes ikke i produktion.
      </p>
      {params.has("stillet") ? <Alert kind="success">Testuret er stillet.</Alert> : null}
      {params.has("nulstillet") ? <Alert kind="success">Testuret er slået fra. Puljeportal bruger igen det rigtige klokkeslæt.</Alert> : null}
      {errors?.form ? <Alert kind="error">{errors.form}</Alert> : null}
      <FormErrorSummary errors={errors} />
      <dl>
        <dt>Puljeportals klokkeslæt</dt>
        <dd data-testid="clock-now">{d.now}</dd>
        <dt>Det rigtige klokkeslæt</dt>
        <dd>{d.realNow}</dd>
      </dl>
      <Form method="post" onSubmit={onSubmit} noValidate>
        <input type="hidden" value="set" {...register("intent")} />
        <h2>Stil testuret</h2>
        <TextField name="date" label="Dato" type="date" hint="Fx 2022-11-07" register={register} error={errorOf("date")} defaultValue={d.date} />
        <TextField name="time" label="Klokkeslæt (dansk tid)" type="time" hint="Fx 11:00" register={register} error={errorOf("time")} defaultValue={d.time} />
        <div className="pp-actions">
          <button type="submit" className="button button-primary">
            Stil testuret
          </button>
        </div>
      </Form>
      {d.active ? (
        <Form method="post">
          <input type="hidden" name="intent" value="clear" />
          <button type="submit" className="button button-secondary">
            Slå testuret fra
          </button>
        </Form>
      ) : null}
    </div>
  );
}
