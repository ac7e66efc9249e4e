import { and, eq, gt, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, intrathecalPumps, oralTreatments, users } from "@/db/schema";
import { loadViewer } from "@/lib/auth/load-viewer";
import { totpFor } from "@/lib/auth/mfa-crypto";
import { confirmEnrolment, pendingEnrolment } from "@/lib/data/mfa";
import {
  type CallResult,
  callAction,
  dataChecksum,
  demoWorld,
  type Fields,
  loadActions,
  mockNextRequestContext,
  outcomeOf,
  runtime,
  validInput,
  type World,
} from "@/lib/testing/action-harness";
import { ACCESS_TABLE, type AccessRole } from "./access-table";

/**
 * Issue #7 item 8, the write half: every server action of lib/security/access-table.ts, called
 * directly (the harness: real wrapper, zod, data layer, database) with a valid input as a role
 * allowed to run it, records exactly ONE audit event for the write, with actor, action, patient,
 * entity, time, outcome and client address; the event commits or rolls back with the write (one
 * transaction); refused callers are audited as denied; the database refuses to change or remove
 * audit rows; the admin's audit log filters and is admin-only.
 *
 * Reads (one event per request per patient record) are proven over HTTP in e2e/audit.spec.ts.
 */

type Expected = {
  /** Who runs it: the role the table allows (the therapist for staff rows). */
  as: AccessRole;
  /** The audited action name (a pattern when it depends on the data, e.g. create vs update). */
  action: string | RegExp;
  entityType: string;
  /** Which patient the event names: the input's patientId, the created patient, or none. */
  patient: "input" | "created" | "none";
  /** The entity id: the actor themselves, a known value of the input, or any (non-null). */
  entityId?: "actor" | ((fields: Fields, w: World) => string);
};

/**
 * What each action row records. A row without an entry fails the test: a new action must say
 * what it audits. Public rows are covered separately below.
 */
