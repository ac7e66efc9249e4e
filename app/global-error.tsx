"use client";

export default function GlobalError({
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <html lang="en">
      <body
        style={{
          fontFamily: "system-ui, sans-serif",
          padding: "4rem 1.5rem",
          maxWidth: "36rem",
          margin: "0 auto",
        }}
      >
        <main>
          <h1>Something went wrong</h1>
          <p>The portal could not be loaded. Please try again in a moment.</p>
          <button type="button" onClick={reset} style={{ minHeight: "44px", padding: "0 1rem" }}>
            Try again
          </button>
        </main>
      </body>
    </html>
  );
}
