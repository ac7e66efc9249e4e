import { expect, test } from "@playwright/test";
import { ACCOUNTS, expectAccessible, signIn } from "./support/accounts";

const KINDS = [
  "NEURO_REVIEW",
  "TRIGGER_REVIEW",
  "SURGICAL_REFERRAL",
  "BACLOFEN_REVIEW",
  "BOTOX_REFERRAL",
  "MAS4_REVIEW",
  "REASSESS_AFTER_BOTOX",
];

test("the demo clinic shows at least one open flag of each of the seven kinds, computed by the engine", async ({
  page,
}) => {
  await signIn(page, ACCOUNTS.therapist);
  await page.getByRole("link", { name: "Flags", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Flags" })).toBeVisible();
  await expectAccessible(page);
  for (const kind of KINDS) {
    await page.goto(`/flags?kind=${kind}&status=active`);
    await expect(page.getByRole("table", { name: "Flags" }).getByRole("row"), kind).not.toHaveCount(
      0,
    );
    expect(
      await page.getByRole("table", { name: "Flags" }).getByRole("row").count(),
      kind,
    ).toBeGreaterThan(1);
  }
});

test("MAS 3 in the left calf twice, 28 days apart, raises a Botox referral flag; the therapist refers; every step is audited", async ({
  page,
  browser,
}) => {
  const family = `Flag${Date.now()}`;
  await signIn(page, ACCOUNTS.therapist);
  await page.goto("/patients/new");
  await page.getByLabel("Given name").fill("Botox");
  await page.getByLabel("Family name").fill(family);
  await page.getByLabel("Date of birth").fill("1971-02-03");
  await page.getByLabel("Type of MS").selectOption("SPMS");
  await page.getByRole("button", { name: "Add patient" }).click();
  await expect(page.getByRole("heading", { name: `Botox ${family}` })).toBeVisible();
  const patientUrl = page.url().split("?")[0] as string;

  const today = await page
    .getByLabel("Date of birth")
    .evaluate((el) => (el as HTMLInputElement).max);
  const minus28 = new Date(`${today}T00:00:00Z`);
  minus28.setUTCDate(minus28.getUTCDate() - 28);
  for (const date of [minus28.toISOString().slice(0, 10), today]) {
    await page.goto(`${patientUrl}/assessments/new`);
    await page.getByLabel("Date assessed").fill(date);
    await page.getByLabel("Calf (ankle plantarflexors), left").selectOption("3");
    await page.getByRole("button", { name: "Save assessment" }).click();
    await expect(page.getByText("Assessment saved.")).toBeVisible();
  }

  const flag = page.getByRole("article", { name: "Consider botulinum toxin referral" });
  await expect(flag).toContainText("Calf (ankle plantarflexors), left");
  await expect(flag).toContainText("Open");
  // The tier's coloured stripe on the left (the tier is told in words too, "Referral · Open"),
  // distinct from the card's thin frame: the stripe was once painted over in the frame's grey.
  const [stripe, frame] = await flag.evaluate((el) => {
    const style = getComputedStyle(el);
    return [style.borderLeftColor, style.borderTopColor];
  });
  expect(stripe).not.toBe(frame);
  await expect(
    page
      .getByRole("table", { name: /Modified Ashworth grades/ })
      .getByRole("row", { name: /Calf \(ankle plantarflexors\), left/ }),
  ).toContainText("(flagged)");
  await expectAccessible(page);

  await page.goto("/patients");
  await expect(page.getByRole("row", { name: new RegExp(family) })).toContainText(
    "Consider botulinum toxin referral",
  );

  await page.goto(patientUrl);
  // Dismissing needs a reason.
  await flag.getByText("Dismiss", { exact: false }).first().click();
  await flag.getByRole("button", { name: "Dismiss flag" }).click();
  await expect(flag.getByText("Say why you dismiss this flag.")).toBeVisible();

  await flag.getByText("Mark referred").click();
  await flag.getByLabel("Referred to").fill("Spasticity clinic, St Mary's");
  await flag.getByLabel("Goal").selectOption("mobility_function");
  await flag.getByRole("button", { name: "Save referral" }).click();
  await expect(page.getByText("Referral recorded.")).toBeVisible();
  await expect(flag).toBeHidden();
  await page.getByText(/Flag history/).click();
  await expect(
    page.getByRole("article", { name: "Consider botulinum toxin referral" }),
  ).toContainText("Referred to Spasticity clinic, St Mary's");

  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, ACCOUNTS.admin);
  await admin.goto(`/admin/audit?patient=${patientUrl.split("/").pop()}`);
  const log = admin.getByRole("table", { name: "Audit events" });
  await expect(log.getByRole("row", { name: /assessment\.create/ })).toHaveCount(2);
  await expect(log.getByRole("row", { name: /flags\.recompute/ }).first()).toBeVisible();
  await expect(log.getByRole("row", { name: /flag\.refer/ })).toHaveCount(1);
  await expect(log.getByRole("row", { name: /patient\.create/ })).toHaveCount(1);
  await expectAccessible(admin);
});

test("a patient cannot see or act on flags", async ({ page }) => {
  await signIn(page, ACCOUNTS.patient);
  expect((await page.goto("/flags"))?.status()).toBe(404);
  await page.goto("/my");
  await expect(page.getByText("Consider botulinum toxin referral")).toHaveCount(0);
});