const WRITES: Record<string, Expected> = {
  "app/actions.ts#signOutAction": {
    as: "therapist2",
    action: "auth.logout",
    entityType: "user",
    patient: "none",
    entityId: "actor",
  },
  "app/account/actions.ts#changePasswordAction": {
    as: "therapist2",
    action: "account.password_change",
    entityType: "user",
    patient: "none",
    entityId: "actor",
  },
  "app/(patient)/my/log/actions.ts#saveLogAction": {
    as: "patient",
    action: /^log\.(create|update)$/,
    entityType: "daily_log",
    patient: "input",
  },
  "app/(clinic)/patients/actions.ts#createPatientAction": {
    as: "therapist",
    action: "patient.create",
    entityType: "patient",
    patient: "created",
  },
  "app/(clinic)/patients/actions.ts#updatePatientAction": {
    as: "therapist",
    action: "patient.update",
    entityType: "patient",
    patient: "input",
    entityId: (f) => f.patientId as string,
  },
  "app/(clinic)/patients/actions.ts#issueInviteAction": {
    as: "therapist",
    action: "invite.issue",
    entityType: "patient",
    patient: "input",
    entityId: (f) => f.patientId as string,
  },
  "app/(clinic)/patients/actions.ts#archivePatientAction": {
    as: "therapist",
    action: /^patient\.(archive|restore)$/,
    entityType: "patient",
    patient: "input",
    entityId: (f) => f.patientId as string,
  },
  "app/(clinic)/patients/[patientId]/assessments/actions.ts#recordAssessmentAction": {
    as: "therapist",
    action: "assessment.create",
    entityType: "assessment",
    patient: "input",
  },
  "app/(clinic)/patients/[patientId]/assessments/actions.ts#amendAssessmentAction": {
    as: "therapist",
    action: "assessment.amend",
    entityType: "assessment",
    patient: "input",
  },
  "app/(clinic)/patients/[patientId]/treatments/actions.ts#addOralTreatmentAction": {
    as: "therapist",
    action: "treatment.oral.create",
    entityType: "oral_treatment",
    patient: "input",
  },
  "app/(clinic)/patients/[patientId]/treatments/actions.ts#stopOralTreatmentAction": {
    as: "therapist",
    action: "treatment.oral.stop",
    entityType: "oral_treatment",
    patient: "input",
    entityId: (f) => f.treatmentId as string,
  },
  "app/(clinic)/patients/[patientId]/treatments/actions.ts#addToxinInjectionAction": {
    as: "therapist",
    action: "treatment.toxin.create",
    entityType: "toxin_injection",
    patient: "input",
  },
  "app/(clinic)/patients/[patientId]/treatments/actions.ts#addPumpAction": {
    as: "therapist",
    action: "treatment.pump.create",
    entityType: "intrathecal_pump",
    patient: "input",
  },
  "app/(clinic)/patients/[patientId]/treatments/actions.ts#stopPumpAction": {
    as: "therapist",
    action: "treatment.pump.stop",
    entityType: "intrathecal_pump",
    patient: "input",
    entityId: (f) => f.pumpId as string,
  },
  "app/(clinic)/patients/[patientId]/programs/actions.ts#createProgramAction": {
    as: "therapist",
    action: "program.create",
    entityType: "program",
    patient: "input",
  },
  "app/(clinic)/patients/[patientId]/programs/actions.ts#addProgramVersionAction": {
    as: "therapist",
    action: "program.version",
    entityType: "program",
    patient: "input",
    entityId: (f) => f.programId as string,
  },
  "app/(clinic)/patients/[patientId]/programs/actions.ts#programCommandAction": {
    as: "therapist",
    action: /^program\.(pause|resume)$/,
    entityType: "program",
    patient: "input",
    entityId: (f) => f.programId as string,
  },
  "app/(clinic)/patients/[patientId]/logs/actions.ts#reviewLogsAction": {
    as: "therapist",
    action: "log.review",
    entityType: "log_review",
    patient: "input",
  },
  "app/(clinic)/patients/[patientId]/flags/actions.ts#flagAction": {
    as: "therapist",
    action: "flag.dismiss",
    entityType: "flag",
    patient: "input",
    entityId: (f) => f.flagId as string,
  },
  "app/(clinic)/templates/actions.ts#saveTemplateAction": {
    as: "therapist",
    action: "template.update",
    entityType: "template",
    patient: "none",
    entityId: (f) => f.templateId as string,
  },
  "app/(clinic)/exercises/actions.ts#createExerciseAction": {
    as: "therapist",
    action: "exercise.create",
    entityType: "exercise",
    patient: "none",
  },
  "app/(clinic)/admin/therapists/actions.ts#createStaffAction": {
    as: "admin",
    action: "staff.create",
    entityType: "user",
    patient: "none",
  },
  "app/account/mfa/actions.ts#confirmEnrolmentAction": {
    as: "patient2",
    action: "mfa.enrol",
    entityType: "user",
    patient: "none",
    entityId: "actor",
  },
  // The admin has two-step sign-in on by then (enrolled in the transaction test's setup).
  "app/account/mfa/actions.ts#regenerateRecoveryCodesAction": {
    as: "admin",
    action: "mfa.recovery_codes_regenerated",
    entityType: "user",
    patient: "none",
    entityId: "actor",
  },
  "app/account/mfa/actions.ts#disableMfaAction": {
    as: "admin",
    action: "mfa.disable",
    entityType: "user",
    patient: "none",
    entityId: "actor",
  },
  "app/account/mfa/actions.ts#signOutEnrolmentAction": {
    as: "therapist2",
    action: "auth.logout",
    entityType: "user",
    patient: "none",
    entityId: "actor",
  },
  "app/(clinic)/admin/clinic/actions.ts#clinicMfaSettingAction": {
    as: "admin",
    action: "clinic.require_staff_mfa",
    entityType: "clinic",
    patient: "none",
    entityId: (_f, w) => w.clinicId,
  },
  "app/(clinic)/admin/therapists/actions.ts#staffCommandAction": {
    as: "admin",
    action: "staff.unlock",
    entityType: "user",
    patient: "none",
    entityId: (_f, w) => w.therapist2.id,
  },
};

