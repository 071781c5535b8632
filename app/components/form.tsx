// Form pieces in Det Fælles Designsystem's markup: label, hint, error next to the
// field, aria-describedby and aria-invalid wired up, values kept after an error.
import { zodResolver } from "@hookform/resolvers/zod";
import { useSubmit } from "@remix-run/react";
import type { FormEvent, InputHTMLAttributes, ReactNode, TextareaHTMLAttributes } from "react";
import { useForm, type FieldValues, type UseFormRegister } from "react-hook-form";
import type { z } from "zod";

export type ActionFailure = { errors?: Record<string, string>; values?: Record<string, unknown> } | undefined;

/**
 * react-hook-form with the same zod schema the server uses. Without JavaScript the
 * form posts as usual and the server answers with the same messages.
 */
export function useValidatedForm<S extends z.ZodType<any, any>>(
  schema: S,
  opts: { defaultValues?: Record<string, unknown>; actionData?: ActionFailure },
) {
  const submit = useSubmit();
  const form = useForm<FieldValues>({
    resolver: zodResolver(schema as never) as never,
    defaultValues: { ...opts.defaultValues, ...opts.actionData?.values },
    mode: "onTouched",
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const target = event.currentTarget;
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    void form.handleSubmit(() => submit(submitter ?? target, { method: "post" }))(event);
  };
  const errorOf = (name: string): string | undefined => {
    const clientError = form.formState.errors[name]?.message;
    if (typeof clientError === "string") return clientError;
    return opts.actionData?.errors?.[name];
  };
  return { form, onSubmit, errorOf, register: form.register };
}

type FieldProps = {
  name: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  register?: UseFormRegister<FieldValues>;
};

function describedBy(name: string, hint?: ReactNode, error?: string) {
  return [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean).join(" ") || undefined;
}

function FieldFrame({ name, label, hint, error, children }: FieldProps & { children: ReactNode }) {
  return (
    <div className={`form-group${error ? " form-error" : ""}`}>
      <label className="form-label" htmlFor={name}>
        {label}
      </label>
      {hint ? (
        <span className="form-hint" id={`${name}-hint`}>
          {hint}
        </span>
      ) : null}
      {error ? (
        <span className="form-error-message" id={`${name}-error`} role="alert">
          <span className="sr-only">Fejl: </span>
          {error}
        </span>
      ) : null}
      {children}
    </div>
  );
}

export function TextField({
  name,
  label,
  hint,
  error,
  register,
  className,
  ...rest
}: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  const reg = register ? register(name) : { name };
  return (
    <FieldFrame name={name} label={label} hint={hint} error={error}>
      <input
        id={name}
        className={`form-input ${className ?? ""}`}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, hint, error)}
        {...rest}
        {...reg}
      />
    </FieldFrame>
  );
}

export function TextArea({
  name,
  label,
  hint,
  error,
  register,
  ...rest
}: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const reg = register ? register(name) : { name };
  return (
    <FieldFrame name={name} label={label} hint={hint} error={error}>
      <textarea
        id={name}
        className="form-input"
        rows={6}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, hint, error)}
        {...rest}
        {...reg}
      />
    </FieldFrame>
  );
}

/** One line per field; `labelOf` names the field (a budget cell: "Vikardækning, 2. kvt. 2023"). */
export function FormErrorSummary({ errors, labelOf }: { errors?: Record<string, string>; labelOf?: (field: string) => string | null | undefined }) {
  if (!errors || Object.keys(errors).length === 0) return null;
  const text = (field: string, message: string) => {
    const label = labelOf?.(field);
    return label ? `${label}: ${message}` : message;
  };
  return (
    <div className="alert alert-error" role="alert" aria-labelledby="error-summary-heading">
      <div className="alert-body">
        <p className="alert-heading" id="error-summary-heading">
          Der er fejl i formularen
        </p>
        <ul className="alert-text nobullet-list">
          {Object.entries(errors).map(([field, message]) => (
            <li key={field}>{field === "form" ? message : <a href={`#${field}`}>{text(field, message)}</a>}</li>
          ))}
        </ul>
      </div>
    </div>
  );
}

export function Alert({ kind, heading, children }: { kind: "success" | "info" | "warning" | "error"; heading?: string; children?: ReactNode }) {
  return (
    <div className={`alert alert-${kind}`} role={kind === "error" ? "alert" : "status"}>
      <div className="alert-body">
        {heading ? <p className="alert-heading">{heading}</p> : null}
        {children ? <div className="alert-text">{children}</div> : null}
      </div>
    </div>
  );
}

export type SelectOption = { value: string; label: string };

/** A select in the same frame; `options` + `placeholder`, or your own <option>s as children. */
export function SelectField({
  name,
  label,
  hint,
  error,
  register,
  options,
  placeholder,
  defaultValue,
  children,
}: FieldProps & { options?: SelectOption[]; placeholder?: string; defaultValue?: string; children?: ReactNode }) {
  const reg = register ? register(name) : { name };
  return (
    <FieldFrame name={name} label={label} hint={hint} error={error}>
      <select
        id={name}
        className="form-select"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, hint, error)}
        defaultValue={defaultValue ?? ""}
        {...reg}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options?.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
        {children}
      </select>
    </FieldFrame>
  );
}
