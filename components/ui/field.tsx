import type { ReactNode } from "react";

/** Defined in app/globals.css. */
const inputClass = "input";

interface FieldProps {
  name: string;
  /** Defaults to the name; set it when one page has several forms with the same field names. */
  id?: string;
  label: string;
  hint?: string;
  errors?: string[];
  required?: boolean;
}

function describedBy(id: string, hint?: string, errors?: string[]) {
  return (
    [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean).join(" ") ||
    undefined
  );
}

function FieldShell({
  name,
  id,
  label,
  hint,
  errors,
  required,
  children,
}: FieldProps & { children: ReactNode }) {
  return (
    <div className="space-y-1">
      <label htmlFor={id ?? name} className="block font-medium text-slate-900">
        {label}
        {required ? null : <span className="font-normal text-slate-600"> (optional)</span>}
      </label>
      {hint ? (
        <p id={`${id ?? name}-hint`} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      {children}
      {errors?.length ? (
        <p id={`${id ?? name}-error`} className="text-sm font-medium text-red-800">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

/** A labelled text input whose error is announced with it and tied to it by aria-describedby. */
export function TextField({
  type = "text",
  defaultValue,
  autoComplete,
  maxLength,
  ...props
}: FieldProps & {
  type?: string;
  defaultValue?: string;
  autoComplete?: string;
  maxLength?: number;
  max?: string;
}) {
  const { name, hint, errors, required } = props;
  return (
    <FieldShell {...props}>
      <input
        id={props.id ?? name}
        name={name}
        type={type}
        defaultValue={defaultValue}
        autoComplete={autoComplete}
        maxLength={maxLength}
        max={props.max}
        required={required}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(props.id ?? name, hint, errors)}
        className={inputClass}
      />
    </FieldShell>
  );
}

export function SelectField({
  options,
  defaultValue,
  placeholder,
  ...props
}: FieldProps & {
  options: { value: string; label: string }[];
  defaultValue?: string;
  placeholder?: string;
}) {
  const { name, hint, errors, required } = props;
  return (
    <FieldShell {...props}>
      <select
        id={props.id ?? name}
        name={name}
        defaultValue={defaultValue ?? ""}
        required={required}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(props.id ?? name, hint, errors)}
        className={inputClass}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}