/**
 * The public rows. Their inputs (validInput) are bad: an unknown login, a code that does not
 * exist. loginAction: zod refuses the empty password before anything reaches the database, so
 * nothing is recorded (failed logins with a well-formed input are audited by verifyLogin, tested
 * below). redeemAction: a well-formed code that matches nothing is a failed redemption, recorded
 * as one "code.redeem" failure with the client address and no actor.
 */
const PUBLIC_ROWS = [
  "app/(auth)/login/actions.ts#loginAction",
  "app/(auth)/invite/actions.ts#redeemAction",
  // Its only input is a ticket signed at enrolment; the sign-in it makes is audited by
  // verifyLogin (lib/auth/mfa.test.ts). Here sign-in itself cannot run (no real request).
  "app/account/mfa/actions.ts#continueAfterEnrolmentAction",
];

const PROBE = "audit-completeness probe: audit insert refused";

let world: World;
let actions: Awaited<ReturnType<typeof loadActions>>;

beforeAll(async () => {
  mockNextRequestContext();
  world = await demoWorld(await getDb());
  actions = await loadActions();
}, 120_000);

afterAll(() => {
  runtime.session = null;
});

const lastEventId = async () => {
  const [row] = await world.db
    .select({ id: sql<number>`coalesce(max(${auditEvents.id}), 0)`.mapWith(Number) })
    .from(auditEvents);
  return row?.id ?? 0;
};
const eventsAfter = (id: number) =>
  world.db.select().from(auditEvents).where(gt(auditEvents.id, id)).orderBy(auditEvents.id);

const actionRows = ACCESS_TABLE.filter((r) => r.kind === "action");
const writeRows = actionRows.filter((r) => !PUBLIC_ROWS.includes(r.key));
const ok = (result: CallResult) => outcomeOf(result) === "ok";

describe("the expectations cover the access table", () => {
  it("every non-public action row has an audit expectation, and only those", () => {
    expect(writeRows.map((r) => r.key).sort()).toEqual(Object.keys(WRITES).sort());
    for (const row of writeRows) {
      const expected = WRITES[row.key] as Expected;
      expect(row.expected[expected.as], `${row.key} may be run as ${expected.as}`).toBe("ok");
    }
    expect(
      actionRows
        .filter((r) => r.expected.therapist === "public")
        .map((r) => r.key)
        .sort(),
    ).toEqual([...PUBLIC_ROWS].sort());
  });
});

