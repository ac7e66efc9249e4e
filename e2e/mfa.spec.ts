import { type Browser, expect, type Page, test } from "@playwright/test";
import * as OTPAuth from "otpauth";
import { ACCOUNTS, expectAccessible, readShownCode, signIn, signOut } from "./support/accounts";

/** The code an authenticator app shows for `secret`, `offsetSeconds` from now (otpauth). */
const totp = (secret: string, offsetSeconds = 0) =>
  OTPAuth.TOTP.generate({
    secret: OTPAuth.Secret.fromBase32(secret.replace(/\s+/g, "")),
    timestamp: Date.now() + offsetSeconds * 1000,
  });

/** The admin creates a therapist account; the therapist sets a password with the code. */
async function newTherapist(admin: Page, browser: Browser, name: string) {
  const email = `${name.toLowerCase().replace(/\W+/g, "-")}-${Date.now()}@demo.clinic`;
  const password = "an authenticator test password";
  await admin.goto("/admin/therapists");
  await admin.getByLabel("Full name").fill(name);
  await admin.getByLabel("Email").fill(email);
  await admin.getByRole("button", { name: "Create account" }).click();
  const code = await readShownCode(admin, "one-time-code");
  const page = await (await browser.newContext()).newPage();
  await page.goto("/invite");
  await page.getByLabel("Code from your clinic").fill(code);
  await page.getByLabel("Your email").fill(email);
  // One of the 10,000 most common passwords: refused at the field.
  await page.getByLabel("Choose a password").fill("qwerty123456");
  await page.getByLabel("Type the password again").fill("qwerty123456");
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(
    page.getByText("on a list of the most common passwords", { exact: false }),
  ).toBeVisible();
  await page.getByLabel("Code from your clinic").fill(code);
  await page.getByLabel("Choose a password").fill(password);
  await page.getByLabel("Type the password again").fill(password);
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByText("Your password is set.")).toBeVisible();
  return { page, email, password };
}

async function passwordStep(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByLabel("Code from your authenticator app")).toBeVisible();
}

test("a therapist turns on two-step sign-in and signs in with app codes and a recovery code", async ({
  page,
  browser,
}) => {
  // Several sign-ins and an enrolment that hashes ten recovery codes, each with Argon2: 15 s on
  // a quiet machine, and it ran out of the default 60 s once when the machine was slow.
  test.setTimeout(120_000);
  await signIn(page, ACCOUNTS.admin);
  const { page: me, email, password } = await newTherapist(page, browser, "Totp Tester");

  await signIn(me, email, password); // the demo clinic does not require it: optional
  await me.getByRole("link", { name: "Account" }).click();
  await expect(me.getByTestId("mfa-status")).toContainText("Off.");
  await me.getByRole("link", { name: "Set up two-step sign-in" }).click();
  await expect(me.getByRole("heading", { name: "Set up two-step sign-in" })).toBeVisible();
  await expect(me.getByRole("img", { name: /QR code/ })).toBeVisible();
  await expectAccessible(me);
  const secret = (await me.getByTestId("totp-secret").innerText()).replace(/\s+/g, "");

  await me.getByLabel("6-digit code from the app").fill("000000");
  await me.getByRole("button", { name: "Turn on two-step sign-in" }).click();
  await expect(me.getByText("That code did not match.", { exact: false })).toBeVisible();
  await expect(me.getByLabel("6-digit code from the app")).toHaveAttribute("aria-invalid", "true");

  await me.getByLabel("6-digit code from the app").fill(totp(secret));
  await me.getByRole("button", { name: "Turn on two-step sign-in" }).click();
  const codes = me.getByTestId("recovery-codes");
  await expect(codes).toBeVisible();
  await expectAccessible(me);
  const recovery = (await codes.innerText()).match(/[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}/g) ?? [];
  expect(recovery).toHaveLength(10);
  await me.getByRole("button", { name: /continue/ }).click();
  await expect(me.getByTestId("mfa-status")).toContainText("10 unused recovery codes");
  await signOut(me);

  // Password, then a code: a wrong one is refused at the field, the app's code lets us in.
  // (The code of the enrolment's time step was used once already: take the next step's.)
  await passwordStep(me, email, password);
  await expectAccessible(me);
  await me.getByLabel("Code from your authenticator app").fill("123456");
  await me.getByRole("button", { name: "Verify and sign in" }).click();
  await expect(me.getByText("That code did not work", { exact: false }).first()).toBeVisible();
  await me.getByLabel("Code from your authenticator app").fill(totp(secret, 30));
  await me.getByRole("button", { name: "Verify and sign in" }).click();
  await expect(me.getByRole("heading", { name: "Caseload" })).toBeVisible();
  await signOut(me);

  // A recovery code works once.
  await passwordStep(me, email, password);
  await me.getByLabel("Code from your authenticator app").fill(recovery[0] ?? "");
  await me.getByRole("button", { name: "Verify and sign in" }).click();
  await expect(me.getByRole("heading", { name: "Caseload" })).toBeVisible();
  await me.goto("/account");
  await expect(me.getByTestId("mfa-status")).toContainText("9 unused recovery codes");
  await signOut(me);
  await passwordStep(me, email, password);
  await me.getByLabel("Code from your authenticator app").fill(recovery[0] ?? "");
  await me.getByRole("button", { name: "Verify and sign in" }).click();
  await expect(me.getByText("That code did not work", { exact: false }).first()).toBeVisible();

  // The phone and the codes are lost: the admin resets two-step sign-in; the password alone
  // signs in again (this clinic does not require it) and the therapist can set it up anew.
  await page.goto("/admin/therapists");
  const row = page.getByRole("row", { name: new RegExp(email.replace(/[.+]/g, "\\$&")) });
  await expect(row).toContainText("Two-step sign-in on");
  await row.getByRole("button", { name: "Reset two-step sign-in" }).click();
  await expect(page.getByText("Two-step sign-in reset", { exact: false })).toBeVisible();
  await expect(row).not.toContainText("Two-step sign-in on");
  await expectAccessible(page);
  await signIn(me, email, password);
  await me.goto("/account");
  await expect(me.getByTestId("mfa-status")).toContainText("Off.");
  await me.close();
});

