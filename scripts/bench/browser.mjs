// Signing in through the real login form with Playwright's Chromium, for session cookies.
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

/** The same Chromium and flags as playwright.config.ts (browser downloads fail on these machines). */
export async function launchBrowser() {
  const candidates = [process.env.PLAYWRIGHT_CHROMIUM_PATH, "/usr/bin/chromium"].filter(Boolean);
  const executablePath = candidates.find((candidate) => existsSync(candidate));
  return chromium.launch({
    executablePath,
    // The bench handles Ctrl-C itself (servers, database, then the browser): Playwright's own
    // handler would end the process before that clean-up.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** The Cookie header a browser context would send to `url`. */
export async function cookieHeader(context, url) {
  const cookies = await context.cookies(url);
  return cookies.map((c) => `${c.name}=${c.value}`).join("; ");
}

/**
 * Fills the login form at `baseUrl` and waits until the portal has taken the user in (a "Sign
 * out" button). Throws with what the page says when it does not. `context` defaults to a new one.
 */
export async function signIn(browser, { baseUrl, email, password, context }) {
  const ctx = context ?? (await browser.newContext());
  const page = await ctx.newPage();
  try {
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("button", { name: "Sign out" }).waitFor({ timeout: 20_000 });
  } catch (error) {
    const text = (
      await page
        .locator("main")
        .innerText()
        .catch(() => "")
    ).slice(0, 400);
    await page.close();
    if (!context) await ctx.close();
    throw new Error(
      `Could not sign in as ${email} at ${baseUrl} (now at ${page.url()}): ${text || error}`,
    );
  }
  if (new URL(page.url()).pathname.startsWith("/account/mfa")) {
    await page.close();
    if (!context) await ctx.close();
    throw new Error(
      `${email} was sent to two-step sign-in set-up: the bench clinic must not require it.`,
    );
  }
  await page.close();
  return { context: ctx, cookie: await cookieHeader(ctx, baseUrl), signedInAt: Date.now() };
}

/**
 * Tries to sign in and reports whether the portal let the user in (for the throttling check):
 * true = signed in, false = refused with the login form's message.
 */
export async function trySignIn(context, { baseUrl, email, password }) {
  const page = await context.newPage();
  try {
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    // Whichever comes first; the other one's wait ends when the page closes (caught here).
    const outcome = await Promise.race([
      page
        .getByRole("button", { name: "Sign out" })
        .waitFor({ timeout: 20_000 })
        .then(
          () => true,
          () => null,
        ),
      page
        .getByText("did not match, or the account is locked")
        .first()
        .waitFor({ timeout: 20_000 })
        .then(
          () => false,
          () => null,
        ),
    ]);
    if (outcome === null) throw new Error(`No answer to signing in as ${email} at ${baseUrl}.`);
    return outcome;
  } finally {
    await page.close();
  }
}
