"use client";

import { useActionState } from "react";
import { TextField } from "@/components/ui/field";
import { FormMessage, fieldErrors, formKey } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { idleState } from "@/lib/forms/form-state";
import { disableMfaAction, regenerateRecoveryCodesAction } from "./actions";
import { RecoveryCodes } from "./recovery-codes";

export function RegenerateCodesForm() {
  const [state, action] = useActionState(regenerateRecoveryCodesAction, idleState);
  return (
    <form key={formKey(state)} action={action} className="space-y-4">
      <FormMessage state={state} />
      {state.status === "ok" && state.data ? (
        <RecoveryCodes codes={state.data.recoveryCodes} />
      ) : null}
      <SubmitButton variant="secondary" pendingLabel="Making new codes…">
        Make new recovery codes
      </SubmitButton>
    </form>
  );
}

export function DisableMfaForm() {
  const [state, action] = useActionState(disableMfaAction, idleState);
  return (
    <form key={formKey(state)} action={action} className="max-w-md space-y-4" noValidate>
      <FormMessage state={state} />
      <TextField
        name="password"
        id="mfa-disable-password"
        label="Your current password"
        type="password"
        autoComplete="current-password"
        required
        errors={fieldErrors(state, "password")}
      />
      <SubmitButton variant="danger" pendingLabel="Turning off…">
        Turn off two-step sign-in
      </SubmitButton>
    </form>
  );
}