// Runs first: with the audit insert failing, every write must fail and leave the data as it was.
// (Afterwards the same inputs succeed, below, which shows they were valid.)
describe("every write and its audit event share one transaction", () => {
  it("when the audit insert fails, every write fails with a handled error and changes nothing", async () => {
    const db = world.db;
    // The stop actions need something running to stop (the add actions, which would make it,
    // fail here by design): an oral treatment and a pump of Maria's, made directly.
    const today = new Date().toISOString().slice(0, 10);
    await db.insert(oralTreatments).values({
      clinicId: world.clinicId,
      patientId: world.maria.id,
      drug: "baclofen",
      dose: "10 mg twice a day",
      startedOn: today,
      recordedBy: world.therapist.id,
    });
    await db.insert(intrathecalPumps).values({
      clinicId: world.clinicId,
      patientId: world.maria.id,
      startedOn: today,
      recordedBy: world.therapist.id,
    });
    // Recovery codes and turning two-step sign-in off need an enrolled account: the admin's.
    const [admin] = await db.select().from(users).where(eq(users.email, "admin@demo.clinic"));
    if (!admin) throw new Error("no demo admin");
    const adminActor = { ...admin, userId: admin.id, ip: runtime.ip };
    const pending = await pendingEnrolment(adminActor);
    if (!pending) throw new Error("the demo admin is already enrolled");
    await confirmEnrolment(adminActor, totpFor(pending.secret).generate());
    await db.execute(
      sql.raw(`CREATE OR REPLACE FUNCTION audit_completeness_refuse() RETURNS trigger AS $$
        BEGIN RAISE EXCEPTION '${PROBE}'; END; $$ LANGUAGE plpgsql`),
    );
    await db.execute(
      sql.raw(`CREATE TRIGGER audit_completeness_refuse BEFORE INSERT ON audit_events
        FOR EACH ROW EXECUTE FUNCTION audit_completeness_refuse()`),
    );
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const problems: string[] = [];
    try {
      for (const row of writeRows) {
        const expected = WRITES[row.key] as Expected;
        runtime.session = await world.sessionOf(expected.as);
        const input = await validInput(world, row.key);
        const before = await dataChecksum(db);
        logged.mockClear();
        const result = await callAction(actions[row.key] as never, input);
        const handled =
          result.kind === "state" &&
          result.state.status === "error" &&
          /nothing was saved/.test(result.state.error ?? "");
        // The sign-out actions take no form (no form state): their failure reaches Next's error
        // page.
        const thrown = input === null && result.kind === "threw";
        if (!handled && !thrown)
          problems.push(
            `${row.key}: not a handled failure: ${JSON.stringify(result).slice(0, 200)}`,
          );
        const cause = thrown
          ? errorText((result as { error: Error }).error)
          : JSON.stringify(logged.mock.calls, (_k, v) => (v instanceof Error ? errorText(v) : v));
        if (!cause.includes(PROBE))
          problems.push(`${row.key}: failed, but not on the audit insert`);
        if ((await dataChecksum(db)) !== before) problems.push(`${row.key}: data changed`);
      }
    } finally {
      logged.mockRestore();
      await db.execute(sql.raw("DROP TRIGGER IF EXISTS audit_completeness_refuse ON audit_events"));
      await db.execute(sql.raw("DROP FUNCTION IF EXISTS audit_completeness_refuse()"));
    }
    expect(problems).toEqual([]);
  }, 120_000);
});

function errorText(error: Error): string {
  const parts: string[] = [];
  for (let e: unknown = error; e && parts.length < 5; e = (e as { cause?: unknown }).cause)
    parts.push(String((e as Error).message));
  return parts.join(" <- ");
}