test("when the clinic requires it, a therapist without it can only reach the set-up page", async ({
  page,
  browser,
}) => {
  await signIn(page, ACCOUNTS.admin);
  const { page: me, email, password } = await newTherapist(page, browser, "Required Tester");
  const setting = page.getByLabel("Require two-step sign-in for therapists and admins");
  await expect(setting).not.toBeChecked(); // off in the demo clinic
  await expectAccessible(page);
  try {
    await setting.check();
    await page.getByRole("button", { name: "Save setting" }).click();
    await expect(
      page.getByText("Saved. Therapists and admins without", { exact: false }),
    ).toBeVisible();

    await me.goto("/login");
    await me.getByLabel("Email").fill(email);
    await me.getByLabel("Password").fill(password);
    await me.getByRole("button", { name: "Sign in" }).click();
    await expect(me).toHaveURL(/\/account\/mfa\/setup$/);
    await expect(
      me.getByText("Your clinic asks therapists and admins", { exact: false }),
    ).toBeVisible();
    await expectAccessible(me);
    // No data: every other page leads back here, the API answers nothing.
    await me.goto("/patients");
    await expect(me).toHaveURL(/\/account\/mfa\/setup$/);
    await me.goto("/account");
    await expect(me).toHaveURL(/\/account\/mfa\/setup$/);

    const secret = (await me.getByTestId("totp-secret").innerText()).replace(/\s+/g, "");
    await me.getByLabel("6-digit code from the app").fill(totp(secret));
    await me.getByRole("button", { name: "Turn on two-step sign-in" }).click();
    await expect(me.getByTestId("recovery-codes")).toBeVisible();
    await me.getByRole("button", { name: /continue/ }).click();
    await expect(me.getByRole("heading", { name: "Caseload" })).toBeVisible();
    await me.goto("/account");
    await expect(me.getByText("it stays on", { exact: false })).toBeVisible(); // cannot turn off
  } finally {
    await page.goto("/admin/therapists");
    await page.getByLabel("Require two-step sign-in for therapists and admins").uncheck();
    await page.getByRole("button", { name: "Save setting" }).click();
    await expect(
      page.getByText("Saved. Two-step sign-in is now optional", { exact: false }),
    ).toBeVisible();
    await me.close();
  }
});
