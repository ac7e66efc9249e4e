/** Recovery codes, shown once right after they were made. */
export function RecoveryCodes({ codes }: { codes: string[] }) {
  return (
    <div
      className="rounded-md border border-accent-600 bg-accent-50 p-4"
      data-testid="recovery-codes"
    >
      <p className="font-medium text-slate-900">
        Your recovery codes. Each works once, instead of a code from the app, if you lose your
        phone. Print them or write them down and keep them somewhere safe; they are shown only once.
      </p>
      <ul className="mt-3 grid grid-cols-2 gap-2 font-mono text-lg tracking-wider">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
    </div>
  );
}