describe("every write records exactly one audit event", () => {
  it("with actor, action, patient, entity, UTC time, outcome and client address", async () => {
    const problems: string[] = [];
    for (const row of writeRows) {
      const expected = WRITES[row.key] as Expected;
      const session = await world.sessionOf(expected.as);
      runtime.session = session;
      if (!session) throw new Error(`no session for ${expected.as}`);
      const input = (await validInput(world, row.key)) ?? {};
      const since = await lastEventId();
      const started = new Date(Date.now() - 1000);
      const result = await callAction(actions[row.key] as never, input);
      const finished = new Date(Date.now() + 1000);
      if (!ok(result)) {
        problems.push(`${row.key}: ${outcomeOf(result)}`);
        continue;
      }
      const all = await eventsAfter(since);
      // A clinical write may change the patient's escalation flags in the same transaction: that
      // is one more, derived event ("flags.recompute", by the same actor), not a second write.
      for (const derived of all.filter((e) => e.action === "flags.recompute"))
        if (
          derived.actorUserId !== session.userId ||
          derived.patientId !== input.patientId ||
          derived.ip !== runtime.ip
        )
          problems.push(`${row.key}: flags.recompute event not by the actor, from their address`);
      const events = all.filter((e) => e.action !== "flags.recompute");
      if (events.length !== 1) {
        problems.push(
          `${row.key}: ${events.length} events: ${events.map((e) => e.action).join(", ")}`,
        );
        continue;
      }
      const e = events[0] as (typeof events)[number];
      const what = (field: string, value: unknown) =>
        problems.push(`${row.key} (${e.action}): ${field} = ${JSON.stringify(value)}`);
      if (e.actorUserId !== session.userId) what("actorUserId", e.actorUserId);
      if (e.actorRole !== session.role) what("actorRole", e.actorRole);
      if (e.clinicId !== session.clinicId) what("clinicId", e.clinicId);
      if (
        typeof expected.action === "string"
          ? e.action !== expected.action
          : !expected.action.test(e.action)
      )
        what("action", e.action);
      if (e.entityType !== expected.entityType) what("entityType", e.entityType);
      if (!e.entityId) what("entityId", e.entityId);
      if (expected.entityId === "actor" && e.entityId !== session.userId)
        what("entityId", e.entityId);
      if (typeof expected.entityId === "function" && e.entityId !== expected.entityId(input, world))
        what("entityId", e.entityId);
      if (expected.patient === "input" && e.patientId !== input.patientId)
        what("patientId", e.patientId);
      if (expected.patient === "created" && (!e.patientId || e.patientId !== e.entityId))
        what("patientId", e.patientId);
      if (expected.patient === "none" && e.patientId !== null) what("patientId", e.patientId);
      if (!(e.at instanceof Date) || e.at < started || e.at > finished) what("at", e.at);
      if (e.outcome !== "success") what("outcome", e.outcome);
      if (e.ip !== runtime.ip) what("ip", e.ip);
    }
    expect(problems).toEqual([]);
  }, 180_000);

  it("`at` is stored as an absolute instant and reads back in UTC whatever the session time zone", async () => {
    const [row] = await world.db
      .select({ id: auditEvents.id, at: auditEvents.at })
      .from(auditEvents)
      .orderBy(sql`${auditEvents.id} desc`)
      .limit(1);
    const [type] = (await world.db
      .execute(
        sql`select data_type from information_schema.columns where table_name = 'audit_events' and column_name = 'at'`,
      )
      .then((r) => (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows))) as {
      data_type: string;
    }[];
    expect(type?.data_type).toBe("timestamp with time zone");
    expect(row?.at.toISOString()).toMatch(/Z$/);
  });

  it("public actions: a bad login input records nothing; a failed code redemption records one failure", async () => {
    runtime.session = null;
    const problems: string[] = [];
    const login = "app/(auth)/login/actions.ts#loginAction";
    let since = await lastEventId();
    await callAction(actions[login] as never, await validInput(world, login));
    const loginEvents = await eventsAfter(since);
    if (loginEvents.length !== 0) problems.push(`loginAction: ${loginEvents.length} events`);

    const redeem = "app/(auth)/invite/actions.ts#redeemAction";
    since = await lastEventId();
    const result = await callAction(actions[redeem] as never, {
      ...(await validInput(world, redeem)),
      code: "ABCD-EFGH-JKLM",
    });
    if (result.kind !== "state" || result.state.status !== "error")
      problems.push(`redeemAction: ${JSON.stringify(result)}`);
    const redeemEvents = await eventsAfter(since);
    expect(
      redeemEvents.map((e) => ({
        action: e.action,
        outcome: e.outcome,
        ip: e.ip,
        actor: e.actorUserId,
      })),
      "a failed redemption is audited once, with the client address",
    ).toEqual([{ action: "code.redeem", outcome: "failure", ip: runtime.ip, actor: null }]);
    expect(problems).toEqual([]);
  });
});

