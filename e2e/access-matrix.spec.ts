import {
  type APIRequestContext,
  expect,
  request as playwrightRequest,
  test,
} from "@playwright/test";
import { ACCOUNTS, signIn } from "./support/accounts";

type Role = "anonymous" | keyof typeof ACCOUNTS;
type Outcome = 200 | 404 | "login";

// What each role gets for each page, over HTTP against the production build. "login" = redirected
// to the login page; 404 = the page answers Not Found (a record you may not see does not exist).
// `:maria` is a Demo Clinic patient (Maria Lopez, patient@demo.clinic's own record).
// biome-ignore format: the matrix reads best as a table
const PAGES = ["/patients", "/patients/new", "/patients/:maria", "/patients/:maria/assessments/new", "/patients/:maria/programs/new", "/admin/therapists", "/account", "/my"] as const;
// biome-ignore format: the matrix reads best as a table
const MATRIX: Record<Role, Outcome[]> = {
  //               caseload new     maria   maria/assess  maria/prog  accounts  account  my
  anonymous:      ["login","login","login","login",      "login",    "login",  "login", "login"],
  patient:        [404,    404,    404,    404,          404,        404,      200,     200],
  patient2:       [404,    404,    404,    404,          404,        404,      200,     200],
  therapist:      [200,    200,    200,    200,          200,        404,      200,     404],
  therapist2:     [200,    200,    200,    200,          200,        404,      200,     404],
  otherTherapist: [200,    200,    404,    404,          404,        404,      200,     404],
  admin:          [200,    200,    200,    200,          200,        200,      200,     404],
};

test("every role gets exactly the pages the table allows", async ({ browser, baseURL }) => {
  test.setTimeout(90_000);
  const contexts: Record<string, APIRequestContext> = {};
  contexts.anonymous = await playwrightRequest.newContext({ baseURL });
  for (const [role, email] of Object.entries(ACCOUNTS)) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, email);
    contexts[role] = await playwrightRequest.newContext({
      baseURL,
      storageState: await context.storageState(),
    });
    await context.close();
  }

  const caseload = await (contexts.therapist as APIRequestContext).get("/patients?q=Maria");
  const mariaId = (await caseload.text()).match(/href="\/patients\/([0-9a-f-]{36})"/)?.[1];
  expect(mariaId, "Maria's id from the caseload").toBeTruthy();

  const mismatches: string[] = [];
  for (const [role, row] of Object.entries(MATRIX)) {
    for (const [i, path] of PAGES.entries()) {
      const expected = row[i];
      const url = path.replace(":maria", mariaId as string);
      const response = await (contexts[role] as APIRequestContext).get(url, { maxRedirects: 0 });
      const location = response.headers().location ?? "";
      const actual: Outcome | number =
        response.status() >= 300 && response.status() < 400 && location.includes("/login")
          ? "login"
          : response.status();
      const body = actual === 200 ? await response.text() : "";
      if (actual !== expected)
        mismatches.push(`${role} GET ${path}: expected ${expected}, got ${actual}`);
      if (actual === 200 && role === "otherTherapist" && body.includes("Lopez"))
        mismatches.push(`${role} GET ${path}: leaked a Demo Clinic patient`);
    }
  }
  expect(mismatches).toEqual([]);
  for (const context of Object.values(contexts)) await context.dispose();
});

test("a malformed or unknown patient id is a plain 404", async ({ page }) => {
  await signIn(page, ACCOUNTS.therapist);
  for (const id of [
    "not-a-uuid",
    "00000000-0000-4000-8000-000000000000",
    "'; drop table patients; --",
  ]) {
    const response = await page.goto(`/patients/${encodeURIComponent(id)}`);
    expect(response?.status(), id).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  }
});
