// Browser-side validation against the form's own FormData (the exact body the server parses),
// shared by useValidatedForm (react-hook-form, form.tsx) and useFormDataValidation below, the
// same behaviour without the library for pages that need only errors next to fields: /login's
// JS budget is 110 KB gzip and react-hook-form is ~12 KB of it (decision 033).
import { useSubmit } from "@remix-run/react";
import { useRef, useState, type FocusEvent, type FormEvent } from "react";
import { formDataErrors } from "~/utils/form-data";
import type { FormSchema } from "~/utils/form-errors";

export type ActionFailure = { errors?: Record<string, string>; values?: Record<string, unknown> } | undefined;

function controlOf(form: HTMLFormElement, name: string) {
  return form.elements.namedItem(name);
}

export function isVisibleControl(form: HTMLFormElement, name: string): boolean {
  const control = controlOf(form, name);
  if (!control) return false;
  return !(control instanceof HTMLInputElement && control.type === "hidden");
}

export function focusControl(form: HTMLFormElement, name: string) {
  const control = controlOf(form, name);
  const first = control instanceof RadioNodeList ? control[0] : control;
  if (first instanceof HTMLElement) first.focus();
}

/**
 * The errors that hold a submission back: only those a visible field can show; anything
 * else (a hidden input) goes to the server, which answers with a message.
 */
export function visibleErrors(schema: FormSchema, form: HTMLFormElement, submitter: HTMLButtonElement | null): [string, string][] {
  const errors = formDataErrors(schema, new FormData(form, submitter));
  return Object.entries(errors).filter(([name]) => isVisibleControl(form, name));
}

export function submitterOf(event: FormEvent<HTMLFormElement>) {
  return (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
}

type Control = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

/**
 * useValidatedForm's onSubmit, errorOf and register without react-hook-form, with the same
 * timing (react-hook-form's "onTouched"): a field is checked when it loses focus the first
 * time and on every change after that; a submit checks all and focuses the first error.
 */
export function useFormDataValidation(schema: FormSchema, opts: { actionData?: ActionFailure }) {
  const submit = useSubmit();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const touched = useRef(new Set<string>());
  const check = (name: string, control: Control) => {
    if (!control.form) return;
    const message = formDataErrors(schema, new FormData(control.form))[name];
    setErrors((prev) => {
      if (prev[name] === message) return prev;
      const next = { ...prev };
      if (message === undefined) delete next[name];
      else next[name] = message;
      return next;
    });
  };
  const register = (name: string) => ({
    name,
    onBlur: (event: FocusEvent<Control>) => {
      touched.current.add(name);
      check(name, event.currentTarget);
    },
    onChange: (event: FormEvent<Control>) => {
      if (touched.current.has(name)) check(name, event.currentTarget);
    },
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const target = event.currentTarget;
    const submitter = submitterOf(event);
    const shown = visibleErrors(schema, target, submitter);
    setErrors(Object.fromEntries(shown));
    if (shown.length === 0) return submit(submitter ?? target, { method: "post" });
    focusControl(target, shown[0]![0]);
  };
  const errorOf = (name: string): string | undefined => errors[name] ?? opts.actionData?.errors?.[name];
  return { onSubmit, errorOf, register };
}
