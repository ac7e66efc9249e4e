import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "demo-spasticity-2026";

export const ACCOUNTS = {
  admin: "admin@demo.clinic",
  therapist: "therapist@demo.clinic",
  therapist2: "therapist2@demo.clinic",
  patient: "patient@demo.clinic",
  patient2: "patient2@demo.clinic",
  otherTherapist: "therapist@other.clinic",
} as const;

/** Sign in through the real login form and wait until the portal has taken us in. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByText("You have signed out.")).toBeVisible();
}

/** No serious or critical WCAG 2.x A/AA violations on the current page. */
export async function expectAccessible(page: Page) {
  // Next streams the <title> after the body: wait for it so axe sees the finished page.
  await expect(page).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(serious, `axe violations on ${page.url()}`).toEqual([]);
}

/** The one-time code shown after it was issued. */
export async function readShownCode(page: Page, testId: string) {
  const text = await page.getByTestId(testId).innerText();
  const code = text.match(/[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}/)?.[0];
  expect(code, "a one-time code is shown").toBeTruthy();
  return code as string;
}
