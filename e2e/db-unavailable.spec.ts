import { expect, type Page, test } from "@playwright/test";
import { ACCOUNTS, DEMO_PASSWORD, expectAccessible, signIn } from "./support/accounts";

// A second server of the same build runs beside the main one (playwright.config.ts) with its
// DATABASE_URL pointing at a closed port: the database is unavailable from its start.
const noDb = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3100) + 1}`;

/** What a stack trace or an internal error looks like in a page or a response body. */
const INTERNALS =
  /\n\s+at |ECONNREFUSED|postgres|drizzle|node_modules|Failed query|TypeError|Internal Server Error|Application error/i;

async function expectNoInternals(page: Page) {
  const html = await page.content();
  expect(html).not.toMatch(INTERNALS);
}

test("/api/health answers 503 and says the database is unavailable", async ({ request }) => {
  const response = await request.get(`${noDb}/api/health`);
  expect(response.status()).toBe(503);
  expect(response.headers()["cache-control"]).toContain("no-store");
  const body = await response.json();
  expect(body).toMatchObject({ status: "unavailable", database: "unavailable" });
  expect(JSON.stringify(body)).not.toMatch(INTERNALS);
});

test("anonymous visitors are still sent to the login page, which renders", async ({ page }) => {
  await page.goto(`${noDb}/patients`);
  await expect(page).toHaveURL(/\/login(\?|$)/);
  await expect(page.getByLabel("Email")).toBeVisible();
  await expect(page.getByLabel("Password")).toBeVisible();
  await expectNoInternals(page);
});

test("signing in while the database is down shows no stack trace and keeps the form", async ({
  page,
}) => {
  await page.goto(`${noDb}/login`);
  await page.getByLabel("Email").fill(ACCOUNTS.therapist);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  const response = page.waitForResponse(
    (r) => r.request().method() === "POST" && r.url().startsWith(noDb),
  );
  await page.getByRole("button", { name: "Sign in" }).click();
  expect((await response).status()).toBeLessThan(500);
  await expect(page.getByLabel("Email")).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign out" })).toHaveCount(0);
  await expectNoInternals(page);
});

test("a signed-in user gets a clear error page, with a retry and no internals", async ({
  browser,
  page,
}) => {
  // A session from the main server (same secret). Cookies are scoped to the host, not the port:
  // copied into a fresh context, they are sent to the second server too.
  await signIn(page, ACCOUNTS.therapist);
  const cookies = await page.context().cookies();
  expect(cookies.some((c) => c.name.includes("session-token"))).toBe(true);
  const context = await browser.newContext();
  await context.addCookies(cookies);
  const other = await context.newPage();
  try {
    const response = await other.goto(`${noDb}/patients`);
    expect([500, 503]).toContain(response?.status());
    const errorPage = other.getByTestId("error-page");
    await expect(errorPage).toBeVisible();
    await expect(
      other.getByRole("heading", { name: "The service is temporarily unavailable" }),
    ).toBeVisible();
    await expect(errorPage).toContainText("try again");
    await expect(other.getByRole("button", { name: "Try again" })).toBeVisible();
    expect(await response?.text()).not.toMatch(INTERNALS);
    await expectNoInternals(other);
    await expectAccessible(other);

    // Retrying while the database is still down keeps the same calm page.
    await other.getByRole("button", { name: "Try again" }).click();
    await expect(errorPage).toBeVisible();
    await expectNoInternals(other);
  } finally {
    await context.close();
  }
});
