import { expect, type Page, test } from "@playwright/test";
import { ACCOUNTS, expectAccessible, signIn } from "./support/accounts";

/** A fresh patient of the test's own, so its history holds exactly what the test records. */
async function newPatient(page: Page, familyName: string) {
  await page.goto("/patients/new");
  await page.getByLabel("Given name").fill("Ashworth");
  await page.getByLabel("Family name").fill(familyName);
  await page.getByLabel("Date of birth").fill("1975-05-20");
  await page.getByLabel("Type of MS").selectOption("SPMS");
  await page.getByRole("button", { name: "Add patient" }).click();
  await expect(page.getByRole("heading", { name: `Ashworth ${familyName}` })).toBeVisible();
  return page.url().split("?")[0] as string;
}

test("a therapist records 1+ and 3 with the keyboard alone; heatmap, chart and latest grades show exactly 1+ and 3", async ({
  page,
}) => {
  await signIn(page, ACCOUNTS.therapist);
  const patientUrl = await newPatient(page, `Grades${Date.now()}`);
  await expect(page.getByText("No assessments recorded yet.")).toBeVisible();
  await page.getByRole("link", { name: "Record assessment" }).click();
  await expect(
    page.getByRole("heading", { name: "New Modified Ashworth assessment" }),
  ).toBeVisible();
  await expectAccessible(page);

  // Bad input first: nothing graded → a clear message at the grid, the typed note kept.
  await page.getByLabel("Notes").fill("Mild cold this week");
  await page.getByRole("button", { name: "Save assessment" }).click();
  await expect(page.getByText("Grade at least one muscle group", { exact: false })).toBeVisible();
  await expect(page.getByLabel("Notes")).toHaveValue("Mild cold this week");

  // Keyboard only: Tab moves left → right along a row, typing picks the grade.
  const hamstringsLeft = page.getByLabel("Hamstrings (knee flexors), left");
  await hamstringsLeft.focus();
  await page.keyboard.type("1+");
  await expect(hamstringsLeft).toHaveValue("1+");
  await expect(page.getByLabel("Grade meanings")).toContainText(
    "catch, then minimal resistance through less than half",
  );
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Hamstrings (knee flexors), right")).toBeFocused();
  const calfLeft = page.getByLabel("Calf (ankle plantarflexors), left");
  await calfLeft.focus();
  await page.keyboard.type("3");
  await expect(calfLeft).toHaveValue("3");
  await page.getByRole("button", { name: "Save assessment" }).focus();
  await page.keyboard.press("Enter");

  await expect(page.getByText("Assessment saved.")).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`^${patientUrl}`));

  const heatmap = page.getByRole("table", {
    name: /Modified Ashworth grades by muscle group and side/,
  });
  await expect(
    heatmap.getByRole("row", { name: /Hamstrings \(knee flexors\), left/ }).getByRole("cell"),
  ).toHaveText(["1+"]);
  await expect(
    heatmap.getByRole("row", { name: /Calf \(ankle plantarflexors\), left/ }).getByRole("cell"),
  ).toHaveText(["3"]);
  await expect(heatmap.getByRole("row")).toHaveCount(3); // header + the two graded keys

  const latest = page.getByRole("table", { name: /Latest grade per muscle group and side/ });
  await expect(
    latest.getByRole("row", { name: /Hamstrings \(knee flexors\), left/ }),
  ).toContainText("1+");
  await expect(
    latest.getByRole("row", { name: /Calf \(ankle plantarflexors\), left/ }),
  ).toContainText("3");

  // Trends: the calf (graded 3) is charted; the hamstrings (1+) on request.
  const hamstrings = page.getByRole("img", { name: /Hamstrings \(knee flexors\), left: 1\+ on/ });
  const calf = page.getByRole("img", { name: /Calf \(ankle plantarflexors\), left: 3 on/ });
  await expect(calf).toHaveCount(1);
  await expect(hamstrings).toHaveCount(0);
  await expectAccessible(page);
  await page.getByRole("link", { name: "Show all 2 trends" }).click();
  await expect(page).toHaveURL(/trends=all/);
  await expect(hamstrings).toHaveCount(1);
  await expect(calf).toHaveCount(1);
});

