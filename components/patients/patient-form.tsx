"use client";

import { useActionState } from "react";
import { SelectField, TextField } from "@/components/ui/field";
import { FormMessage, fieldErrors, formKey, typed } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { type FormState, idleState } from "@/lib/forms/form-state";
import { MS_TYPE_LABELS, MS_TYPES } from "@/lib/validation/patient";

export interface PatientFormValues {
  patientId?: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  msType: string;
  diagnosisYear: string;
  primaryTherapistId: string;
}

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

/** Create and edit a patient's profile; after an error every typed value is kept. */
export function PatientForm({
  action,
  initial,
  therapists,
  today,
  submitLabel,
}: {
  action: Action;
  initial: PatientFormValues;
  therapists: { id: string; name: string }[];
  today: string;
  submitLabel: string;
}) {
  const [state, formActionFn] = useActionState(action, idleState);
  const v = (name: keyof PatientFormValues) => typed(state, name, initial[name] ?? "");
  return (
    <form key={formKey(state)} action={formActionFn} className="space-y-5" noValidate>
      <FormMessage state={state} />
      {initial.patientId ? (
        <input type="hidden" name="patientId" value={initial.patientId} />
      ) : null}
      <div className="grid gap-5 sm:grid-cols-2">
        <TextField
          name="givenName"
          label="Given name"
          required
          maxLength={100}
          autoComplete="off"
          defaultValue={v("givenName")}
          errors={fieldErrors(state, "givenName")}
        />
        <TextField
          name="familyName"
          label="Family name"
          required
          maxLength={100}
          autoComplete="off"
          defaultValue={v("familyName")}
          errors={fieldErrors(state, "familyName")}
        />
        <TextField
          name="dateOfBirth"
          label="Date of birth"
          type="date"
          max={today}
          required
          defaultValue={v("dateOfBirth")}
          errors={fieldErrors(state, "dateOfBirth")}
        />
        <SelectField
          name="msType"
          label="Type of MS"
          required
          placeholder="Choose…"
          options={MS_TYPES.map((t) => ({ value: t, label: MS_TYPE_LABELS[t] }))}
          defaultValue={v("msType")}
          errors={fieldErrors(state, "msType")}
        />
        <TextField
          name="diagnosisYear"
          label="Year of diagnosis"
          hint="Four digits, e.g. 2012."
          defaultValue={v("diagnosisYear")}
          maxLength={4}
          errors={fieldErrors(state, "diagnosisYear")}
        />
        <SelectField
          name="primaryTherapistId"
          label="Primary therapist"
          placeholder="No primary therapist"
          options={therapists.map((t) => ({ value: t.id, label: t.name }))}
          defaultValue={v("primaryTherapistId")}
          errors={fieldErrors(state, "primaryTherapistId")}
        />
      </div>
      <SubmitButton>{submitLabel}</SubmitButton>
    </form>
  );
}
