// The municipality's application form: plain POSTs without JavaScript; with it,
// validation with the same zod schemas, live budget totals and autosave ~2 s after
// the last change. Every save names the version it started from, so a concurrent
// change by someone else is reported instead of overwritten.
// The two schemas (and zod with them) load when the user first enters the form or sends it,
// not with the page: they are a fifth of its first-load JS and nothing needs them before
// (decision 039). Autosave does not wait for them: the server checks every save.
import { Form, Link, useBlocker, useFetcher, useNavigation, useSearchParams } from "@remix-run/react";
import { useEffect, useMemo, useRef, useState, type FormEvent, type RefObject } from "react";
import { THEMES } from "~/domain/applications/application-constants";
import { fieldLabels, themeLabels } from "~/domain/applications/application-labels";
import type { BudgetGrid } from "~/domain/applications/budget";
import { lazySchema, type LazySchema } from "~/utils/lazy-schema";
import type { ApplicationPageData } from "./application-page-data";
import { AttachmentList, AttachmentNotice, AttachmentUpload } from "./application-attachments";
import { budgetCellLabel } from "~/domain/applications/budget";
import { BudgetEditor } from "./application-budget";
import { ApplicationHistory } from "./application-history";
import { Breadcrumbs } from "./breadcrumbs";
import { Alert, focusErrorSummary, FormErrorSummary, TextArea, TextField, useValidatedForm } from "./form";

export type ApplicationActionData =
  | { ok: true; version: number; savedAt: string; invalid?: Record<string, string> }
  | {
      ok: false;
      errors: Record<string, string>;
      values: Record<string, string | string[]>;
      version: number;
      conflict?: boolean;
      /** Saved except the fields in `errors` (they kept their stored value). */
      partial?: boolean;
    };

export const AUTOSAVE_DELAY_MS = 2000;

type SaveState = { kind: "idle" | "pending" | "saving" | "saved" | "error"; text: string };