describe("refused callers are audited", () => {
  it("a page refused to the caller's role: not found, and one denied event with actor and address", async () => {
    const { requireViewer, STAFF } = await import("@/lib/auth/viewer");
    const session = await world.sessionOf("patient");
    runtime.session = session;
    const since = await lastEventId();
    const refusal = await requireViewer(STAFF).then(
      () => "allowed",
      (error: { digest?: string }) => error.digest,
    );
    expect(refusal).toBe("NEXT_HTTP_ERROR_FALLBACK;404");
    const events = await eventsAfter(since);
    expect(
      events.map((e) => ({ action: e.action, outcome: e.outcome, actor: e.actorUserId, ip: e.ip })),
    ).toEqual([{ action: "page.view", outcome: "denied", actor: session?.userId, ip: runtime.ip }]);
  });

  it("another clinic's therapist and the patients, on staff actions: one denied event each, with actor and address", async () => {
    const problems: string[] = [];
    const refusals: [string, AccessRole][] = [];
    for (const row of writeRows)
      for (const role of ["otherClinic", "patient", "patient2", "therapist"] as const)
        if (row.expected[role] === "404") refusals.push([row.key, role]);
    expect(refusals.length).toBeGreaterThan(40);
    for (const [key, role] of refusals) {
      const session = await world.sessionOf(role);
      runtime.session = session;
      if (!session) throw new Error(`no session for ${role}`);
      const input = await validInput(world, key);
      const since = await lastEventId();
      const before = await dataChecksum(world.db);
      const result = await callAction(actions[key] as never, input);
      if (outcomeOf(result) !== "404") {
        problems.push(`${key} as ${role}: ${outcomeOf(result)}`);
        continue;
      }
      if ((await dataChecksum(world.db)) !== before)
        problems.push(`${key} as ${role}: data changed`);
      const events = await eventsAfter(since);
      if (events.length !== 1) {
        problems.push(
          `${key} as ${role}: ${events.length} events (${events.map((e) => `${e.action}/${e.outcome}`).join(", ")})`,
        );
        continue;
      }
      const e = events[0] as (typeof events)[number];
      if (e.outcome !== "denied") problems.push(`${key} as ${role}: outcome ${e.outcome}`);
      if (e.actorUserId !== session.userId || e.actorRole !== session.role)
        problems.push(`${key} as ${role}: actor ${e.actorUserId}/${e.actorRole}`);
      if (e.clinicId !== session.clinicId) problems.push(`${key} as ${role}: clinic ${e.clinicId}`);
      if (e.ip !== runtime.ip) problems.push(`${key} as ${role}: ip ${e.ip}`);
      if (!e.action) problems.push(`${key} as ${role}: no action`);
    }
    expect(problems).toEqual([]);
  }, 180_000);

  it("a failed login (well-formed, wrong password) is audited as a failure with the address", async () => {
    const { verifyLogin } = await import("@/lib/auth/login");
    const since = await lastEventId();
    const result = await verifyLogin(world.db, {
      email: world.emails.therapist,
      password: "certainly not the password",
      ip: "198.51.100.9",
    });
    expect(result).toBeNull();
    const events = await eventsAfter(since);
    expect(events.filter((e) => e.outcome === "failure")).toHaveLength(1);
    expect(events.find((e) => e.outcome === "failure")).toMatchObject({ ip: "198.51.100.9" });
  });
});

describe("audit rows are append-only in the database", () => {
  it("UPDATE, DELETE and TRUNCATE of audit_events are refused, whoever asks", async () => {
    const db = world.db;
    const id = await lastEventId();
    expect(id).toBeGreaterThan(0);
    const [before] = await db.select().from(auditEvents).where(eq(auditEvents.id, id));
    const refused = async (statement: Promise<unknown>) => {
      const error = await statement.then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, "the statement must fail").not.toBeNull();
      expect(errorText(error as Error)).toMatch(/append-only/);
    };
    await refused(db.update(auditEvents).set({ outcome: "denied" }).where(eq(auditEvents.id, id)));
    await refused(db.update(auditEvents).set({ ip: null }));
    await refused(db.delete(auditEvents).where(eq(auditEvents.id, id)));
    await refused(db.delete(auditEvents));
    await refused(db.execute(sql.raw("TRUNCATE audit_events")));
    // Not even inside a transaction the app opens.
    await refused(
      db.transaction(async (tx) => {
        await tx.delete(auditEvents).where(eq(auditEvents.id, id));
      }),
    );
    const [after] = await db.select().from(auditEvents).where(eq(auditEvents.id, id));
    expect(after).toEqual(before);
  });
});

