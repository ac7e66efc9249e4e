"use client";

import { useActionState } from "react";
import { SelectField, TextField } from "@/components/ui/field";
import { FormMessage, fieldErrors, formKey, typed } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { type FormState, idleState } from "@/lib/forms/form-state";
import { OneTimeCode } from "./one-time-code";

type CodeResult = { code: string; expiresAt: string; email?: string };
type Action = (state: FormState<CodeResult>, formData: FormData) => Promise<FormState<CodeResult>>;

export function CreateStaffForm({ action }: { action: Action }) {
  const [state, formActionFn] = useActionState(action, idleState as FormState<CodeResult>);
  return (
    <div className="space-y-4">
      {state.status === "ok" && state.data ? (
        <OneTimeCode
          code={state.data.code}
          expiresAt={state.data.expiresAt}
          who={state.data.email}
        />
      ) : null}
      <form key={formKey(state)} action={formActionFn} className="space-y-5" noValidate>
        <FormMessage state={state} />
        <TextField
          name="name"
          label="Full name"
          required
          maxLength={100}
          defaultValue={typed(state, "name")}
          errors={fieldErrors(state, "name")}
        />
        <TextField
          name="email"
          label="Email"
          type="email"
          required
          defaultValue={typed(state, "email")}
          errors={fieldErrors(state, "email")}
        />
        <SelectField
          name="role"
          label="Role"
          required
          options={[
            { value: "therapist", label: "Therapist" },
            { value: "admin", label: "Clinic admin (also manages accounts)" },
          ]}
          defaultValue={typed(state, "role", "therapist")}
          errors={fieldErrors(state, "role")}
        />
        <SubmitButton pendingLabel="Creating account…">Create account</SubmitButton>
      </form>
    </div>
  );
}