export function ApplicationForm({ data, actionData }: { data: ApplicationPageData; actionData?: ApplicationActionData }) {
  const app = data.application;
  const schemas = useApplicationSchemas(data);
  const failure = actionData && !actionData.ok ? actionData : undefined;
  const { form, onSubmit: validatedSubmit, errorOf, register } = useValidatedForm(schemas.draft, {
    defaultValues: data.values,
    actionData: failure,
  });
  const initial: Record<string, unknown> = { ...data.values, ...failure?.values };
  const values = form.watch() as Record<string, unknown>;
  const navigation = useNavigation();
  const fetcher = useFetcher<ApplicationActionData>();
  const [params] = useSearchParams();
  const formRef = useRef<HTMLFormElement>(null);

  // The version this page's values are based on. It moves only with our own saves:
  // adopting a version someone else wrote would overwrite their change on the next save.
  const [version, setVersion] = useState<number>(failure?.version ?? app.version);
  const versionRef = useRef(version);
  versionRef.current = version;
  const savedParam = Number(params.get("gemt"));
  useEffect(() => {
    if (app.version === savedParam) setVersion(app.version);
  }, [app.version, savedParam]);
  // A partial save (some fields invalid) moved the version too. A refused save or
  // submission puts focus on the error summary.
  useEffect(() => {
    if (failure?.partial) setVersion(failure.version);
    if (failure && Object.keys(failure.errors).some((k) => k !== "form")) focusErrorSummary();
  }, [failure]);

  // Unsaved typing: counted per change, cleared only by a save that included it.
  const changes = useRef(0);
  const savedChanges = useRef(0);
  const sentChanges = useRef(0);
  const [dirty, setDirty] = useState(false);
  // Read from the refs when the tab closes, not from state: a listener added by an effect
  // after the render could miss a close that comes right after the typing.
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (changes.current === savedChanges.current) return;
      event.preventDefault();
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, []);
  // The form posts to its own path (and a submit's redirect is not a blocked navigation),
  // so only leaving for another page asks.
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname);

  const [save, setSave] = useState<SaveState>({ kind: "idle", text: "" });
  const conflicted = useRef(Boolean(failure?.conflict));
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const fetcherBusy = useRef(false);
  fetcherBusy.current = fetcher.state !== "idle";
  const afterAutosave = useSubmitAfterAutosave(formRef);

  useEffect(() => () => clearTimeout(timer.current), []);

  useEffect(() => {
    const result = fetcher.data;
    if (!result) return;
    if (result.ok) {
      setVersion(result.version);
      savedChanges.current = sentChanges.current;
      setDirty(changes.current !== savedChanges.current);
      const invalid = Object.entries(result.invalid ?? {});
      for (const [key, message] of invalid) form.setError(key, { type: "server", message });
      setSave(
        invalid.length
          ? {
              kind: "error",
              text: `Gemt kl. ${result.savedAt}, undtagen ${invalid.length === 1 ? "ét felt" : `${invalid.length} felter`} med fejl (markeret i formularen). Ret ${invalid.length === 1 ? "feltet" : "felterne"}, så gemmes ${invalid.length === 1 ? "det" : "de"} også.`,
            }
          : { kind: "saved", text: `Gemt kl. ${result.savedAt}` },
      );
    } else {
      if (result.conflict) conflicted.current = true;
      const reason = result.errors.form ?? Object.values(result.errors)[0] ?? "ukendt fejl";
      setSave({ kind: "error", text: `Ikke gemt: ${reason}` });
    }
    afterAutosave.ready(result.ok ? result.version : versionRef.current);
  }, [fetcher.data]);
  // The autosave's answer arrives while the fetcher still reloads the page's data; a press
  // released then would find the fetcher busy and be queued again, with nothing left to release it.
  useEffect(() => {
    if (fetcher.state === "idle") afterAutosave.release();
  }, [fetcher.state, fetcher.data]);

  function runAutosave() {
    if (conflicted.current || !formRef.current) return;
    if (fetcherBusy.current) {
      timer.current = setTimeout(runAutosave, AUTOSAVE_DELAY_MS);
      return;
    }
    // Invalid fields are sent too: the server saves the rest and names the invalid ones.
    const body = new FormData(formRef.current);
    sentChanges.current = changes.current;
    body.set("intent", "autosave");
    body.set("version", String(versionRef.current));
    body.delete("confirm");
    setSave({ kind: "saving", text: "Gemmer …" });
    afterAutosave.sending();
    fetcher.submit(body, { method: "post" });
  }

  function scheduleAutosave() {
    changes.current += 1;
    setDirty(true);
    if (conflicted.current) return;
    clearTimeout(timer.current);
    setSave({ kind: "pending", text: "Ændringer er ikke gemt endnu" });
    timer.current = setTimeout(runAutosave, AUTOSAVE_DELAY_MS);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    clearTimeout(timer.current);
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    if (navigation.state !== "idle" || fetcherBusy.current) {
      event.preventDefault();
      if (navigation.state === "idle") afterAutosave.queue(submitter);
      return;
    }
    if (submitter?.value === "submit") {
      if (!schemas.submit.settled) return resendWhenLoaded(event, schemas.submit, submitter);
      const check = schemas.submit.current?.safeParse(form.getValues());
      const issues = check && !check.success ? check.error.issues : [];
      const confirmed = (event.currentTarget.elements.namedItem("confirm") as HTMLInputElement | null)?.checked;
      if (issues.length > 0 || !confirmed) {
        event.preventDefault();
        form.clearErrors();
        for (const issue of issues) {
          const key = issue.path.join(".") || "form";
          if (!form.getFieldState(key).error) form.setError(key, { type: "custom", message: issue.message });
        }
        if (!confirmed) form.setError("confirm", { type: "custom", message: "Bekræft, at ansøgningen er klar til at blive indsendt." });
        focusErrorSummary();
        return;
      }
    }
    validatedSubmit(event);
  }

  const clientErrors = Object.fromEntries(
    Object.entries(form.formState.errors)
      .map(([k, v]) => [k, typeof v?.message === "string" ? v.message : ""])
      .filter(([, m]) => m),
  ) as Record<string, string>;
  const summary = { ...failure?.errors, ...clientErrors };
  delete summary.form;
  const busy = navigation.state !== "idle" ? true : undefined;
  const initialThemes = Array.isArray(initial.themes) ? (initial.themes as string[]) : [];

  return (
    <>
      <Header data={data} />
      {blocker.state === "blocked" ? <LeaveWarning onStay={() => blocker.reset()} onLeave={() => blocker.proceed()} /> : null}
      <DeadlineNotice data={data} />
      {params.has("gemt") && !failure ? <Alert kind="success">Kladden er gemt.</Alert> : null}
      <AttachmentNotice uploaded={params.has("bilag")} deleted={params.has("slettet")} />
      {app.status === "correction" && app.reopenReason ? (
        <Alert kind="warning" heading="Ministeriet har genåbnet ansøgningen til rettelse">
          <p className="pp-pre">{app.reopenReason}</p>
          <p>Ret ansøgningen og indsend den igen. Fristen gælder ikke for rettelsen.</p>
        </Alert>
      ) : null}
      {failure?.errors.form ? (
        <Alert
          kind={failure.partial ? "warning" : "error"}
          heading={failure.partial ? "Kladden er delvist gemt" : failure.conflict ? "Ansøgningen er ikke gemt" : "Ansøgningen er ikke gemt eller indsendt"}
        >
          {failure.errors.form}
        </Alert>
      ) : null}
      <FormErrorSummary errors={summary} labelOf={(field) => budgetCellLabel(field, data.categories)} />

      <Form method="post" ref={formRef} onSubmit={onSubmit} onChange={scheduleAutosave} onFocus={schemas.load} noValidate>
        <input type="hidden" name="version" value={version} />
        <h2>Kontaktperson</h2>
        <TextField name="contactName" label={fieldLabels.contactName} register={register} error={errorOf("contactName")} defaultValue={String(initial.contactName ?? "")} autoComplete="name" />
        <TextField name="contactEmail" label={fieldLabels.contactEmail} type="email" register={register} error={errorOf("contactEmail")} defaultValue={String(initial.contactEmail ?? "")} autoComplete="email" />
        <TextField name="contactPhone" label={fieldLabels.contactPhone} type="tel" register={register} error={errorOf("contactPhone")} defaultValue={String(initial.contactPhone ?? "")} autoComplete="tel" />

        <h2>Underskriftsberettiget</h2>
        <p className="form-hint">Den person, der kan forpligte kommunen, fx direktøren eller chefen for området.</p>
        <TextField name="signatoryName" label={fieldLabels.signatoryName} register={register} error={errorOf("signatoryName")} defaultValue={String(initial.signatoryName ?? "")} />
        <TextField name="signatoryTitle" label={fieldLabels.signatoryTitle} hint="Fx børne- og familiechef" register={register} error={errorOf("signatoryTitle")} defaultValue={String(initial.signatoryTitle ?? "")} />

        <h2>Ansøgningen</h2>
        <p className="form-hint">Skriv ikke CPR-numre eller andre oplysninger om enkelte børn i ansøgningen.</p>
        <TextArea name="challenge" label={fieldLabels.challenge} hint="Hvilke udfordringer har kommunen med børnesagerne?" register={register} error={errorOf("challenge")} defaultValue={String(initial.challenge ?? "")} />
        <TextArea name="activities" label={fieldLabels.activities} hint="Hvad vil I gøre med tilskuddet, og hvornår?" register={register} error={errorOf("activities")} defaultValue={String(initial.activities ?? "")} />
        <ThemeChoices register={register} error={errorOf("themes")} initial={initialThemes} />
        <TextArea name="expectedEffect" label={fieldLabels.expectedEffect} hint="Hvad forventer I, at indsatsen fører til for sagsbehandlingen og børnene?" register={register} error={errorOf("expectedEffect")} defaultValue={String(initial.expectedEffect ?? "")} />

        <BudgetEditor
          categories={data.categories}
          quarters={data.quarters}
          values={values}
          register={register}
          errorOf={errorOf}
          maxOre={data.call.maxOre}
          error={errorOf("budget")}
        />

        <p className={save.kind === "error" ? "pp-save-error" : "pp-muted"} aria-live="polite" role="status" data-testid="autosave-status">
          {save.text}
        </p>
        <div className="pp-actions">
          <button type="submit" name="intent" value="save" className="button button-secondary" aria-disabled={busy}>
            Gem kladde
          </button>
        </div>

        <h2>Indsend</h2>
        <p>
          Når ansøgningen er indsendt, kan den ikke længere ændres. Du får en kvittering på e-mail med en kopi af ansøgningen.
          Fristen er {data.call.deadline}.
        </p>
        <div className={`form-group${errorOf("confirm") ? " form-error" : ""}`}>
          {errorOf("confirm") ? (
            <span className="form-error-message" id="confirm-error" role="alert">
              <span className="sr-only">Fejl: </span>
              {errorOf("confirm")}
            </span>
          ) : null}
          <div className="form-group-checkbox">
            <input id="confirm" type="checkbox" name="confirm" value="ja" className="form-checkbox" aria-describedby={errorOf("confirm") ? "confirm-error" : undefined} />
            <label htmlFor="confirm">Jeg bekræfter, at ansøgningen er klar til at blive indsendt, og at den ikke kan ændres bagefter.</label>
          </div>
        </div>
        <div className="pp-actions">
          <button type="submit" name="intent" value="submit" className="button button-primary" aria-disabled={busy}>
            Indsend ansøgning
          </button>
        </div>
      </Form>

      <section id="bilag" aria-labelledby="bilag-heading">
        <h2 id="bilag-heading">Bilag</h2>
        <AttachmentList applicationId={app.id} attachments={data.attachments} editable />
        <AttachmentUpload key={data.attachments.length} applicationId={app.id} />
      </section>

      <ApplicationHistory history={data.history} />
    </>
  );
}

