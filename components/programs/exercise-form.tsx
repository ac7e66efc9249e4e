"use client";

import { useActionState } from "react";
import { SelectField, TextField } from "@/components/ui/field";
import { FormMessage, fieldErrors, formKey, typed } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { MUSCLE_GROUP_INFO, MUSCLE_GROUPS } from "@/lib/clinical/mas";
import { type FormState, idleState } from "@/lib/forms/form-state";

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

function TextArea({
  name,
  label,
  hint,
  state,
  rows = 4,
}: {
  name: string;
  label: string;
  hint?: string;
  state: FormState;
  rows?: number;
}) {
  const errors = fieldErrors(state, name);
  return (
    <div className="space-y-1">
      <label htmlFor={name} className="block font-medium">
        {label}
      </label>
      {hint ? (
        <p id={`${name}-hint`} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      <textarea
        id={name}
        name={name}
        rows={rows}
        defaultValue={typed(state, name)}
        aria-invalid={errors ? true : undefined}
        aria-describedby={
          [hint ? `${name}-hint` : "", errors ? `${name}-error` : ""].join(" ").trim() || undefined
        }
        className="block w-full rounded-md border border-slate-400 px-3 py-2"
      />
      {errors ? (
        <p id={`${name}-error`} className="text-sm font-medium text-red-800">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

/** Add a clinic-specific exercise to the library. */
export function ExerciseForm({ action }: { action: Action }) {
  const [state, withViewer] = useActionState(action, idleState);
  const chosen =
    state.status === "error" ? ([] as string[]).concat(state.values.muscleGroups ?? []) : [];
  const groupErrors = fieldErrors(state, "muscleGroups");
  return (
    <form key={formKey(state)} action={withViewer} className="space-y-5" noValidate>
      <FormMessage state={state} />
      <TextField
        name="name"
        label="Name"
        required
        maxLength={120}
        defaultValue={typed(state, "name")}
        errors={fieldErrors(state, "name")}
      />
      <SelectField
        name="kind"
        label="Kind"
        required
        options={[
          { value: "stretch", label: "Stretch" },
          { value: "strength", label: "Strength" },
          { value: "movement", label: "Movement" },
        ]}
        defaultValue={typed(state, "kind", "stretch")}
        errors={fieldErrors(state, "kind")}
      />
      <fieldset aria-describedby={groupErrors ? "muscleGroups-error" : undefined}>
        <legend className="font-medium">Target muscle groups</legend>
        {groupErrors ? (
          <p id="muscleGroups-error" className="text-sm font-medium text-red-800">
            {groupErrors.join(" ")}
          </p>
        ) : null}
        <div className="mt-1 grid gap-1 sm:grid-cols-2">
          {MUSCLE_GROUPS.map((g) => (
            <label key={g} className="flex min-h-11 items-center gap-2">
              <input
                type="checkbox"
                name="muscleGroups"
                value={g}
                defaultChecked={chosen.includes(g)}
                className="size-5"
              />
              {MUSCLE_GROUP_INFO[g].label}
            </label>
          ))}
        </div>
      </fieldset>
      <TextField
        name="summary"
        label="What it is for (one sentence)"
        required
        maxLength={300}
        defaultValue={typed(state, "summary")}
        errors={fieldErrors(state, "summary")}
      />
      <TextArea
        name="steps"
        label="Steps"
        hint="One step per line, in plain words for the patient."
        state={state}
      />
      <TextArea
        name="safety"
        label="Safety cues (optional)"
        hint="One per line."
        state={state}
        rows={2}
      />
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField
          name="holdSeconds"
          label="Hold seconds (stretch)"
          defaultValue={typed(state, "holdSeconds", "30")}
          errors={fieldErrors(state, "holdSeconds")}
        />
        <TextField
          name="repetitions"
          label="Repetitions"
          required
          defaultValue={typed(state, "repetitions", "3")}
          errors={fieldErrors(state, "repetitions")}
        />
        <TextField
          name="sets"
          label="Sets (strength)"
          defaultValue={typed(state, "sets")}
          errors={fieldErrors(state, "sets")}
        />
        <TextField
          name="sessionsPerDay"
          label="Sessions a day"
          required
          defaultValue={typed(state, "sessionsPerDay", "2")}
          errors={fieldErrors(state, "sessionsPerDay")}
        />
        <TextField
          name="daysPerWeek"
          label="Days a week"
          required
          defaultValue={typed(state, "daysPerWeek", "7")}
          errors={fieldErrors(state, "daysPerWeek")}
        />
      </div>
      <SubmitButton>Add exercise</SubmitButton>
    </form>
  );
}
