import { expect, type Page, test } from "@playwright/test";
import { ACCOUNTS, expectAccessible, signIn } from "./support/accounts";
import { stillDemoSeedDay } from "./support/demo-day";

/** James Carter (patient2) is the demo's lapsing patient: no log in the last 8+ days. */
async function jamesPage(page: Page) {
  await signIn(page, ACCOUNTS.therapist);
  await page.getByRole("link", { name: "Carter, James" }).click();
  await expect(page.getByRole("heading", { name: "James Carter" })).toBeVisible();
}

test("the patient logs; the therapist sees the log and the adherence the formula gives", async ({
  page,
  browser,
}) => {
  const therapist = page;
  await jamesPage(therapist);
  await expect(therapist.getByTestId("adherence-7")).toContainText("0 %");

  const home = await (await browser.newContext()).newPage();
  await signIn(home, ACCOUNTS.patient2);
  await home.getByRole("link", { name: "Daily log" }).click();
  await expect(home.getByRole("heading", { name: /Daily log/ })).toBeVisible();
  await expectAccessible(home);

  // Yesterday and the day before: everything as prescribed, in one click each.
  const prescribed: number[] = [];
  for (const day of ["Yesterday", 2] as const) {
    if (day === "Yesterday") await home.getByRole("link", { name: "Yesterday" }).click();
    else
      await home
        .getByRole("navigation", { name: "Choose the day" })
        .getByRole("link")
        .nth(2)
        .click();
    const groups = home
      .getByRole("group")
      .filter({ has: home.getByRole("radio", { name: /all/ }) });
    const count = await groups.count();
    expect(count).toBeGreaterThan(0);
    // Every one of James's exercises is daily (no "days a week" in the dosage): P = sessions a day × days.
    for (let i = 0; i < count; i++) {
      await expect(groups.nth(i)).not.toContainText("days a week");
      prescribed.push((await groups.nth(i).getByRole("radio").count()) - 1);
    }
    await home.getByRole("button", { name: /I did everything as prescribed/ }).click();
    await expect(home.getByTestId("log-saved")).toContainText("everything done as prescribed");
  }

  // Today: a report the therapist must see, and plain advice for the patient.
  await home.getByRole("link", { name: "Today" }).click();
  await home
    .getByRole("group", { name: "Stiffness (spasticity) today" })
    .getByText("7", { exact: true })
    .click();
  await home
    .getByRole("group", { name: "Spasms in the last 24 hours" })
    .getByText("More than one spasm an hour")
    .click();
  await home
    .getByRole("group", { name: "How strong were the spasms?" })
    .getByText("Moderate")
    .click();
  await home.getByLabel("Other infection or fever").check();
  await home.getByLabel("Anything else for your therapist?").fill("Feverish since last night");
  await home.getByRole("button", { name: "Save my log" }).click();
  await expect(home.getByTestId("log-saved")).toContainText("Your log is saved.");
  await expect(home.getByTestId("urgent-advice")).toContainText("not watched in real time");
  await expectAccessible(home);

  // Saving the same day again updates the one log.
  await home.getByRole("button", { name: "Save my log" }).click();
  await expect(home.getByTestId("log-saved")).toContainText("Your log is updated.");

  // CLINICAL §6 over the 7 days ending yesterday: two fully done days out of seven.
  const perDay = prescribed.slice(0, prescribed.length / 2).reduce((a, b) => a + b, 0);
  const expected = Math.floor(((2 * perDay) / (7 * perDay)) * 100 + 0.5);
  await therapist.reload();
  await expect(therapist.getByTestId("adherence-7")).toContainText(`${expected} %`);
  const logs = therapist.getByRole("region", { name: "Patient logs" });
  await expect(logs).toContainText("Needs attention");
  await expect(logs).toContainText("Other infection or fever");
  await expect(logs).toContainText("Feverish since last night");
  await expectAccessible(therapist);
});

test("bad input on the log is answered at the field and keeps what was typed", async ({ page }) => {
  await signIn(page, ACCOUNTS.patient);
  await page.goto("/my/log");
  await page.getByLabel("Glasses of water today").fill("99");
  await page.getByLabel("Anything else for your therapist?").fill("Legs heavy today");
  await page.getByRole("button", { name: "Save my log" }).click();
  await expect(page.getByText("That is more than 40 glasses: check the number.")).toBeVisible();
  await expect(page.getByLabel("Anything else for your therapist?")).toHaveValue(
    "Legs heavy today",
  );
  const tomorrow = await page.goto("/my/log?date=2999-01-01");
  expect(tomorrow?.status()).toBe(404);
});

test("the caseload shows 14-day adherence, days since the last log, and filters patients with no log in 7 days", async ({
  page,
}) => {
  await signIn(page, ACCOUNTS.therapist);
  await page.getByLabel("No log in 7 days").check();
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/nolog=1/);
  await expect(page.getByRole("link", { name: "Lopez, Maria" })).toHaveCount(0);
  await expectAccessible(page);
  await page.getByRole("link", { name: "Clear filters" }).click();
  const maria = page.getByRole("row", { name: /Lopez, Maria/ });
  await expect(maria).toContainText(/\d+ %/);
  await expect(maria).toContainText(/d ago|today/);
});

test("the patient's history shows adherence, streaks and the therapist's note", async ({
  page,
}) => {
  await signIn(page, ACCOUNTS.patient);
  await page.getByRole("link", { name: "My history" }).click();
  await expect(page.getByText("Great consistency — keep the calf holds long.")).toBeVisible();
  // Maria's logs run up to the seeding day's yesterday: her run of days is current until
  // midnight, and over after it (the day before yesterday is not yesterday).
  await expect(page.getByTestId("streaks")).toContainText(
    stillDemoSeedDay()
      ? /You have logged \d+ days? in a row\./
      : "Log today to start a new run of days.",
  );
  await expect(page.getByTestId("streaks")).toContainText(
    /Your longest run in this period: \d+ days?\./,
  );
  await expect(page.getByTestId("adherence-14")).toContainText("%");
  await expectAccessible(page);
});
