/** A one-time code, shown once after it is created. */
export function OneTimeCode({
  code,
  expiresAt,
  who,
}: {
  code: string;
  expiresAt: string;
  who?: string;
}) {
  return (
    <div
      className="rounded-md border border-accent-600 bg-accent-50 p-4"
      data-testid="one-time-code"
    >
      <p className="font-medium">
        Give this code{who ? ` to ${who}` : ""} in person or by phone. It is shown only once:
      </p>
      <p className="mt-2 font-mono text-2xl tracking-widest">{code}</p>
      <p className="mt-1 text-sm text-slate-700">
        They set their password at /invite before {new Date(expiresAt).toLocaleString("en-GB")}.
      </p>
    </div>
  );
}
