import { type APIRequestContext, type Browser, expect, test } from "@playwright/test";
import postgres from "postgres";
import { ACCESS_TABLE } from "../lib/security/access-table";
import { ACCOUNTS, expectAccessible, signIn } from "./support/accounts";
import { signedInRequestContext } from "./support/sessions";

/**
 * Issue #7 item 8, the read half, over HTTP against the production build: every page and route of
 * lib/security/access-table.ts that shows one patient's data records exactly ONE read event per
 * request (actor, action, patient, entity, UTC time, outcome, client address), whatever number of
 * queries the page makes; the same request from another clinic's therapist is a 404 and exactly
 * one "denied" event; pages over many patients record one list event; and the admin reads and
 * filters the clinic's audit log in the browser.
 *
 * It reads the audit table directly, so it runs on PostgreSQL only (E2E_DATABASE_URL).
 */
test.skip(!process.env.E2E_DATABASE_URL, "PostgreSQL only: reads the audit table directly");

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

/** The rows that show one patient's record: the patient's pages, the exports, the packet, /my. */
const ONE_PATIENT = (key: string) =>
  /\/patients\/\[patientId\]/.test(key) || /^\/my(\/|$)/.test(key);

/** Rows over many patients, and the one event each request records. */
const MANY_PATIENTS: Record<string, { action: string; entityType: string }> = {
  "/patients": { action: "caseload.read", entityType: "caseload" },
  "/flags": { action: "flag.list", entityType: "flags" },
  "GET /api/flags.csv": { action: "flags.export_csv", entityType: "flags" },
};

type Ids = Record<"patientId" | "rootId" | "programId" | "flagId", string>;

interface AuditRow {
  id: string;
  at: Date;
  clinic_id: string | null;
  actor_user_id: string | null;
  actor_role: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  patient_id: string | null;
  outcome: string;
  ip: string | null;
}

function urlOf(key: string, ids: Ids) {
  const pattern = key.startsWith("GET ") ? key.slice(4) : key;
  return pattern.replace(/\[(\w+)\]/g, (_, name: keyof Ids) => {
    const id = ids[name];
    if (!id) throw new Error(`${key}: no value for [${name}]`);
    return id;
  });
}

async function text(context: APIRequestContext, url: string) {
  const response = await context.get(url);
  expect(response.status(), `GET ${url}`).toBe(200);
  return response.text();
}

function firstMatch(body: string, pattern: RegExp, what: string) {
  const found = body.match(pattern)?.[1];
  expect(found, what).toBeTruthy();
  return found as string;
}

/** Maria's ids, from her record page as the therapist. */
async function discoverIds(therapist: APIRequestContext, patientId: string): Promise<Ids> {
  const record = await text(therapist, `/patients/${patientId}`);
  return {
    patientId,
    rootId: firstMatch(
      record,
      new RegExp(`href="/patients/${patientId}/assessments/(${UUID})"`),
      "an assessment of Maria's",
    ),
    programId: firstMatch(
      record,
      new RegExp(`href="/patients/${patientId}/programs/(${UUID})/edit"`),
      "a program of Maria's",
    ),
    flagId: firstMatch(
      record,
      new RegExp(`href="/patients/${patientId}/flags/(${UUID})/packet.pdf"`),
      "an open flag of Maria's",
    ),
  };
}