test("a correction supersedes the assessment; the original stays readable in the history", async ({
  page,
}) => {
  await signIn(page, ACCOUNTS.therapist);
  await newPatient(page, `Correct${Date.now()}`);
  await page.getByRole("link", { name: "Record assessment" }).click();
  await page.getByLabel("Calf (ankle plantarflexors), right").selectOption("3");
  await page.getByRole("button", { name: "Save assessment" }).click();
  await expect(page.getByText("Assessment saved.")).toBeVisible();

  await page.getByText(/All assessments \(1\)/).click();
  await page.getByRole("link", { name: /View record of/ }).click();
  await page.getByRole("link", { name: "Correct this assessment" }).click();
  await expect(page.getByLabel("Calf (ankle plantarflexors), right")).toHaveValue("3");
  await page.getByLabel("Calf (ankle plantarflexors), right").selectOption("");
  await page.getByLabel("Calf (ankle plantarflexors), left").selectOption("3");
  await page.getByRole("button", { name: "Save correction" }).click();
  await expect(page.getByText("Say why this assessment is corrected.")).toBeVisible();
  await expect(page.getByLabel("Calf (ankle plantarflexors), left")).toHaveValue("3");
  await page.getByLabel("Reason for the correction").fill("Recorded on the wrong side");
  await page.getByRole("button", { name: "Save correction" }).click();

  await expect(page.getByText("Correction saved.")).toBeVisible();
  const versions = page.getByRole("article");
  await expect(versions).toHaveCount(2);
  await expect(versions.first()).toContainText("Current");
  await expect(versions.first()).toContainText("Recorded on the wrong side");
  await expect(versions.first()).toContainText("Calf (ankle plantarflexors), left");
  await expect(versions.nth(1)).toContainText("Superseded");
  await expect(versions.nth(1)).toContainText("Calf (ankle plantarflexors), right");
  await expectAccessible(page);
});

test("the caseload shows each patient's highest latest grade and sorts by it", async ({ page }) => {
  await signIn(page, ACCOUNTS.therapist);
  await page.getByRole("link", { name: "Highest MAS" }).click();
  await expect(page).toHaveURL(/sort=grade/);
  const firstGrade = page.getByRole("row").nth(1).getByRole("cell").first();
  await expect(firstGrade).toContainText("4");
  await expectAccessible(page);
});

test("a therapist records and stops treatments; bad input is answered at the field", async ({
  page,
}) => {
  await signIn(page, ACCOUNTS.therapist);
  await newPatient(page, `Treat${Date.now()}`);
  await page.getByText("Add an oral drug").click();
  await page.getByLabel("Drug", { exact: true }).selectOption("baclofen");
  await page.getByRole("button", { name: "Record drug" }).click();
  await expect(page.getByText("Enter the dose", { exact: false })).toBeVisible();
  await page.getByLabel("Dose").fill("5 mg three times a day");
  await page.getByRole("button", { name: "Record drug" }).click();
  await expect(page.getByText("Oral treatment recorded.")).toBeVisible();
  await expect(page.getByText("5 mg three times a day", { exact: false })).toContainText("active");

  await page.getByText("Stop Baclofen").click();
  await page.getByLabel("Why").selectOption("side_effects");
  await page.getByRole("button", { name: "Record stop" }).click();
  await expect(page.getByText("5 mg three times a day", { exact: false })).toContainText(
    "side effects",
  );

  await page.getByText("Record an injection").click();
  await page.getByLabel("Muscle group").selectOption("ankle_plantarflexors");
  await page.getByLabel("Side").selectOption("left");
  await page.getByLabel("Units").fill("5000");
  await page.getByLabel("Product").fill("onabotulinumtoxinA");
  await page.getByRole("button", { name: "Record injection" }).click();
  await expect(page.getByText("That is more than 1,000 units", { exact: false })).toBeVisible();
  await expect(page.getByLabel("Product")).toHaveValue("onabotulinumtoxinA");
  await page.getByLabel("Units").fill("200");
  await page.getByRole("button", { name: "Record injection" }).click();
  await expect(
    page.getByText("Calf (ankle plantarflexors), left, 200 units of onabotulinumtoxinA"),
  ).toBeVisible();
  await expectAccessible(page);
});
