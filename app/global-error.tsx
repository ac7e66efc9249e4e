"use client";

/**
 * A failure in the root layout itself: it replaces the whole document, so it brings its own
 * <html> and inline styles (the app's stylesheet may be what failed). No error text is shown.
 */
export default function GlobalError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <html lang="en">
      <head>
        <title>Temporarily unavailable</title>
      </head>
      <body
        style={{
          fontFamily: "system-ui, sans-serif",
          padding: "4rem 1.5rem",
          maxWidth: "36rem",
          margin: "0 auto",
          color: "#0f172a",
        }}
      >
        <main data-testid="error-page">
          <h1>The service is temporarily unavailable</h1>
          <p>
            The portal could not be loaded just now. This is usually brief: please try again in a
            moment. Nothing you saved earlier is lost.
          </p>
          {error.digest ? (
            <p style={{ fontSize: "0.875rem", color: "#475569" }}>
              Reference for support: {error.digest}
            </p>
          ) : null}
          <button
            type="button"
            onClick={() => {
              reset();
              // A root-layout failure is usually not fixed by re-rendering alone: reload.
              window.location.reload();
            }}
            style={{ minHeight: "44px", padding: "0 1rem" }}
          >
            Try again
          </button>
        </main>
      </body>
    </html>
  );
}
