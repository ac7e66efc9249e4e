import { expect, test } from "@playwright/test";
import { ACCOUNTS, signIn } from "./support/accounts";

test("pages carry a nonce-based CSP, framing protection and no-store caching", async ({
  page,
  request,
}) => {
  const login = await request.get("/login");
  const headers = login.headers();
  const csp = headers["content-security-policy"] ?? "";
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).not.toContain("'unsafe-inline' 'nonce");
  expect(csp.match(/script-src[^;]*/)?.[0]).not.toContain("unsafe-inline");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");

  // Every inline script in the HTML carries this response's nonce.
  const nonce = csp.match(/'nonce-([^']+)'/)?.[1];
  const html = await login.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts.filter((t) => !t.includes(" src=")))
    expect(tag).toContain(`nonce="${nonce}"`);

  await signIn(page, ACCOUNTS.therapist);
  const caseload = await page.request.get("/patients");
  expect(caseload.headers()["cache-control"]).toContain("no-store");
  const second = await request.get("/login");
  expect(second.headers()["content-security-policy"]).not.toContain(`'nonce-${nonce}'`);
});

test("/api/health reports the database without patient data", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: "ok", database: "reachable" });
});
