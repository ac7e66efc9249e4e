import {
  type APIRequestContext,
  type APIResponse,
  expect,
  request as playwrightRequest,
  test,
} from "@playwright/test";
import { ACCESS_TABLE, type AccessRole, type Outcome, ROLES } from "../lib/security/access-table";
import { securityHeaderProblems } from "./support/security-headers";
import { createDisabledStaffSession, sessionRequestContexts } from "./support/sessions";

/**
 * Issue #7, the HTTP half of the authorization matrix: every page and route handler row of
 * lib/security/access-table.ts, requested as every role against the production build, compared
 * with the table; and every response checked for the security headers and the CSP nonce.
 *
 * The subject of every row is the Demo Clinic's patient Maria Lopez: her record's ids (patient,
 * assessment, program, template, flag) are discovered as the therapist from the pages themselves.
 */

/** Maria's family name: it must not appear where the viewer may not see her. */
const MARIA = "Lopez";

type Ids = Record<"patientId" | "rootId" | "programId" | "templateId" | "flagId", string>;

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

async function html(context: APIRequestContext, url: string) {
  const response = await context.get(url);
  expect(response.status(), `GET ${url} as the therapist`).toBe(200);
  return response.text();
}

function firstMatch(text: string, pattern: RegExp, what: string): string {
  const found = text.match(pattern)?.[1];
  expect(found, what).toBeTruthy();
  return found as string;
}

/** Maria's record ids, from the therapist's caseload, her page, the templates and the flags. */
async function discoverIds(therapist: APIRequestContext): Promise<Ids> {
  const caseload = await html(therapist, "/patients?q=Maria");
  const patientId = firstMatch(
    caseload,
    new RegExp(`href="/patients/(${UUID})"`),
    "Maria's id in the caseload",
  );
  const record = await html(therapist, `/patients/${patientId}`);
  expect(record, "Maria's page").toContain(MARIA);
  const rootId = firstMatch(
    record,
    new RegExp(`href="/patients/${patientId}/assessments/(${UUID})"`),
    "an assessment of Maria's",
  );
  const programId = firstMatch(
    record,
    new RegExp(`href="/patients/${patientId}/programs/(${UUID})/edit"`),
    "a program of Maria's",
  );
  const flagId = firstMatch(
    record,
    new RegExp(`href="/patients/${patientId}/flags/(${UUID})/packet.pdf"`),
    "an open flag of Maria's (her Botox referral)",
  );
  const templates = await html(therapist, "/templates");
  const templateId = firstMatch(
    templates,
    new RegExp(`href="/templates/(${UUID})"`),
    "a Demo Clinic template",
  );
  const flags = await html(therapist, "/flags");
  expect(flags, "Maria's flag on the clinic's flag list").toContain(`/patients/${patientId}#flags`);
  return { patientId, rootId, programId, templateId, flagId };
}

interface Probe {
  method: "GET" | "POST";
  url: string;
}

/** The URL a row is requested at. `[...nextauth]`: harmless next-auth endpoints. */
function probeFor(kind: "page" | "route", key: string, ids: Ids): Probe {
  const [method, pattern] =
    kind === "page" ? (["GET", key] as const) : (key.split(" ") as ["GET" | "POST", string]);
  let url = pattern.replace(/\[(\w+)\]/g, (_, name: keyof Ids) => {
    const id = ids[name];
    if (!id) throw new Error(`${key}: no value for [${name}]`);
    return id;
  });
  // GET: the session (null or the caller's own); POST: a session refresh with next-auth's CSRF
  // token (the session callbacks ignore the data a client sends, so it changes nothing).
  if (url.includes("[...nextauth]")) url = url.replace("[...nextauth]", "session");
  return { method, url };
}

const START_PAGES = ["/", "/my", "/patients"];

/** What an HTTP answer means in the table's terms (or a description of why it means nothing). */
function outcomeOf(response: APIResponse, baseURL: string): Outcome | string {
  const status = response.status();
  if (status === 200) return "ok";
  if (status === 404) return "404";
  // Route handlers answer a session that is no longer valid with 401 (no redirect for a download).
  if (status === 401) return "login";
  if (status >= 300 && status < 400) {
    const location = response.headers().location ?? "";
    const path = new URL(location, baseURL).pathname;
    if (path === "/login") return "login";
    if (START_PAGES.includes(path)) return "home";
    return `a redirect to ${location}`;
  }
  return `HTTP ${status}`;
}

