import { expect, test } from "@playwright/test";
import {
  ACCOUNTS,
  DEMO_PASSWORD,
  expectAccessible,
  readShownCode,
  signIn,
} from "./support/accounts";

test("the login page lists the demo accounts and is accessible", async ({ page }) => {
  await page.goto("/login");
  for (const email of Object.values(ACCOUNTS))
    await expect(page.getByRole("cell", { name: email })).toBeVisible();
  await expect(page.getByText(DEMO_PASSWORD)).toBeVisible();
  await expectAccessible(page);
});

test("each role lands where its work is", async ({ page, browser }) => {
  await signIn(page, ACCOUNTS.therapist);
  await expect(page).toHaveURL(/\/patients$/);
  await expect(page.getByRole("heading", { name: "Caseload" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Lopez, Maria" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Brooks, Linda" })).toHaveCount(0); // Other Clinic's patient
  await expectAccessible(page);
  await page.getByLabel("My patients only").check();
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByRole("link", { name: "Fraser, Helen" })).toHaveCount(0); // Priya's patient
  await expect(page.getByRole("link", { name: "Lopez, Maria" })).toBeVisible();
  await page.getByRole("link", { name: "Lopez, Maria" }).click();
  await expect(page.getByRole("heading", { name: "Maria Lopez" })).toBeVisible();
  await expectAccessible(page);

  // A fresh browser per role: clearing cookies races with in-flight prefetches that re-set the
  // rolling session cookie.
  const patient = await (await browser.newContext()).newPage();
  await signIn(patient, ACCOUNTS.patient);
  await expect(patient).toHaveURL(/\/my$/);
  await expect(patient.getByRole("heading", { name: "Hello, Maria" })).toBeVisible();
  await expect(patient.getByText("Your therapist is Sam Okafor.")).toBeVisible();

  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, ACCOUNTS.admin);
  await admin.getByRole("link", { name: "Accounts" }).click();
  await expect(admin.getByRole("heading", { name: "Accounts" })).toBeVisible();
  await expectAccessible(admin);
});

test("a wrong password gets one message that does not say whether the account exists", async ({
  page,
}) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(ACCOUNTS.therapist2);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  const message = page.getByTestId("form-message");
  await expect(message).toContainText("did not match");
  await expect(page.getByLabel("Email")).toHaveValue(ACCOUNTS.therapist2);
  const wrongPassword = await message.innerText();

  await page.getByLabel("Email").fill("nobody@demo.clinic");
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByLabel("Email")).toHaveValue("nobody@demo.clinic");
  await expect(message).toHaveText(wrongPassword);
});

test("an account of the test's own locks after 5 failures; the admin unlocks it", async ({
  page,
  browser,
}) => {
  const email = `lock-${Date.now()}@demo.clinic`;
  const password = "a password for the lock test";
  // The admin creates a therapist, who sets their password with the one-time code.
  await signIn(page, ACCOUNTS.admin);
  await page.goto("/admin/therapists");
  await page.getByLabel("Full name").fill("Lock Test");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Create account" }).click();
  const code = await readShownCode(page, "one-time-code");

  const other = await (await browser.newContext()).newPage();
  await other.goto("/invite");
  await other.getByLabel("Code from your clinic").fill(code);
  await other.getByLabel("Your email").fill(email);
  await other.getByLabel("Choose a password").fill(password);
  await other.getByLabel("Type the password again").fill(password);
  await other.getByRole("button", { name: "Set password" }).click();
  await expect(other.getByText("Your password is set.")).toBeVisible();

  // Each attempt waits for the server's answer, so exactly five failures are recorded.
  const attempt = async (pw: string) => {
    await other.getByLabel("Email").fill(email);
    await other.getByLabel("Password").fill(pw);
    await Promise.all([
      other.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/login")),
      other.getByRole("button", { name: "Sign in" }).click(),
    ]);
    await expect(other.getByRole("button", { name: "Sign in" })).toBeEnabled();
  };
  for (let i = 0; i < 5; i++) {
    await attempt(`wrong guess number ${i}`);
    await expect(other.getByTestId("form-message")).toContainText("did not match");
  }
  // Locked: the right password is refused too, with the very same message.
  await attempt(password);
  await expect(other.getByTestId("form-message")).toContainText("did not match");
  await expect(other).toHaveURL(/\/login/);

  await page.reload();
  const row = page.getByRole("row", { name: /Lock Test/ });
  await expect(row).toContainText("Locked until");
  await row.getByRole("button", { name: "Unlock" }).click();
  await expect(row.getByTestId("form-message")).toContainText("Account unlocked.");

  await other.getByLabel("Email").fill(email);
  await other.getByLabel("Password").fill(password);
  await other.getByRole("button", { name: "Sign in" }).click();
  await expect(other.getByRole("heading", { name: "Caseload" })).toBeVisible();
  await other.close();
});

test("the session cookie is HttpOnly, Secure and SameSite=Lax", async ({ page }) => {
  await signIn(page, ACCOUNTS.therapist2);
  const session = (await page.context().cookies()).find((c) => c.name.includes("session-token"));
  expect(session).toMatchObject({
    name: "__Secure-authjs.session-token",
    httpOnly: true,
    secure: true,
    sameSite: "Lax",
    path: "/",
  });
});
