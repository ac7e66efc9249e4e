import { expect, test } from "@playwright/test";
import { ACCOUNTS, signIn } from "./support/accounts";
import { signedInRequestContext } from "./support/sessions";

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

/** The hidden inputs React renders into a server-action form for submission without JavaScript. */
function actionFields(html: string, formContaining: string): Record<string, string> {
  const form = [...html.matchAll(/<form\b[\s\S]*?<\/form>/g)]
    .map((m) => m[0])
    .find((f) => f.includes(formContaining));
  expect(form, `a form with ${formContaining}`).toBeTruthy();
  const decode = (text: string) =>
    text
      .replace(/&quot;/g, '"')
      .replace(/&#x27;/g, "'")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&");
  const fields: Record<string, string> = {};
  for (const [input] of (form as string).matchAll(/<input\b[^>]*>/g)) {
    const name = input.match(/name="(\$ACTION_[^"]*)"/)?.[1];
    if (name) fields[decode(name)] = decode(input.match(/value="([^"]*)"/)?.[1] ?? "");
  }
  expect(Object.keys(fields).join(" "), "the form's server-action id").toMatch(/\$ACTION_/);
  return fields;
}

test("a server-action POST from a foreign Origin is rejected and changes nothing", async ({
  browser,
  baseURL,
}) => {
  const therapist = await signedInRequestContext(browser, baseURL as string, ACCOUNTS.therapist);
  try {
    // The create-patient form as the therapist's browser gets it (its action id and bound state),
    // submitted the way a browser without JavaScript submits it, once from another site.
    const form = actionFields(
      await (await therapist.get("/patients/new")).text(),
      'name="givenName"',
    );
    const submit = (origin: string, familyName: string) =>
      therapist.post("/patients/new", {
        headers: { origin },
        multipart: {
          ...form,
          givenName: "Csrf",
          familyName,
          dateOfBirth: "1970-01-01",
          msType: "RRMS",
          diagnosisYear: "",
          primaryTherapistId: "",
        },
        maxRedirects: 0,
      });
    // The caseload searched for the name lists the patient's page (the search box echoes the name).
    const inCaseload = async (familyName: string) =>
      /href="\/patients\/[0-9a-f-]{36}"/.test(
        await (await therapist.get(`/patients?q=${familyName}`)).text(),
      );

    const forged = `Forged${Date.now()}`;
    const attack = await submit("https://evil.example", forged);
    // Refused with a 403 and a sentence (Next's own check answered with a 500).
    expect(attack.status(), "the forged POST is refused").toBe(403);
    expect(await attack.text()).toContain("sent from another website");
    expect(await attack.text()).not.toContain(forged);
    expect(await inCaseload(forged), "no patient was created").toBe(false);

    // The very same request from the app's own origin works: the refusal was the Origin's doing.
    const genuine = `Genuine${Date.now()}`;
    const own = await submit(new URL(baseURL as string).origin, genuine);
    expect(own.status(), "the same-origin POST redirects to the new patient").toBe(303);
    expect(own.headers().location).toMatch(/\/patients\/[0-9a-f-]{36}\?created=1$/);
    expect(await inCaseload(genuine), "the patient was created").toBe(true);
  } finally {
    await therapist.dispose();
  }
});
