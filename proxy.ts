import { type NextFetchEvent, type NextRequest, NextResponse } from "next/server";
import { auth } from "@/lib/auth/auth";

// Pages anyone may open. Everything else needs a session; the data layer still decides what a
// signed-in user may see (this file only redirects anonymous visitors).
const PUBLIC_PATHS = ["/login", "/invite", "/api/auth", "/api/health"];

const isPublic = (pathname: string) =>
  PUBLIC_PATHS.some((p) => pathname === p || pathname.startsWith(`${p}/`));

function contentSecurityPolicy(nonce: string) {
  const dev = process.env.NODE_ENV === "development";
  return [
    "default-src 'self'",
    // 'strict-dynamic' lets Next's nonce-bearing scripts load its chunks; no inline script runs without the nonce.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

const withSession = auth((request) => {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce);
  const { pathname, search } = request.nextUrl;
  if (!request.auth && !isPublic(pathname)) {
    const login = new URL("/login", request.nextUrl);
    if (pathname !== "/") login.searchParams.set("next", `${pathname}${search}`);
    // The redirect carries the same headers as every other response (the nonce is unused).
    return withSecurityHeaders(NextResponse.redirect(login), csp);
  }

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  return withSecurityHeaders(NextResponse.next({ request: { headers: requestHeaders } }), csp);
});

function withSecurityHeaders(response: NextResponse, csp: string) {
  response.headers.set("content-security-policy", csp);
  // Patient data must never sit in a shared or browser cache.
  response.headers.set("cache-control", "no-store, max-age=0");
  return response;
}

/**
 * A form or server action posted from another site (CSRF). Next refuses it too, but with a 500;
 * here it is a 403 with a sentence, before any app code runs. Same rule as Next's: the Origin's
 * host must be the host the request was sent to (`X-Forwarded-Host` behind a proxy).
 */
function isCrossSitePost(request: NextRequest): boolean {
  if (request.method === "GET" || request.method === "HEAD") return false;
  const origin = request.headers.get("origin");
  if (origin === null) return false;
  const host =
    request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() || request.headers.get("host");
  try {
    return new URL(origin).host !== host;
  } catch {
    return true; // "null" or garbage: not this site
  }
}

/** Next 16's proxy (formerly middleware): the session wrapper also re-issues the rolling cookie. */
export async function proxy(request: NextRequest, event: NextFetchEvent) {
  if (isCrossSitePost(request)) {
    const response = new NextResponse(
      "This form was sent from another website, so the portal refused it. Nothing was saved. Open the portal and try again.",
      { status: 403, headers: { "content-type": "text/plain; charset=utf-8" } },
    );
    return withSecurityHeaders(response, contentSecurityPolicy(""));
  }
  // With a lazily built config (the secret is read at run time, not at build time), next-auth's
  // wrapper is itself asynchronous: its typings do not say so.
  const handler = (await withSession) as unknown as (
    r: NextRequest,
    e: NextFetchEvent,
  ) => Promise<Response>;
  return handler(request, event);
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg).*)"],
};
