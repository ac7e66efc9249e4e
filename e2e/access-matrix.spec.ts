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
const PAGES = [
  "/patients",
  "/patients/new",
  "/patients/:maria",
  "/admin/therapists",
  "/account",
  "/my",
] as const;
const MATRIX: Record<Role, Record<(typeof PAGES)[number], Outcome>> = {
  anonymous: {
    "/patients": "login",
    "/patients/new": "login",
    "/patients/:maria": "login",
    "/admin/therapists": "login",
    "/account": "login",
    "/my": "login",
  },
  patient: {
    "/patients": 404,
    "/patients/new": 404,
    "/patients/:maria": 404,
    "/admin/therapists": 404,
    "/account": 200,
    "/my": 200,
  },
  patient2: {
    "/patients": 404,
    "/patients/new": 404,
    "/patients/:maria": 404,
    "/admin/therapists": 404,
    "/account": 200,
    "/my": 200,
  },
  therapist: {
    "/patients": 200,
    "/patients/new": 200,
    "/patients/:maria": 200,
    "/admin/therapists": 404,
    "/account": 200,
    "/my": 404,
  },
  therapist2: {
    "/patients": 200,
    "/patients/new": 200,
    "/patients/:maria": 200,
    "/admin/therapists": 404,
    "/account": 200,
    "/my": 404,
  },
  otherTherapist: {
    "/patients": 200,
    "/patients/new": 200,
    "/patients/:maria": 404,
    "/admin/therapists": 404,
    "/account": 200,
    "/my": 404,
  },
  admin: {
    "/patients": 200,
    "/patients/new": 200,
    "/patients/:maria": 200,
    "/admin/therapists": 200,
    "/account": 200,
    "/my": 404,
  },
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
    for (const [path, expected] of Object.entries(row)) {
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