const loadSchemaModule = () => import("~/domain/applications/application-schema");

/** The draft and submit schemas, each loaded (with zod) on first use; `load` starts both. */
function useApplicationSchemas(data: ApplicationPageData) {
  const { categories, quarters } = data;
  const maxOre = data.call.maxOre;
  return useMemo(() => {
    const grid: BudgetGrid = { categoryIds: categories.map((c) => c.id), quarters };
    const draft = lazySchema(() => loadSchemaModule().then((m) => m.applicationDraftSchema(grid)));
    const submit = lazySchema(() => loadSchemaModule().then((m) => m.applicationSubmitSchema(grid, maxOre === null ? null : BigInt(maxOre))));
    const load = () => {
      void draft.load();
      void submit.load();
    };
    return { draft, submit, load };
  }, [categories, quarters, maxOre]);
}

/** Sent before the schema arrived (no focus in the form first, as after a click in Safari): sent again once it has. */
function resendWhenLoaded(event: FormEvent<HTMLFormElement>, schema: LazySchema, submitter: HTMLButtonElement) {
  event.preventDefault();
  const target = event.currentTarget;
  void schema.load().then(() => target.requestSubmit(submitter));
}

/**
 * The buttons stay enabled while an autosave runs: a disabled button leaves the tab order
 * and drops the focus of whoever is on it. A press during an autosave waits for it and is
 * then sent with the version the autosave returned (sent at once, it would conflict).
 */
