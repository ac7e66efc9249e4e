"use client";

import { useActionState } from "react";
import { TextField } from "@/components/ui/field";
import { FormMessage, fieldErrors, formKey } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { idleState } from "@/lib/forms/form-state";
import { PASSWORD_MIN } from "@/lib/validation/password";
import { changePasswordAction } from "./actions";

export function ChangePasswordForm() {
  const [state, action] = useActionState(changePasswordAction, idleState);
  return (
    <form key={formKey(state)} action={action} className="max-w-md space-y-5" noValidate>
      <FormMessage state={state} />
      <TextField
        name="currentPassword"
        label="Current password"
        type="password"
        autoComplete="current-password"
        required
        errors={fieldErrors(state, "currentPassword")}
      />
      <TextField
        name="newPassword"
        label="New password"
        hint={`At least ${PASSWORD_MIN} characters. No other rules: a few unrelated words work well.`}
        type="password"
        autoComplete="new-password"
        required
        errors={fieldErrors(state, "newPassword")}
      />
      <TextField
        name="confirmPassword"
        label="Type the new password again"
        type="password"
        autoComplete="new-password"
        required
        errors={fieldErrors(state, "confirmPassword")}
      />
      <SubmitButton pendingLabel="Changing password…">Change password</SubmitButton>
    </form>
  );
}
