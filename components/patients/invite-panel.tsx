"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { type FormState, idleState } from "@/lib/forms/form-state";

type Invite = { code: string; expiresAt: string };
type Action = (state: FormState<Invite>, formData: FormData) => Promise<FormState<Invite>>;

/** Issue a one-time invite code; the code is shown once, here, and never stored in clear. */
export function InvitePanel({
  action,
  patientId,
  hasLogin,
  pendingExpiry,
}: {
  action: Action;
  patientId: string;
  hasLogin: boolean;
  pendingExpiry: string | null;
}) {
  const [state, formActionFn] = useActionState(action, idleState as FormState<Invite>);
  const invite = state.status === "ok" ? state.data : undefined;
  return (
    <div className="space-y-4">
      <p className="text-slate-700">
        {hasLogin
          ? "This patient has portal access. If they lost their password, give them a new code: it replaces any earlier one."
          : "This patient has no portal access yet. Give them a code to set their password at /invite."}
        {pendingExpiry && !invite
          ? ` A code is pending until ${new Date(pendingExpiry).toLocaleDateString("en-GB")}.`
          : null}
      </p>
      <FormMessage state={state} />
      {invite ? (
        <div
          className="rounded-md border border-accent-600 bg-accent-50 p-4"
          data-testid="invite-code"
        >
          <p className="font-medium">
            Give this code to the patient. It is shown only once and works for 7 days:
          </p>
          <p className="mt-2 font-mono text-2xl tracking-widest">{invite.code}</p>
          <p className="mt-1 text-sm text-slate-700">
            Valid until {new Date(invite.expiresAt).toLocaleString("en-GB")}.
          </p>
        </div>
      ) : null}
      <form action={formActionFn}>
        <input type="hidden" name="patientId" value={patientId} />
        <SubmitButton variant="secondary" pendingLabel="Creating code…">
          {hasLogin ? "Issue a new access code" : "Create invite code"}
        </SubmitButton>
      </form>
    </div>
  );
}