describe("the admin's audit log", () => {
  it("lists the clinic's events only, filters by patient, actor, action, outcome and date, and is admin-only", async () => {
    const { listAuditEvents } = await import("@/lib/data/audit-log");
    const { NotFoundError } = await import("@/lib/data/errors");
    const viewerOf = async (role: AccessRole) => {
      const claims = await world.sessionOf(role);
      if (!claims) throw new Error(role);
      const viewer = await loadViewer(world.db, claims, "192.0.2.44");
      if (!viewer) throw new Error(`no viewer for ${role}`);
      return viewer;
    };
    const admin = await viewerOf("admin");
    const therapist = await viewerOf("therapist");

    const all = await listAuditEvents(admin, {});
    expect(all.length).toBeGreaterThan(0);
    const clinicOf = await world.db
      .select({ id: auditEvents.id, clinicId: auditEvents.clinicId })
      .from(auditEvents);
    const clinicById = new Map(clinicOf.map((r) => [r.id, r.clinicId]));
    for (const r of all) expect(clinicById.get(r.id)).toBe(world.clinicId);
    // Newest first, time in UTC.
    expect(all.map((r) => r.id)).toEqual([...all.map((r) => r.id)].sort((a, b) => b - a));
    for (const r of all) expect(r.at).toMatch(/Z$/);
    // No other clinic's event shows, although the other clinic has some.
    const [foreign] = await world.db
      .select({ id: auditEvents.id })
      .from(auditEvents)
      .where(and(sql`${auditEvents.clinicId} <> ${world.clinicId}`))
      .limit(1);
    expect(foreign, "the other clinic has events (its denied attempts)").toBeTruthy();

    const byPatient = await listAuditEvents(admin, { patientId: world.maria.id });
    expect(byPatient.length).toBeGreaterThan(0);
    for (const r of byPatient) expect(r.patientId).toBe(world.maria.id);
    expect(byPatient[0]?.patientName).toBe(`${world.maria.givenName} ${world.maria.familyName}`);

    const byActor = await listAuditEvents(admin, { actorId: world.therapist.id });
    expect(byActor.length).toBeGreaterThan(0);
    for (const r of byActor) expect(r.actorId).toBe(world.therapist.id);

    const byAction = await listAuditEvents(admin, { action: "assessment." });
    expect(byAction.length).toBeGreaterThan(0);
    for (const r of byAction) expect(r.action).toMatch(/^assessment\./);

    const denied = await listAuditEvents(admin, { outcome: "denied" });
    expect(denied.length).toBeGreaterThan(0);
    for (const r of denied) expect(r.outcome).toBe("denied");

    const today = new Date().toISOString().slice(0, 10);
    const byDate = await listAuditEvents(admin, { from: today, to: today });
    expect(byDate.length).toBeGreaterThan(0);
    for (const r of byDate) expect(r.at.slice(0, 10)).toBe(today);
    expect(await listAuditEvents(admin, { to: "2000-01-01" })).toEqual([]);
    expect(await listAuditEvents(admin, { from: "2999-01-01" })).toEqual([]);

    const combined = await listAuditEvents(admin, {
      patientId: world.maria.id,
      actorId: world.therapist.id,
      action: "assessment.",
    });
    for (const r of combined)
      expect([r.patientId, r.actorId, r.action.split(".")[0]]).toEqual([
        world.maria.id,
        world.therapist.id,
        "assessment",
      ]);

    // Reading the log is itself audited.
    const since = await lastEventId();
    await listAuditEvents(admin, { action: "flag." });
    const read = await eventsAfter(since);
    expect(read.map((e) => [e.action, e.actorUserId, e.ip])).toEqual([
      ["audit.read", admin.userId, "192.0.2.44"],
    ]);

    // Therapists may not read it: not found, and the refusal is audited.
    const before = await lastEventId();
    await expect(listAuditEvents(therapist, {})).rejects.toBeInstanceOf(NotFoundError);
    const refusal = await eventsAfter(before);
    expect(refusal.map((e) => [e.action, e.outcome, e.actorUserId])).toEqual([
      ["audit.read", "denied", therapist.userId],
    ]);
  });
});
