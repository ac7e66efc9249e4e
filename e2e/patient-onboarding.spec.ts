import { expect, test } from "@playwright/test";
import { ACCOUNTS, expectAccessible, readShownCode, signIn, signOut } from "./support/accounts";

test("a therapist adds a patient, invites them; the patient joins, changes password and signs out", async ({
  page,
  browser,
}) => {
  const family = `Onboard${Date.now()}`;
  await signIn(page, ACCOUNTS.therapist);
  await page.getByRole("link", { name: "New patient", exact: true }).first().click();
  await expect(page.getByRole("heading", { name: "New patient" })).toBeVisible();
  await expectAccessible(page);

  // Bad input first: errors at the fields, and what was typed is kept.
  await page.getByLabel("Family name").fill(family);
  await page.getByLabel("Date of birth").fill("2999-01-01");
  await page.getByRole("button", { name: "Add patient" }).click();
  await expect(page.getByText("Enter the given name.")).toBeVisible();
  await expect(page.getByText("Choose the type of MS from the list.")).toBeVisible();
  await expect(page.getByLabel("Family name")).toHaveValue(family);
  await expect(page.getByLabel("Given name")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);

  await page.getByLabel("Given name").fill("Olivia");
  await page.getByLabel("Type of MS").selectOption("SPMS");
  await page.getByRole("button", { name: "Add patient" }).click();
  await expect(page.getByText("The date of birth cannot be in the future.")).toBeVisible();
  await expect(page.getByLabel("Given name")).toHaveValue("Olivia");

  await page.getByLabel("Date of birth").fill("1969-03-14");
  await page.getByLabel("Year of diagnosis").fill("2003");
  await page.getByRole("button", { name: "Add patient" }).click();
  await expect(page.getByRole("heading", { name: `Olivia ${family}` })).toBeVisible();
  await expect(page.getByText("Patient added.")).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("button", { name: "Create invite code" }).click();
  const code = await readShownCode(page, "invite-code");

  // The patient, on their own computer.
  const home = await (await browser.newContext()).newPage();
  const email = `${family.toLowerCase()}@example.org`;
  await home.goto("/invite");
  await expectAccessible(home);
  await home.getByLabel("Code from your clinic").fill(code);
  await home.getByLabel("Your email").fill(email);
  await home.getByLabel("Choose a password").fill("short");
  await home.getByLabel("Type the password again").fill("short");
  await home.getByRole("button", { name: "Set password" }).click();
  await expect(home.getByText("Use at least 12 characters.", { exact: false })).toBeVisible();
  await expect(home.getByLabel("Your email")).toHaveValue(email);

  await home.getByLabel("Code from your clinic").fill(code);
  await home.getByLabel("Choose a password").fill("olivia stretches daily");
  await home.getByLabel("Type the password again").fill("olivia stretches daily");
  await home.getByRole("button", { name: "Set password" }).click();
  await expect(home.getByText("Your password is set.")).toBeVisible();

  await signIn(home, email, "olivia stretches daily");
  await expect(home).toHaveURL(/\/my$/);
  await expect(home.getByRole("heading", { name: "Hello, Olivia" })).toBeVisible();
  await expectAccessible(home);

  // Password change ends the session; the new password works, the old one does not.
  await home.getByRole("link", { name: "Account" }).click();
  await expectAccessible(home);
  await home.getByLabel("Current password").fill("olivia stretches daily");
  await home.getByLabel("New password", { exact: true }).fill("olivia walks every morning");
  await home.getByLabel("Type the new password again").fill("olivia walks every morning");
  await home.getByRole("button", { name: "Change password" }).click();
  await expect(home.getByText("Your password was changed.")).toBeVisible();
  await signIn(home, email, "olivia walks every morning");
  await signOut(home);
  await home.goto("/my");
  await expect(home).toHaveURL(/\/login/);
  await home.close();

  // The therapist sees that the patient now has portal access.
  await page.goto("/patients");
  await expect(page.getByRole("row", { name: new RegExp(family) })).toContainText("Active");
});
