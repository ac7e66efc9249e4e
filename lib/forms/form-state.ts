/** What every form action returns: typed success or field errors, plus what the user typed. */
export type FormState<T = undefined> =
  | { status: "idle" }
  | { status: "ok"; message?: string; data?: T; submittedAt: number }
  | {
      status: "error";
      error: string;
      fieldErrors: Record<string, string[] | undefined>;
      values: Record<string, string | string[]>;
      submittedAt: number;
    };

export const idleState: FormState<never> = { status: "idle" };

/** FormData as a plain object; repeated keys (checkboxes) become arrays, Next's own keys are dropped. */
export function formToObject(formData: FormData): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(formData.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const all = formData.getAll(key).filter((v): v is string => typeof v === "string");
    out[key] = all.length === 1 ? (all[0] as string) : all;
  }
  return out;
}

/** Values echoed back to the form after an error; secrets are never sent back. */
export function echoValues(values: Record<string, string | string[]>) {
  const safe: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(values)) {
    if (/password|code/i.test(key)) continue;
    safe[key] = typeof value === "string" ? value.slice(0, 20_000) : value.slice(0, 100);
  }
  return safe;
}

/**
 * zod issues → { field: [messages] }, keyed by the top-level field name; an issue inside a list
 * (["items", 2, "holdSeconds"]) is also filed under its form field name "items:2:holdSeconds".
 */
export function issuesToFieldErrors(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
) {
  const fieldErrors: Record<string, string[]> = {};
  const add = (key: string, message: string) => {
    fieldErrors[key] = [...(fieldErrors[key] ?? []), message];
  };
  for (const issue of issues) {
    add(String(issue.path[0] ?? "_form"), issue.message);
    if (issue.path.length > 1) add(issue.path.map(String).join(":"), issue.message);
  }
  return fieldErrors;
}
