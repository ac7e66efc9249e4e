/**
 * A one-time-code input: numeric keyboard on phones, the browser may fill it from an SMS-less
 * authenticator, large target; the error is tied to it like TextField's.
 */
export function CodeField({
  name = "code",
  label,
  hint,
  errors,
  allowRecoveryCode = false,
}: {
  name?: string;
  label: string;
  hint?: string;
  errors?: string[];
  /** Recovery codes have letters: then the keyboard is not forced to digits. */
  allowRecoveryCode?: boolean;
}) {
  const describedBy =
    [hint ? `${name}-hint` : null, errors?.length ? `${name}-error` : null]
      .filter(Boolean)
      .join(" ") || undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={name} className="block font-medium text-slate-900">
        {label}
      </label>
      {hint ? (
        <p id={`${name}-hint`} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      <input
        id={name}
        name={name}
        type="text"
        inputMode={allowRecoveryCode ? "text" : "numeric"}
        autoComplete="one-time-code"
        autoCapitalize="characters"
        spellCheck={false}
        maxLength={allowRecoveryCode ? 64 : 8}
        required
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy}
        className="block w-full max-w-xs min-h-11 rounded-md border border-slate-400 bg-white px-3 py-2 font-mono text-lg tracking-widest text-slate-900 aria-[invalid=true]:border-red-700 aria-[invalid=true]:ring-1 aria-[invalid=true]:ring-red-700"
      />
      {errors?.length ? (
        <p id={`${name}-error`} className="text-sm font-medium text-red-800">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}