function useSubmitAfterAutosave(formRef: RefObject<HTMLFormElement>) {
  const queued = useRef<HTMLButtonElement | null>(null);
  const savedVersion = useRef<number | null>(null);
  return {
    queue: (button: HTMLButtonElement | null) => {
      queued.current = button;
    },
    /** An autosave is on its way: a press waits for its answer. */
    sending: () => {
      savedVersion.current = null;
    },
    /** The autosave answered with this version; the press goes once the fetcher is idle. */
    ready: (version: number) => {
      savedVersion.current = version;
    },
    release: () => {
      const [form, button, version] = [formRef.current, queued.current, savedVersion.current];
      if (!form || !button || version === null) return;
      queued.current = null;
      savedVersion.current = null;
      (form.elements.namedItem("version") as HTMLInputElement).value = String(version);
      form.requestSubmit(button);
    },
  };
}

/** Asks before leaving with unsaved changes. Escape stays; staying returns focus to the link that was used. */
function LeaveWarning({ onStay, onLeave }: { onStay: () => void; onLeave: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const before = document.activeElement;
    ref.current?.focus();
    return () => {
      if (before instanceof HTMLElement && before.isConnected && !ref.current?.isConnected) before.focus();
    };
  }, []);
  return (
    <div
      ref={ref}
      tabIndex={-1}
      className="alert alert-warning"
      role="alertdialog"
      aria-labelledby="leave-heading"
      aria-describedby="leave-text"
      onKeyDown={(event) => {
        if (event.key === "Escape") onStay();
      }}
    >
      <div className="alert-body">
        <p className="alert-heading" id="leave-heading">
          Du har ændringer, der ikke er gemt
        </p>
        <p className="alert-text" id="leave-text">
          Hvis du forlader siden nu, mister du det, du har skrevet siden sidste gemning.
        </p>
        <div className="pp-actions">
          <button type="button" className="button button-primary" onClick={onStay}>
            Bliv på siden
          </button>
          <button type="button" className="button button-secondary" onClick={onLeave}>
            Forlad siden uden at gemme
          </button>
        </div>
      </div>
    </div>
  );
}

