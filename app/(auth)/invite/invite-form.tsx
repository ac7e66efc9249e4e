"use client";

import { useActionState } from "react";
import { TextField } from "@/components/ui/field";
import { FormMessage, fieldErrors, formKey, typed } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { idleState } from "@/lib/forms/form-state";
import { PASSWORD_MIN } from "@/lib/validation/password";
import { redeemAction } from "./actions";

export function InviteForm({ code }: { code?: string }) {
  const [state, action] = useActionState(redeemAction, idleState);
  return (
    <form key={formKey(state)} action={action} className="space-y-5" noValidate>
      <FormMessage state={state} />
      <TextField
        name="code"
        label="Code from your clinic"
        hint="For example KD7P-M3XQ-9TRA. Capitals and dashes do not matter."
        autoComplete="one-time-code"
        required
        defaultValue={code}
        errors={fieldErrors(state, "code")}
      />
      <TextField
        name="email"
        label="Your email"
        hint="You will sign in with it. If you already have an account, use its email."
        type="email"
        autoComplete="email"
        required
        defaultValue={typed(state, "email")}
        errors={fieldErrors(state, "email")}
      />
      <TextField
        name="password"
        label="Choose a password"
        hint={`At least ${PASSWORD_MIN} characters. A few unrelated words are easy to remember and hard to guess.`}
        type="password"
        autoComplete="new-password"
        required
        errors={fieldErrors(state, "password")}
      />
      <TextField
        name="confirmPassword"
        label="Type the password again"
        type="password"
        autoComplete="new-password"
        required
        errors={fieldErrors(state, "confirmPassword")}
      />
      <SubmitButton pendingLabel="Setting your password…">Set password</SubmitButton>
    </form>
  );
}
