"use client";

import { buttonClass } from "@/components/ui/button-class";

/**
 * Any unexpected failure while rendering a page (most often the database being unreachable): a
 * calm message and a retry, never a stack trace. In production Next replaces a server error's
 * message with a digest, and only the digest is shown, as a reference for support.
 */
export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <main id="main" className="mx-auto max-w-xl px-6 py-16" data-testid="error-page">
      <h1 className="text-2xl font-semibold">The service is temporarily unavailable</h1>
      <p className="mt-2 text-slate-700">
        This page could not be loaded just now. This is usually brief: please try again in a moment.
        Nothing you saved earlier is lost.
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
