"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { type FormState, idleState } from "@/lib/forms/form-state";

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

export function ArchiveForm({
  action,
  patientId,
  archived,
}: {
  action: Action;
  patientId: string;
  archived: boolean;
}) {
  const [state, formActionFn] = useActionState(action, idleState);
  return (
    <form action={formActionFn} className="space-y-3">
      <FormMessage state={state} />
      <input type="hidden" name="patientId" value={patientId} />
      <input type="hidden" name="archived" value={archived ? "false" : "true"} />
      <SubmitButton variant={archived ? "secondary" : "danger"} pendingLabel="Saving…">
        {archived ? "Restore to caseload" : "Archive patient"}
      </SubmitButton>
    </form>
  );
}
