"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { type FormState, idleState } from "@/lib/forms/form-state";
import { OneTimeCode } from "./one-time-code";

type CodeResult = { code: string; expiresAt: string };
type Action = (state: FormState<CodeResult>, formData: FormData) => Promise<FormState<CodeResult>>;

/**
 * Disable / enable, unlock, password reset and two-step sign-in reset for one staff account; the
 * button's value picks the command.
 */
export function StaffRowActions({
  action,
  userId,
  name,
  disabled,
  locked,
  mfaEnabled,
  isSelf,
}: {
  action: Action;
  userId: string;
  name: string;
  disabled: boolean;
  locked: boolean;
  mfaEnabled: boolean;
  isSelf: boolean;
}) {
  const [state, formActionFn] = useActionState(action, idleState as FormState<CodeResult>);
  return (
    <div className="space-y-2">
      <form
        action={formActionFn}
        className="flex flex-wrap gap-2"
        aria-label={`Actions for ${name}`}
      >
        <input type="hidden" name="userId" value={userId} />
        {locked ? (
          <SubmitButton variant="secondary" name="command" value="unlock" pendingLabel="Unlocking…">
            Unlock
          </SubmitButton>
        ) : null}
        <SubmitButton
          variant="secondary"
          name="command"
          value="reset"
          pendingLabel="Creating code…"
        >
          Reset password
        </SubmitButton>
        {mfaEnabled && !isSelf ? (
          <SubmitButton
            variant="secondary"
            name="command"
            value="reset_mfa"
            pendingLabel="Resetting…"
          >
            Reset two-step sign-in
          </SubmitButton>
        ) : null}
        {isSelf ? null : (
          <SubmitButton
            variant={disabled ? "secondary" : "danger"}
            name="command"
            value={disabled ? "enable" : "disable"}
            pendingLabel="Saving…"
          >
            {disabled ? "Enable" : "Disable"}
          </SubmitButton>
        )}
      </form>
      <FormMessage state={state} />
      {state.status === "ok" && state.data ? (
        <OneTimeCode code={state.data.code} expiresAt={state.data.expiresAt} who={name} />
      ) : null}
    </div>
  );
}
