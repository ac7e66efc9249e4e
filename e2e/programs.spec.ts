import { expect, test } from "@playwright/test";
import { ACCOUNTS, expectAccessible, signIn } from "./support/accounts";

test("a therapist assigns a program from a template with changed dosage; the patient sees exactly that dosage", async ({
  page,
  browser,
}) => {
  const title = `Calf focus ${Date.now()}`;
  await signIn(page, ACCOUNTS.therapist);
  await page.getByRole("link", { name: "Carter, James" }).click();
  await page.getByRole("link", { name: "Assign program" }).click();
  await expect(page.getByRole("heading", { name: "Assign a program" })).toBeVisible();
  await page
    .getByLabel("Start from a template")
    .selectOption({ label: "Calf and hamstring focus" });
  await page.getByLabel("Title").fill(title);
  const first = page.getByRole("listitem", { name: /^1\. / });
  const firstName = ((await first.getAttribute("aria-label")) ?? "").replace(/^1\. /, "");

  // Out-of-bounds dosage first: a field error, nothing lost, nothing saved.
  await first.getByLabel("Hold (seconds)").fill("200");
  await first.getByLabel("Sessions a day").fill("9");
  await page.getByLabel("Duration (weeks)").fill("40");
  await page.getByRole("button", { name: "Assign program" }).click();
  await expect(first.getByText("Hold between 10 and 120 seconds.")).toBeVisible();
  await expect(first.getByText("Use 1 to 5 sessions a day.")).toBeVisible();
  await expect(page.getByText("A program lasts 1 to 26 weeks.")).toBeVisible();
  await expect(page.getByLabel("Title")).toHaveValue(title);
  await expectAccessible(page);

  await first.getByLabel("Hold (seconds)").fill("45");
  await first.getByLabel("Sessions a day").fill("3");
  await first.getByLabel("Side").selectOption("left");
  await page.getByLabel("Duration (weeks)").fill("8");
  await page.getByRole("button", { name: "Assign program" }).click();
  await expect(page.getByText("Program assigned.")).toBeVisible();
  const card = page.getByRole("article", { name: new RegExp(title) });
  await expect(card).toContainText(
    `${firstName}: Hold 45 seconds, 3 times, 3 times a day — left side only`,
  );
  await expectAccessible(page);

  // The patient page shows the last weeks' programs; every program is one link away.
  await page.getByRole("link", { name: "All programs, earlier ones included" }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: "Programs of James Carter" }),
  ).toBeVisible();
  await expect(page.getByRole("article", { name: new RegExp(title) })).toContainText(
    `${firstName}: Hold 45 seconds, 3 times, 3 times a day — left side only`,
  );
  await expectAccessible(page);

  const home = await (await browser.newContext()).newPage();
  await signIn(home, ACCOUNTS.patient2);
  await home.getByRole("link", { name: "My program" }).click();
  const item = home.getByRole("article").filter({ hasText: title }).filter({ hasText: firstName });
  await expect(item.getByTestId("dosage")).toHaveText(
    "Hold 45 seconds, 3 times, 3 times a day — left side only",
  );
  await expectAccessible(home);
});

test("the hold timer counts 3 repetitions of a 30-second hold (fake clock) and is accessible", async ({
  page,
}) => {
  await page.clock.install();
  await signIn(page, ACCOUNTS.patient);
  await page.goto("/my/program");
  const timer = page.getByRole("region", { name: /^Hold timer: / }).first();
  const holdSeconds = Number(await timer.getByTestId("hold-timer-seconds").innerText());
  expect(holdSeconds).toBeGreaterThanOrEqual(10);
  await expect(timer.getByTestId("hold-timer-status")).toHaveText("Repetition 1 of 3");

  await timer.getByRole("button", { name: "Start hold" }).click();
  await page.clock.runFor(holdSeconds * 500);
  await expect(timer.getByTestId("hold-timer-announcement")).toContainText("Halfway");
  await page.clock.runFor(holdSeconds * 500 + 500);
  await expect(timer.getByTestId("hold-timer-status")).toHaveText("Repetition 1 of 3 done");
  for (const n of [2, 3]) {
    await timer.getByRole("button", { name: `Start repetition ${n}` }).click();
    await page.clock.runFor(holdSeconds * 1000 + 500);
  }
  await expect(timer.getByTestId("hold-timer-status")).toHaveText("Done: 3 of 3 holds");
  await expect(timer.getByTestId("hold-timer-announcement")).toHaveText(
    "All 3 holds done. Well done.",
  );
  await expectAccessible(page);
});

test("the demo patient's handout prints on at most two pages", async ({ page }) => {
  await signIn(page, ACCOUNTS.patient);
  await page.goto("/my/program/print");
  await expect(
    page.getByRole("heading", { name: /Exercise program for Maria Lopez/ }),
  ).toBeVisible();
  await expectAccessible(page);
  for (const format of ["A4", "Letter"] as const) {
    const pdf = await page.pdf({ format, printBackground: false });
    const pages = pdf.toString("latin1").match(/\/Type\s*\/Page(?![s\w])/g) ?? [];
    expect(pages.length, `${format} pages`).toBeGreaterThan(0);
    expect(pages.length, `${format} pages`).toBeLessThanOrEqual(2);
  }
});
