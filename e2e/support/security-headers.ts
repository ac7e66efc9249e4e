import type { APIResponse } from "@playwright/test";

/**
 * The security headers every response of the app carries (proxy.ts sets the per-request CSP and
 * no-store, next.config.js the static ones), as a list of what is wrong with one response: empty
 * when all is well. For an HTML page, also: every <script> carries the response's nonce
 * (with 'strict-dynamic', a parser-inserted script without it does not run; an inline one must
 * never run without it).
 */
export function securityHeaderProblems(
  response: APIResponse,
  body: string,
  { signedIn }: { signedIn: boolean },
): string[] {
  const problems: string[] = [];
  const headers = response.headers();
  const expectHeader = (name: string, test: (value: string) => boolean, want: string) => {
    const value = headers[name];
    if (value === undefined) problems.push(`no ${name} (want ${want})`);
    else if (!test(value)) problems.push(`${name}: "${value}" (want ${want})`);
  };

  const csp = headers["content-security-policy"] ?? "";
  const scriptSrc = csp.match(/(?:^|;)\s*script-src([^;]*)/)?.[1] ?? "";
  const nonce = scriptSrc.match(/'nonce-([A-Za-z0-9+/=_-]+)'/)?.[1];
  if (!csp) problems.push("no content-security-policy");
  else {
    if (!/^\s*'self' 'nonce-[^']+' 'strict-dynamic'/.test(scriptSrc))
      problems.push(
        `CSP script-src is "${scriptSrc.trim()}" (want 'self' 'nonce-…' 'strict-dynamic')`,
      );
    if (/unsafe-inline|unsafe-eval/.test(scriptSrc))
      problems.push("CSP script-src allows unsafe-*");
    for (const directive of [
      "frame-ancestors 'none'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "default-src 'self'",
    ])
      if (!csp.includes(directive)) problems.push(`CSP lacks ${directive}`);
  }
  expectHeader("x-content-type-options", (v) => v === "nosniff", "nosniff");
  expectHeader(
    "referrer-policy",
    (v) => v === "strict-origin-when-cross-origin",
    "strict-origin-when-cross-origin",
  );
  expectHeader("x-frame-options", (v) => v.toUpperCase() === "DENY", "DENY");
  expectHeader(
    "permissions-policy",
    (v) => ["camera=()", "microphone=()", "geolocation=()"].every((p) => v.includes(p)),
    "camera, microphone and geolocation off",
  );
  if (headers["x-powered-by"]) problems.push(`x-powered-by: ${headers["x-powered-by"]}`);
  // Patient data must never sit in a shared or browser cache: nothing a signed-in user gets may
  // be stored, nor any page (the login page is personalised once signed in).
  if (signedIn || (headers["content-type"] ?? "").includes("text/html"))
    expectHeader("cache-control", (v) => v.includes("no-store"), "no-store");

  // Every HTML page (the not-found page too), not just the 200s.
  if ((headers["content-type"] ?? "").includes("text/html") && body) {
    const scripts = [...body.matchAll(/<script\b[^>]*>/gi)].map((m) => m[0]);
    if (scripts.length === 0) problems.push("an HTML page without Next's scripts");
    for (const tag of scripts)
      if (!nonce || !tag.includes(`nonce="${nonce}"`))
        problems.push(`a <script> without this response's nonce: ${tag.slice(0, 120)}`);
  }
  return problems;
}
