// useValidatedForm: react-hook-form with the same zod schema the server uses. The field
// components live in form-fields.tsx (re-exported here) so that a page that validates without
// react-hook-form (useFormDataValidation, /login) does not load it.
import { useSubmit } from "@remix-run/react";
import type { FormEvent } from "react";
import { useForm, type FieldValues, type Resolver } from "react-hook-form";
import { formDataErrors } from "~/utils/form-data";
import type { FormSchema } from "~/utils/form-errors";
import { schemaNow, schemaWhenReady, type SchemaSource } from "~/utils/lazy-schema";
import { focusControl, submitterOf, visibleErrors, type ActionFailure } from "./form-validation";

export * from "./form-fields";
export type { ActionFailure } from "./form-validation";

/**
 * react-hook-form with the same zod schema the server uses. Without JavaScript the
 * form posts as usual and the server answers with the same messages.
 *
 * The schema is checked against the form's own FormData, the exact body the server will
 * parse, not against react-hook-form's registered values: those lack hidden inputs such
 * as `intent`, and a schema requiring one then failed on a field nobody could see, so
 * the button did nothing. For the same reason the browser only holds a submission back
 * for errors it can show next to a visible field (visibleErrors).
 *
 * The schema may be a LazySchema (utils/lazy-schema.ts): a check that comes before it has
 * loaded waits for it; if it cannot be loaded, the server checks alone.
 */
export function useValidatedForm(
  schema: SchemaSource,
  opts: { defaultValues?: Record<string, unknown>; actionData?: ActionFailure },
) {
  const submit = useSubmit();
  const form = useForm<FieldValues>({
    resolver: formDataResolver(schema),
    defaultValues: { ...opts.defaultValues, ...opts.actionData?.values },
    mode: "onTouched",
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const target = event.currentTarget;
    const submitter = submitterOf(event);
    const check = (ready: FormSchema | null) => {
      const shown = ready ? visibleErrors(ready, target, submitter) : [];
      form.clearErrors();
      if (shown.length === 0) return submit(submitter ?? target, { method: "post" });
      for (const [name, message] of shown) form.setError(name, { type: "validation", message });
      focusControl(target, shown[0][0]);
    };
    const ready = schemaNow(schema);
    if (ready === undefined) void schemaWhenReady(schema).then(check);
    else check(ready);
  };
  const errorOf = (name: string): string | undefined => {
    const clientError = form.formState.errors[name]?.message;
    if (typeof clientError === "string") return clientError;
    return opts.actionData?.errors?.[name];
  };
  return { form, onSubmit, errorOf, register: form.register };
}

/** Field-by-field validation (on blur) reads the whole form too, hidden inputs included. */
function formDataResolver(source: SchemaSource): Resolver<FieldValues> {
  return async (values, _context, options) => {
    const schema = await schemaWhenReady(source);
    if (!schema) return { values, errors: {} };
    const element = Object.values(options.fields).find((f) => f?.ref && "form" in f.ref && f.ref.form)?.ref as
      | { form: HTMLFormElement }
      | undefined;
    const errors = formDataErrors(schema, element ? new FormData(element.form) : objectToFormData(values));
    if (Object.keys(errors).length === 0) return { values, errors: {} };
    return {
      values: {},
      errors: Object.fromEntries(Object.entries(errors).map(([name, message]) => [name, { type: "validation", message }])),
    };
  };
}

function objectToFormData(values: FieldValues): FormData {
  const body = new FormData();
  for (const [k, v] of Object.entries(values)) {
    for (const item of Array.isArray(v) ? v : [v]) if (item !== undefined && item !== null) body.append(k, String(item));
  }
  return body;
}
