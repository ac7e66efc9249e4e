"use client";

import { useActionState } from "react";
import { CodeField } from "@/app/account/mfa/code-field";
import { TextField } from "@/components/ui/field";
import { FormMessage, fieldErrors, formKey, typed } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { idleState } from "@/lib/forms/form-state";
import { loginAction } from "./actions";

export function LoginForm({ next }: { next?: string }) {
  const [state, action] = useActionState(loginAction, idleState);
  // Step 2 (code) after the password was accepted, and again after a wrong code.
  const challenge = state.status === "ok" ? state.data?.challenge : typed(state, "challenge");
  const email = state.status === "ok" ? state.data?.email : typed(state, "email");

  if (challenge) {
    return (
      <form key={formKey(state)} action={action} className="space-y-5" noValidate>
        <FormMessage state={state} />
        <input type="hidden" name="next" value={next ?? ""} />
        <input type="hidden" name="challenge" value={challenge} />
        <input type="hidden" name="email" value={email ?? ""} />
        <CodeField
          label="Code from your authenticator app"
          hint="Enter the 6-digit code your app shows now, or one of your recovery codes (like ABCD-EFGH-JKMN)."
          allowRecoveryCode
          errors={fieldErrors(state, "code")}
        />
        <SubmitButton pendingLabel="Checking…">Verify and sign in</SubmitButton>
        <p className="text-slate-700">
          {/* A full page load, so the form forgets the challenge. */}
          <a href="/login" className="font-medium text-accent-700 underline underline-offset-4">
            Start again with your password
          </a>
        </p>
      </form>
    );
  }

  return (
    <form key={formKey(state)} action={action} className="space-y-5" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="next" value={next ?? ""} />
      <TextField
        name="email"
        label="Email"
        type="email"
        autoComplete="username"
        required
        defaultValue={email}
        errors={fieldErrors(state, "email")}
      />
      <TextField
        name="password"
        label="Password"
        type="password"
        autoComplete="current-password"
        required
        errors={fieldErrors(state, "password")}
      />
      <SubmitButton pendingLabel="Signing in…">Sign in</SubmitButton>
    </form>
  );
}
