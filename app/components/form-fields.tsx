// Form pieces in Det Fælles Designsystem's markup: label, hint, error next to the
// field, aria-describedby and aria-invalid wired up, values kept after an error. No
// react-hook-form here: `register` is whichever hook's (useValidatedForm's or
// useFormDataValidation's), so a page using the light hook does not load the library.
import type { InputHTMLAttributes, MouseEvent, ReactNode, TextareaHTMLAttributes } from "react";

/** What a field spreads onto its control: react-hook-form's register or useFormDataValidation's. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type FieldRegister = (name: string) => { name: string; onChange?: (event: any) => unknown; onBlur?: (event: any) => unknown; ref?: (instance: any) => void };

type FieldProps = {
  name: string;
  /** The control's id when the name repeats on the page (one form per row); the name by default. */
  id?: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  register?: FieldRegister;
};

function describedBy(name: string, hint?: ReactNode, error?: string) {
  return [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean).join(" ") || undefined;
}

/** The error line under a label, in dkfds markup, announced when it appears. */
export function FieldError({ id, message }: { id: string; message?: string }) {
  return (
    <span className="form-error-message" id={`${id}-error`} role="alert">
      <span className="sr-only">Fejl: </span>
      {message}
    </span>
  );
}

function FieldFrame({ name: fieldName, id, label, hint, error, children }: FieldProps & { children: ReactNode }) {
  const name = id ?? fieldName;
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
      {error ? <FieldError id={name} message={error} /> : null}
      {children}
    </div>
  );
}

export function TextField({
  name,
  id,
  label,
  hint,
  error,
  register,
  className,
  ...rest
}: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  const reg = register ? register(name) : { name };
  return (
    <FieldFrame name={name} id={id} label={label} hint={hint} error={error}>
      <input
        id={id ?? name}
        className={`form-input ${className ?? ""}`}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id ?? name, hint, error)}
        {...rest}
        {...reg}
      />
    </FieldFrame>
  );
}

export function TextArea({
  name,
  id,
  label,
  hint,
  error,
  register,
  ...rest
}: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const reg = register ? register(name) : { name };
  return (
    <FieldFrame name={name} id={id} label={label} hint={hint} error={error}>
      <textarea
        id={id ?? name}
        className="form-input"
        rows={6}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id ?? name, hint, error)}
        {...rest}
        {...reg}
      />
    </FieldFrame>
  );
}

export const ERROR_SUMMARY_ID = "error-summary";

/** Move focus to the error summary (after a refused submit), once it is on the page. */
export function focusErrorSummary() {
  requestAnimationFrame(() => document.getElementById(ERROR_SUMMARY_ID)?.focus());
}

/**
 * A summary link moves focus to its field, not only the scroll position (a plain #anchor
 * leaves focus behind). A group (fieldset) gives focus to its first control.
 */
function focusField(event: MouseEvent<HTMLAnchorElement>, field: string) {
  const target = document.getElementById(field);
  const control = target?.matches("input, select, textarea") ? target : target?.querySelector<HTMLElement>("input, select, textarea");
  if (!control) return;
  event.preventDefault();
  control.focus();
  control.scrollIntoView({ block: "center" });
}

/** One line per field; `labelOf` names the field (a budget cell: "Vikardækning, 2. kvt. 2023"). */
export function FormErrorSummary({
  errors,
  labelOf,
  idOf = (field) => field,
}: {
  errors?: Record<string, string>;
  labelOf?: (field: string) => string | null | undefined;
  /** The id of a field's control, when it is not the field's name (TextField's `id`). */
  idOf?: (field: string) => string;
}) {
  if (!errors || Object.keys(errors).length === 0) return null;
  const text = (field: string, message: string) => {
    const label = labelOf?.(field);
    return label ? `${label}: ${message}` : message;
  };
  return (
    <div className="alert alert-error" role="alert" aria-labelledby="error-summary-heading" id={ERROR_SUMMARY_ID} tabIndex={-1}>
      <div className="alert-body">
        <p className="alert-heading" id="error-summary-heading">
          Der er fejl i formularen
        </p>
        <ul className="alert-text nobullet-list">
          {Object.entries(errors).map(([field, message]) => (
            <li key={field}>
              {field === "form" ? (
                message
              ) : (
                <a href={`#${idOf(field)}`} onClick={(event) => focusField(event, idOf(field))}>
                  {text(field, message)}
                </a>
              )}
            </li>
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