function DeadlineNotice({ data }: { data: ApplicationPageData }) {
  if (data.application.status === "correction") return null;
  if (!data.call.timeLeft) return null;
  return (
    <Alert kind="info" heading={`Frist: ${data.call.deadline}`}>
      <span data-testid="time-left">Der er {data.call.timeLeft} tilbage til fristen.</span> Kladden kan ændres og indsendes indtil da.
    </Alert>
  );
}

function ThemeChoices({ register, error, initial }: { register: ReturnType<typeof useValidatedForm>["register"]; error?: string; initial: string[] }) {
  return (
    <fieldset id="themes" className={`form-group${error ? " form-error" : ""}`} aria-describedby={error ? "themes-error" : "themes-hint"}>
      <legend className="form-label">{fieldLabels.themes}</legend>
      <span className="form-hint" id="themes-hint">
        Vælg de temaer, ansøgningen handler om (mindst ét).
      </span>
      {error ? (
        <span className="form-error-message" id="themes-error" role="alert">
          <span className="sr-only">Fejl: </span>
          {error}
        </span>
      ) : null}
      {THEMES.map((t) => (
        <div key={t} className="form-group-checkbox">
          <input id={`theme-${t}`} type="checkbox" className="form-checkbox" value={t} defaultChecked={initial.includes(t)} {...register("themes")} />
          <label htmlFor={`theme-${t}`}>{themeLabels[t]}</label>
        </div>
      ))}
    </fieldset>
  );
}

export function Header({ data }: { data: ApplicationPageData }) {
  const app = data.application;
  return (
    <>
      <Breadcrumbs trail={[{ to: "/applications", label: "Ansøgninger" }]} current={app.reference} />
      <h1>
        Ansøgning fra {data.municipalityName}
      </h1>
      <p>
        <Link to={`/calls/${data.call.id}`}>{data.call.title}</Link> · Frist {data.call.deadline} · Reference {app.reference} ·{" "}
        <span className="pp-badge">{app.statusLabel}</span>
      </p>
      <p className="pp-muted">
        Senest ændret {app.updatedAt}
        {app.updatedByName ? ` af ${app.updatedByName}` : ""}.
      </p>
    </>
  );
}