/** Whether `actual` is what the table expects. "public": anything but a server error. */
function matches(expected: Outcome, actual: Outcome | string, status: number) {
  if (expected === "public") return status < 500;
  return expected === actual;
}

test("every role gets exactly what the access table says, over HTTP, with the security headers", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const base = baseURL as string;
  const { contexts, dispose } = await sessionRequestContexts(browser, base);
  try {
    // The disabled user first: a Demo Clinic therapist of this test's own, signed in, then
    // disabled by the admin. Its old session is what the matrix requests with.
    contexts.disabled = await createDisabledStaffSession(browser, base, `matrix-${Date.now()}`);

    const ids = await discoverIds(contexts.therapist as APIRequestContext);
    const rows = ACCESS_TABLE.filter((row) => row.kind !== "action");
    expect(rows.length).toBeGreaterThan(30);

    const mismatches: string[] = [];
    const leaks: string[] = [];
    const headerProblems: string[] = [];
    for (const role of ROLES) {
      const context = contexts[role] as APIRequestContext;
      for (const row of rows) {
        const { method, url } = probeFor(row.kind as "page" | "route", row.key, ids);
        const expected = row.expected[role];
        const what = `${role} ${row.kind === "page" ? "GET " : ""}${row.key}`;
        let response: APIResponse;
        let body: string;
        if (method === "POST") {
          // A throwaway copy of the session: whatever the POST does to cookies stays there.
          const copy = await contextLike(context, base);
          const { csrfToken } = await (await copy.get("/api/auth/csrf")).json();
          response = await copy.post(url, { maxRedirects: 0, form: { csrfToken } });
          body = await response.text();
          await copy.dispose();
        } else {
          response = await context.get(url, { maxRedirects: 0 });
          body = await response.text();
        }
        const actual = outcomeOf(response, base);
        if (!matches(expected, actual, response.status()))
          mismatches.push(
            `${what}: expected ${expected}, got ${actual} (HTTP ${response.status()})`,
          );

        if (body.includes(MARIA) && !mayShowMaria(role, row.key, actual)) {
          leaks.push(`${what}: ${actual} (HTTP ${response.status()}) shows Maria Lopez`);
        }
        for (const problem of securityHeaderProblems(response, body, {
          signedIn: role !== "anonymous",
        }))
          headerProblems.push(`${what} (HTTP ${response.status()}): ${problem}`);
      }
    }
    expect.soft(mismatches, "outcomes that differ from lib/security/access-table.ts").toEqual([]);
    expect
      .soft(leaks, "responses that show Maria Lopez to someone who may not see her")
      .toEqual([]);
    expect.soft(headerProblems, "responses without the security headers").toEqual([]);
  } finally {
    for (const context of Object.values(contexts)) await context?.dispose();
    await dispose();
  }
});

/** A new request context with the same cookies. */
async function contextLike(context: APIRequestContext, baseURL: string) {
  return playwrightRequest.newContext({ baseURL, storageState: await context.storageState() });
}

/**
 * Maria may appear only to those who may see her record (herself, her clinic's staff) on what they
 * were allowed to open, and on the login page's list of demo accounts ("Patient (Maria Lopez)",
 * shown only while the demo data is present: no record, just who to sign in as).
 */
function mayShowMaria(role: AccessRole, key: string, actual: string) {
  if (key === "/login") return true;
  return actual === "ok" && ["patient", "therapist", "therapist2", "admin"].includes(role);
}

test("a malformed or unknown patient id is a plain 404", async ({ browser, baseURL }) => {
  const { contexts, dispose } = await sessionRequestContexts(browser, baseURL as string, [
    "therapist",
  ]);
  try {
    for (const id of [
      "not-a-uuid",
      "00000000-0000-4000-8000-000000000000",
      "'; drop table patients; --",
    ]) {
      for (const url of [
        `/patients/${encodeURIComponent(id)}`,
        `/api/patients/${encodeURIComponent(id)}/fhir`,
        `/patients/${encodeURIComponent(id)}/flags/${encodeURIComponent(id)}/packet.pdf`,
      ]) {
        const response = await (contexts.therapist as APIRequestContext).get(url);
        expect(response.status(), url).toBe(404);
      }
    }
  } finally {
    for (const context of Object.values(contexts)) await context?.dispose();
    await dispose();
  }
});
