"use client";

import { useActionState } from "react";
import { SelectField, TextField } from "@/components/ui/field";
import { FormMessage, fieldErrors, formKey, typed } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { type FormState, idleState } from "@/lib/forms/form-state";

export type SimpleField =
  | {
      kind: "text" | "date" | "number";
      name: string;
      label: string;
      hint?: string;
      required?: boolean;
      defaultValue?: string;
      max?: string;
      maxLength?: number;
    }
  | {
      kind: "select";
      name: string;
      label: string;
      hint?: string;
      required?: boolean;
      defaultValue?: string;
      options: { value: string; label: string }[];
      placeholder?: string;
    };

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

/**
 * A small form described by data: labelled fields, errors at each field, typed values kept after
 * an error, a pending button and a spoken result. Field ids are prefixed so that several forms
 * can share a page.
 */
export function SimpleForm({
  action,
  fields,
  hidden,
  submitLabel,
  idPrefix,
  variant = "secondary",
}: {
  action: Action;
  fields: SimpleField[];
  hidden: Record<string, string>;
  submitLabel: string;
  idPrefix: string;
  variant?: "primary" | "secondary" | "danger";
}) {
  const [state, withViewer] = useActionState(action, idleState);
  return (
    <form key={formKey(state)} action={withViewer} className="space-y-4" noValidate>
      <FormMessage state={state} />
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="grid gap-4 sm:grid-cols-2">
        {fields.map((f) => {
          const common = {
            name: f.name,
            id: `${idPrefix}-${f.name}`,
            label: f.label,
            hint: f.hint,
            required: f.required,
            errors: fieldErrors(state, f.name),
            defaultValue: typed(state, f.name, f.defaultValue ?? ""),
          };
          return f.kind === "select" ? (
            <SelectField key={f.name} {...common} options={f.options} placeholder={f.placeholder} />
          ) : (
            <TextField
              key={f.name}
              {...common}
              type={f.kind === "number" ? "text" : f.kind}
              max={f.kind === "date" ? f.max : undefined}
              maxLength={f.kind === "date" ? undefined : f.maxLength}
            />
          );
        })}
      </div>
      <SubmitButton variant={variant}>{submitLabel}</SubmitButton>
    </form>
  );
}
