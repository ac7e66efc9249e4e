"use client";

import { useActionState } from "react";
import { SelectField, TextField } from "@/components/ui/field";
import { FormMessage, fieldErrors, formKey, typed } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { REFERRAL_GOAL_LABEL, REFERRAL_GOALS } from "@/lib/clinical/flag-labels";
import { type FormState, idleState } from "@/lib/forms/form-state";

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

/** Acknowledge, refer or dismiss one flag; each form carries the status the user saw. */
export function FlagActions({
  action,
  patientId,
  flagId,
  status,
  today,
  label,
}: {
  action: Action;
  patientId: string;
  flagId: string;
  status: string;
  today: string;
  label: string;
}) {
  const [state, withViewer] = useActionState(action, idleState);
  const id = (name: string) => `${flagId}-${name}`;
  const hidden = (
    <>
      <input type="hidden" name="patientId" value={patientId} />
      <input type="hidden" name="flagId" value={flagId} />
      <input type="hidden" name="expectedStatus" value={status} />
    </>
  );
  return (
    <div className="space-y-3" key={formKey(state)}>
      <FormMessage state={state} />
      <div className="flex flex-wrap items-start gap-3">
        {status === "open" ? (
          <form action={withViewer}>
            {hidden}
            <input type="hidden" name="command" value="acknowledge" />
            <SubmitButton variant="secondary" pendingLabel="Saving…">
              Acknowledge<span className="sr-only">: {label}</span>
            </SubmitButton>
          </form>
        ) : null}
        <details
          className="min-w-72 flex-1"
          open={state.status === "error" && state.values.command === "refer"}
        >
          <summary className="inline-flex min-h-11 cursor-pointer items-center font-medium text-accent-700">
            Mark referred<span className="sr-only">: {label}</span>
          </summary>
          <form action={withViewer} className="mt-2 space-y-3" noValidate>
            {hidden}
            <input type="hidden" name="command" value="refer" />
            <TextField
              id={id("target")}
              name="referralTarget"
              label="Referred to"
              hint="Service or clinician, e.g. Spasticity clinic, St Mary's."
              required
              maxLength={200}
              defaultValue={typed(state, "referralTarget")}
              errors={fieldErrors(state, "referralTarget")}
            />
            <TextField
              id={id("date")}
              name="referralDate"
              label="Referral date"
              type="date"
              max={today}
              required
              defaultValue={typed(state, "referralDate", today)}
              errors={fieldErrors(state, "referralDate")}
            />
            <SelectField
              id={id("goal")}
              name="referralGoal"
              label="Goal"
              required
              placeholder="Choose…"
              options={REFERRAL_GOALS.map((g) => ({ value: g, label: REFERRAL_GOAL_LABEL[g] }))}
              defaultValue={typed(state, "referralGoal")}
              errors={fieldErrors(state, "referralGoal")}
            />
            <TextField
              id={id("refnote")}
              name="note"
              label="Note"
              maxLength={2000}
              defaultValue={
                state.status === "error" && state.values.command === "refer"
                  ? typed(state, "note")
                  : ""
              }
              errors={
                state.status === "error" && state.values.command === "refer"
                  ? fieldErrors(state, "note")
                  : undefined
              }
            />
            <SubmitButton variant="primary" pendingLabel="Saving…">
              Save referral
            </SubmitButton>
          </form>
        </details>
        <details
          className="min-w-72 flex-1"
          open={state.status === "error" && state.values.command === "dismiss"}
        >
          <summary className="inline-flex min-h-11 cursor-pointer items-center font-medium text-accent-700">
            Dismiss<span className="sr-only">: {label}</span>
          </summary>
          <form action={withViewer} className="mt-2 space-y-3" noValidate>
            {hidden}
            <input type="hidden" name="command" value="dismiss" />
            <TextField
              id={id("dismissnote")}
              name="note"
              label="Why dismiss?"
              hint="Required: what you decided and why."
              required
              maxLength={2000}
              defaultValue={
                state.status === "error" && state.values.command === "dismiss"
                  ? typed(state, "note")
                  : ""
              }
              errors={
                state.status === "error" && state.values.command === "dismiss"
                  ? fieldErrors(state, "note")
                  : undefined
              }
            />
            <SubmitButton variant="danger" pendingLabel="Saving…">
              Dismiss flag
            </SubmitButton>
          </form>
        </details>
      </div>
    </div>
  );
}
