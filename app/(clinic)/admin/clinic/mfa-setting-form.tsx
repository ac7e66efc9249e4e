"use client";

import { useActionState } from "react";
import { FormMessage, formKey } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { idleState } from "@/lib/forms/form-state";
import { clinicMfaSettingAction } from "./actions";

export function MfaSettingForm({ requireStaffMfa }: { requireStaffMfa: boolean }) {
  const [state, action] = useActionState(clinicMfaSettingAction, idleState);
  return (
    <form key={formKey(state)} action={action} className="space-y-4">
      <FormMessage state={state} />
      <div className="flex items-start gap-3">
        <input
          id="requireStaffMfa"
          name="requireStaffMfa"
          type="checkbox"
          defaultChecked={requireStaffMfa}
          aria-describedby="requireStaffMfa-hint"
          className="mt-1 size-6 shrink-0 accent-accent-700"
        />
        <div>
          <label htmlFor="requireStaffMfa" className="font-medium text-slate-900">
            Require two-step sign-in for therapists and admins
          </label>
          <p id="requireStaffMfa-hint" className="text-sm text-slate-700">
            They enter a code from a phone app after their password. Anyone not set up yet is led to
            set it up at their next sign-in. Optional for patients.
          </p>
        </div>
      </div>
      <SubmitButton variant="secondary">Save setting</SubmitButton>
    </form>
  );
}
