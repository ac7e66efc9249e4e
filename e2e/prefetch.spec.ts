import { expect, type Page, test } from "@playwright/test";
import { ACCOUNTS, signIn } from "./support/accounts";

// Next's <Link> prefetches every link that scrolls into view. On a dynamic route each prefetch is
// a request that signs the session in again and renders the layouts: a caseload page of 25
// patients cost 36 such requests per view, several times the page itself. Links repeated per row
// (patients, flags, assessments, days, sort and page links) do not prefetch; the few navigation
// links do, once (the client keeps them).

/** The paths of the React Server Component requests (`?_rsc=`) the page sends, from now on. */
function recordRscRequests(page: Page): string[] {
  const paths: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.searchParams.has("_rsc")) {
      url.searchParams.delete("_rsc");
      paths.push(`${url.pathname}${url.search}`);
    }
  });
  return paths;
}

const PATIENT_RECORD = /^\/patients\/[0-9a-f-]{36}/;

/** The patient links heading each row of the page's table. */
const rowLinks = (page: Page) =>
  page.getByRole("main").getByRole("table").getByRole("rowheader").getByRole("link");

test("the caseload and the flags list do not prefetch a request per patient row", async ({
  page,
}) => {
  await signIn(page, ACCOUNTS.therapist);
  const requested = recordRscRequests(page);
  for (const path of ["/patients", "/patients?sort=adherence", "/flags"]) {
    requested.length = 0;
    await page.goto(path);
    await expect(rowLinks(page).first()).toBeVisible();
    await page.waitForLoadState("networkidle");
    expect(
      requested.filter((p) => PATIENT_RECORD.test(p) || p.startsWith("/patients?")),
      path,
    ).toEqual([]);
    // What is prefetched is the main navigation, not the rows.
    const nav = await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link")
      .evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    for (const p of requested) expect(["/", "/account", ...nav], path).toContain(p);
  }

  // A row's link still navigates inside the app (no full page load).
  await page.goto("/patients");
  await page.evaluate(() => {
    (window as unknown as { keptAcrossNavigation: boolean }).keptAcrossNavigation = true;
  });
  const first = rowLinks(page).first();
  const [family, given] = ((await first.textContent()) ?? "").split(", ");
  await first.click();
  await expect(page.getByRole("heading", { name: `${given} ${family}` })).toBeVisible();
  expect(
    await page.evaluate(
      () => (window as unknown as { keptAcrossNavigation?: boolean }).keptAcrossNavigation,
    ),
  ).toBe(true);
});

test("a patient's daily log does not prefetch the week's days", async ({ page }) => {
  await signIn(page, ACCOUNTS.patient);
  // Record from the moment the log page's document replaces the landing page: the landing page's
  // own navigation prefetches /my/log too, and may still be doing so when the test moves on.
  await page.goto("/my/log", { waitUntil: "commit" });
  const requested = recordRscRequests(page);
  await expect(page.getByRole("navigation", { name: "Choose the day" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  // The other days' links (`?date=`) do not prefetch. Today's link is `/my/log`, the same as
  // the main navigation's "Daily log", which may prefetch it once, as every navigation link.
  expect(requested.filter((p) => p.startsWith("/my/log?"))).toEqual([]);
  expect(requested.filter((p) => p === "/my/log").length).toBeLessThanOrEqual(1);
});
