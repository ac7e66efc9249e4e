import type { FormState } from "@/lib/forms/form-state";

/**
 * The outcome of the last submit, in a live region so screen readers announce it. Errors are
 * role=alert-like but use a test id, because Next's route announcer is also an alert.
 */
export function FormMessage({ state }: { state: FormState<unknown> }) {
  return (
    <div aria-live="polite" aria-atomic="true" data-testid="form-message">
      {state.status === "error" ? (
        <p className="rounded-md border border-red-700 bg-red-50 px-4 py-3 font-medium text-red-900">
          {state.error}
        </p>
      ) : null}
      {state.status === "ok" && state.message ? (
        <p className="rounded-md border border-emerald-700 bg-emerald-50 px-4 py-3 font-medium text-emerald-900">
          {state.message}
        </p>
      ) : null}
    </div>
  );
}

/** What the user typed, to put back into the form after an error. */
export function typed(state: FormState<unknown>, name: string, fallback = ""): string {
  if (state.status !== "error") return fallback;
  const v = state.values[name];
  return typeof v === "string" ? v : fallback;
}

export function fieldErrors(state: FormState<unknown>, name: string): string[] | undefined {
  return state.status === "error" ? state.fieldErrors[name] : undefined;
}

/** Remount the form after each submit so defaultValues (typed values or saved ones) apply. */
export function formKey(state: FormState<unknown>): string {
  return state.status === "idle" ? "idle" : String(state.submittedAt);
}