test.describe("audit of reads, over HTTP", () => {
  let sql: postgres.Sql;
  test.beforeAll(() => {
    sql = postgres(process.env.E2E_DATABASE_URL as string, { max: 2, onnotice: () => {} });
  });
  test.afterAll(async () => {
    await sql.end({ timeout: 5 });
  });

  const userId = async (email: string) => {
    const [row] = await sql<{ id: string }[]>`select id from users where email = ${email}`;
    if (!row) throw new Error(`no user ${email}`);
    return row.id;
  };
  const lastId = async () => {
    const [row] = await sql<
      { id: string }[]
    >`select coalesce(max(id), 0)::text as id from audit_events`;
    return row?.id ?? "0";
  };
  /** The events `actorId` recorded after event `after` (events of the system or others excluded). */
  const eventsOf = (actorId: string, after: string) =>
    sql<AuditRow[]>`
      select id::text, at, clinic_id, actor_user_id, actor_role, action, entity_type, entity_id,
             patient_id, outcome::text, ip
      from audit_events where actor_user_id = ${actorId} and id > ${after} order by id`;

  /** GET `url` as `context`; the events its actor recorded meanwhile. */
  async function request(
    context: APIRequestContext,
    actorId: string,
    url: string,
  ): Promise<{ status: number; events: AuditRow[]; started: Date; finished: Date }> {
    const after = await lastId();
    const started = new Date(Date.now() - 1000);
    const response = await context.get(url, { maxRedirects: 0 });
    await response.body();
    // The response is complete once streamed, and every event is written before the stream ends.
    const finished = new Date(Date.now() + 1000);
    return { status: response.status(), events: await eventsOf(actorId, after), started, finished };
  }

  test("every page and export of one patient's record records one read per request; another clinic gets 404 and one denied event", async ({
    browser,
    baseURL,
  }) => {
    test.setTimeout(240_000);
    const base = baseURL as string;
    const [therapistId, patientUserId, otherId] = await Promise.all([
      userId(ACCOUNTS.therapist),
      userId(ACCOUNTS.patient),
      userId(ACCOUNTS.otherTherapist),
    ]);
    const [maria] = await sql<{ id: string; clinic_id: string }[]>`
      select id, clinic_id from patients where user_id = ${patientUserId}`;
    if (!maria) throw new Error("no Maria");

    const contexts = await signedIn(browser, base);
    try {
      const ids = await discoverIds(contexts.therapist, maria.id);
      const rows = ACCESS_TABLE.filter((r) => r.kind !== "action" && ONE_PATIENT(r.key));
      expect(rows.length).toBeGreaterThanOrEqual(15);

      const problems: string[] = [];
      for (const row of rows) {
        const url = urlOf(row.key, ids);
        const mine = row.key.startsWith("/my");
        const [context, actorId, role] = mine
          ? [contexts.patient, patientUserId, "patient"]
          : [contexts.therapist, therapistId, "therapist"];
        const { status, events, started, finished } = await request(context, actorId, url);
        if (status !== 200) {
          problems.push(`${row.key}: HTTP ${status}`);
          continue;
        }
        const reads = events.filter((e) => e.outcome === "success");
        if (events.length !== 1 || reads.length !== 1) {
          problems.push(
            `${row.key}: ${events.length} events (${events.map((e) => `${e.action}/${e.outcome}`).join(", ")}), expected one read`,
          );
          continue;
        }
        const e = reads[0] as AuditRow;
        const at = new Date(e.at);
        const checks: [boolean, string][] = [
          [e.actor_user_id === actorId && e.actor_role === role, `actor ${e.actor_role}`],
          [e.clinic_id === maria.clinic_id, "clinic"],
          [e.patient_id === maria.id, `patient ${e.patient_id}`],
          [/\.read$|\.export\./.test(e.action), `action ${e.action}`],
          [
            Boolean(e.entity_type) && Boolean(e.entity_id),
            `entity ${e.entity_type}/${e.entity_id}`,
          ],
          [at >= started && at <= finished, `time ${at.toISOString()} outside the request`],
          [Boolean(e.ip?.trim()), "no client address"],
        ];
        for (const [ok, what] of checks)
          if (!ok) problems.push(`${row.key} (${e.action}): ${what}`);
      }

      // Another clinic's therapist: the same staff rows answer 404, with one denied event each.
      for (const row of rows.filter((r) => !r.key.startsWith("/my"))) {
        const url = urlOf(row.key, ids);
        const { status, events } = await request(contexts.otherClinic, otherId, url);
        if (status !== 404) problems.push(`otherClinic ${row.key}: HTTP ${status}, expected 404`);
        const denied = events.filter((e) => e.outcome === "denied");
        if (events.length !== 1 || denied.length !== 1)
          problems.push(
            `otherClinic ${row.key}: ${events.length} events (${events.map((e) => `${e.action}/${e.outcome}`).join(", ")}), expected one denied`,
          );
        else if (!denied[0]?.ip || denied[0].actor_role !== "therapist")
          problems.push(`otherClinic ${row.key}: denied event without actor or address`);
      }
      expect(problems).toEqual([]);
    } finally {
      for (const context of Object.values(contexts)) await context.dispose();
    }
  });

  test("pages and exports over many patients record one list event per request", async ({
    browser,
    baseURL,
  }) => {
    const therapistId = await userId(ACCOUNTS.therapist);
    const context = await signedInRequestContext(browser, baseURL as string, ACCOUNTS.therapist);
    try {
      for (const [key, expected] of Object.entries(MANY_PATIENTS)) {
        expect(
          ACCESS_TABLE.some((r) => r.key === key),
          `${key} is in the access table`,
        ).toBe(true);
        const { status, events } = await request(context, therapistId, urlOf(key, {} as Ids));
        expect(status, key).toBe(200);
        expect(
          events.map((e) => ({ action: e.action, entity: e.entity_type, outcome: e.outcome })),
          key,
        ).toEqual([{ action: expected.action, entity: expected.entityType, outcome: "success" }]);
        expect(events[0]?.ip, `${key}: client address`).toBeTruthy();
      }
    } finally {
      await context.dispose();
    }
  });

  test("the admin reads and filters the clinic's audit log", async ({ browser, baseURL }) => {
    const [patientUserId] = [await userId(ACCOUNTS.patient)];
    const [maria] = await sql<
      { id: string }[]
    >`select id from patients where user_id = ${patientUserId}`;
    // A read of Maria's record to find in the log.
    const therapist = await signedInRequestContext(browser, baseURL as string, ACCOUNTS.therapist);
    await text(therapist, `/patients/${maria?.id}`);
    await therapist.dispose();

    const context = await browser.newContext({ baseURL });
    try {
      const page = await context.newPage();
      await signIn(page, ACCOUNTS.admin);
      await page.goto("/admin/audit");
      await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
      const table = page.getByRole("table", { name: "Audit events" });
      await expect(table).toBeVisible();
      await expectAccessible(page);

      // By action: only flag events.
      await page.getByLabel("Action starts with").fill("patient.read");
      await page.getByRole("button", { name: "Apply" }).click();
      await expect(page).toHaveURL(/action=patient\.read/);
      const actions = await table.locator("tbody tr td:nth-child(3)").allInnerTexts();
      expect(actions.length).toBeGreaterThan(0);
      for (const action of actions) expect(action).toMatch(/^patient\.read/);

      // By patient: follow Maria's name; every row names her.
      await table.getByRole("link", { name: "Maria Lopez" }).first().click();
      await expect(page).toHaveURL(new RegExp(`patient=${maria?.id}`));
      const patientsShown = await table.locator("tbody tr td:nth-child(5)").allInnerTexts();
      expect(patientsShown.length).toBeGreaterThan(0);
      for (const name of patientsShown) expect(name).toBe("Maria Lopez");

      // By outcome: the denied events only.
      await page.getByLabel("Outcome").selectOption("denied");
      await page.getByRole("button", { name: "Apply" }).click();
      await expect(page).toHaveURL(/outcome=denied/);
      await expectAccessible(page);
    } finally {
      await context.close();
    }
  });
});

async function signedIn(browser: Browser, base: string) {
  return {
    therapist: await signedInRequestContext(browser, base, ACCOUNTS.therapist),
    patient: await signedInRequestContext(browser, base, ACCOUNTS.patient),
    otherClinic: await signedInRequestContext(browser, base, ACCOUNTS.otherTherapist),
  };
}
