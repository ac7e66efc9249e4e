import {
  type APIRequestContext,
  type Browser,
  expect,
  request as playwrightRequest,
} from "@playwright/test";
import type { AccessRole } from "../../lib/security/access-table";
import { ACCOUNTS, readShownCode, signIn } from "./accounts";

/** The demo account of each signed-in role of lib/security/access-table.ts (not `disabled`). */
export const ROLE_ACCOUNTS = {
  patient: ACCOUNTS.patient,
  patient2: ACCOUNTS.patient2,
  therapist: ACCOUNTS.therapist,
  therapist2: ACCOUNTS.therapist2,
  otherClinic: ACCOUNTS.otherTherapist,
  admin: ACCOUNTS.admin,
} as const;

type SignedInRole = keyof typeof ROLE_ACCOUNTS;

/**
 * Request contexts (no page rendering) holding a real session for each role: each signs in through
 * the login form in a fresh browser context whose cookies are then handed to the request context.
 * `anonymous` has no cookies. Dispose every context when done.
 */
export async function sessionRequestContexts(
  browser: Browser,
  baseURL: string,
  roles: readonly SignedInRole[] = Object.keys(ROLE_ACCOUNTS) as SignedInRole[],
): Promise<{
  contexts: Partial<Record<AccessRole, APIRequestContext>>;
  dispose: () => Promise<void>;
}> {
  const contexts: Partial<Record<AccessRole, APIRequestContext>> = {
    anonymous: await playwrightRequest.newContext({ baseURL }),
  };
  for (const role of roles)
    contexts[role] = await signedInRequestContext(browser, baseURL, ROLE_ACCOUNTS[role]);
  return {
    contexts,
    dispose: async () => {
      for (const context of Object.values(contexts)) await context?.dispose();
    },
  };
}

/** Signs in through the login form in a fresh browser context; returns a request context with its cookies. */
export async function signedInRequestContext(
  browser: Browser,
  baseURL: string,
  email: string,
  password?: string,
): Promise<APIRequestContext> {
  const context = await browser.newContext({ baseURL });
  try {
    const page = await context.newPage();
    await signIn(page, email, password);
    return await playwrightRequest.newContext({
      baseURL,
      storageState: await context.storageState(),
    });
  } finally {
    await context.close();
  }
}

/**
 * A Demo Clinic therapist of the caller's own, made through the UI: the admin creates the account,
 * the therapist redeems the one-time code at /invite and signs in (the session is kept), then the
 * admin disables the account. Returns a request context holding that old session.
 */
export async function createDisabledStaffSession(
  browser: Browser,
  baseURL: string,
  tag: string,
): Promise<APIRequestContext> {
  const name = `Disabled ${tag}`;
  const email = `${tag}@demo.clinic`;
  const password = "a password the admin will switch off";

  const adminContext = await browser.newContext({ baseURL });
  const staffContext = await browser.newContext({ baseURL });
  try {
    const admin = await adminContext.newPage();
    await signIn(admin, ACCOUNTS.admin);
    await admin.goto("/admin/therapists");
    await admin.getByLabel("Full name").fill(name);
    await admin.getByLabel("Email").fill(email);
    await admin.getByRole("button", { name: "Create account" }).click();
    const code = await readShownCode(admin, "one-time-code");

    const staff = await staffContext.newPage();
    await staff.goto("/invite");
    await staff.getByLabel("Code from your clinic").fill(code);
    await staff.getByLabel("Your email").fill(email);
    await staff.getByLabel("Choose a password").fill(password);
    await staff.getByLabel("Type the password again").fill(password);
    await staff.getByRole("button", { name: "Set password" }).click();
    await expect(staff.getByText("Your password is set.")).toBeVisible();
    await signIn(staff, email, password);
    const session = await playwrightRequest.newContext({
      baseURL,
      storageState: await staffContext.storageState(),
    });
    // The session works before the account is disabled (so what follows is the disabling's doing).
    expect((await session.get("/patients", { maxRedirects: 0 })).status()).toBe(200);

    await admin.reload();
    const row = admin.getByRole("row", { name: new RegExp(name) });
    await row.getByRole("button", { name: "Disable" }).click();
    await expect(row.getByTestId("form-message")).toContainText("Account disabled");
    await expect(row).toContainText("Disabled");
    return session;
  } finally {
    await staffContext.close();
    await adminContext.close();
  }
}
