"use client";

import { buttonClass } from "@/components/ui/button-class";

/** Any unexpected failure: a calm message and a retry, never a stack trace. */
export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <main id="main" className="mx-auto max-w-xl px-6 py-16">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="mt-2 text-slate-700">
        The page could not be loaded. Nothing you saved earlier is lost. Please try again in a
        moment.
      </p>
      {error.digest ? (
        <p className="mt-2 text-sm text-slate-600">Reference for support: {error.digest}</p>
      ) : null}
      <button type="button" onClick={reset} className={`${buttonClass("primary")} mt-6`}>
        Try again
      </button>
    </main>
  );
}
