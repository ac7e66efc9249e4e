import { randomUUID } from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, type MockInstance, vi } from "vitest";
import { z } from "zod";
import { getDb } from "@/db/client";
import { clinics, exercises, patients, programs, users } from "@/db/schema";
import { DEMO_PASSWORD } from "@/db/seed/demo-accounts";
import { loadViewer } from "@/lib/auth/load-viewer";
import { verifyEnrolledTicket, verifyLogin } from "@/lib/auth/login";
import type { Viewer } from "@/lib/auth/viewer-type";
import { todayIn } from "@/lib/clinical/dates";
import { DOSAGE_BOUNDS } from "@/lib/clinical/dosage";
import { MAS_GRADES, MUSCLE_GROUPS, POSITIONS } from "@/lib/clinical/mas";
import {
  type CallResult,
  callAction,
  DATA_TABLES,
  dataChecksum,
  demoWorld,
  type Fields,
  loadActions,
  mockNextRequestContext,
  rowCounts,
  runtime,
  validInput,
  type World,
} from "@/lib/testing/action-harness";
import { ACCESS_TABLE, type AccessRole, ROLES } from "./access-table";

/**
 * Property-based fuzzing of every server action (called directly, as every kind of caller) and
 * of every data-layer write (called with typed-but-hostile inputs), on PostgreSQL.
 *
 * Each input starts from a valid one (lib/testing/action-harness.ts#validInput, built from the
 * database's current state) and is mutated: fields dropped, replaced by arbitrary, huge, NUL-
 * carrying or unicode strings, numbers at and beyond the schemas' bounds, impossible dates,
 * arrays, other tenants' ids, random uuids, SQL-ish text, unknown extra fields.
 *
 * Invariants, for every single call:
 * - never an unhandled error: the action does not throw, does not answer the generic "something
 *   went wrong" (which means an input reached the database unvalidated) and logs nothing;
 * - a rejected call (error state, not found, sign in again) changes no row count;
 * - an accepted call never carries a record id of another clinic (or, for a patient, of another
 *   patient);
 * - the data layer, called directly, is atomic (a throw changes no row count), refuses other
 *   tenants' ids, and answers well-typed hostile ids with its own errors, not raw database ones.
 * At the end, a last batch of guaranteed-rejected inputs must leave the checksum of every
 * clinical table unchanged.
 *
 * Reproduce a run with FUZZ_SEED=<seed> (printed with every failure); FUZZ_SCALE scales numRuns.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20_240_607);
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));

const GENERIC_FAILURE = /something went wrong on our side/i;
const CONNECTION_LOST = /connection/i;
const TYPED_ERRORS = new Set(["NotFoundError", "FieldError", "RuleError", "ConflictError"]);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// ---------------------------------------------------------------------------------------------
// Hostile values

const B = DOSAGE_BOUNDS;
const BOUNDS = [
  ...Object.values(B).flatMap((b) => [b.min, b.max]),
  0,
  1,
  3,
  4,
  5,
  10,
  40,
  100,
  1000,
  1900,
  2200,
  4000,
  10_000,
  100_000,
  32_767,
  2_147_483_647,
];
const NUMBERS: (string | number)[] = [
  ...BOUNDS.flatMap((n) => [n - 1, n, n + 1, -n]).map(String),
  "-0",
  "1e308",
  "-1e308",
  "1e309",
  "NaN",
  "Infinity",
  "-Infinity",
  "1e3",
  "1.5",
  "0.0001",
  "+1",
  " 7 ",
  "0x10",
  "0b11",
  "0o7",
  "٣",
  "１",
  "1_000",
  "1,000",
  "9007199254740993",
  "2147483648",
  "-2147483649",
  "32768",
  "",
  " ",
  "\t",
  "1\u0000",
];
const DATES = [
  "2024-02-30",
  "2023-02-29",
  "2024-02-29",
  "9999-12-31",
  "0000-01-01",
  "0001-01-01",
  "1899-12-31",
  "1900-01-01",
  "1989-12-31",
  "1990-01-01",
  "2199-12-31",
  "2024-13-01",
  "2024-00-10",
  "2024-1-5",
  " 2024-01-05 ",
  "2024-01-05T00:00:00Z",
  "+012024-01-01",
  "-001000-01-01",
  "2024/01/05",
  "05/01/2024",
  "yesterday",
  "2100-01-01",
  "1970-01-01",
];
const STRINGS = [
  "\u0000",
  "a\u0000b",
  "\u0000".repeat(10),
  "\uD800",
  "\uDFFF",
  "a\uD800b",
  "\uFFFF",
  "\uFEFF",
  "\u202E",
  "\u200B",
  "😀",
  "👩‍⚕️",
  "é",
  "e\u0301",
  "Ⅻ",
  "ǅ",
  "ß",
  "İ",
  "\r\n",
  "\n",
  " ",
  "' OR '1'='1",
  "'; DROP TABLE patients; --",
  "\\",
  "%",
  "_",
  "$1",
  "\u0024{x}",
  "{{x}}",
  "<script>alert(1)</script>",
  "javascript:alert(1)",
  "../../etc/passwd",
  "null",
  "undefined",
  "true",
  "false",
  "[]",
  "{}",
  "__proto__",
  "constructor",
  "on",
  "1",
  "yes",
  "no",
  "=cmd|' /C calc'!A0",
  "@SUM(1+1)",
  `${"x".repeat(254)}@example.org`,
  "a@b",
  "@",
  "a@b.c",
  "nobody@example.org",
  "therapist@demo.clinic",
  "THERAPIST@DEMO.CLINIC",
  "patient@demo.clinic",
];
/** Valid values of other fields: a real enum value where another one was expected. */
const ENUM_VALUES = [
  ...MAS_GRADES,
  ...MUSCLE_GROUPS,
  ...POSITIONS,
  "left",
  "right",
  "both",
  "RRMS",
  "SPMS",
  "PPMS",
  "other",
  "baclofen",
  "tizanidine",
  "ineffective",
  "side_effects",
  "stretch",
  "strength",
  "movement",
  "acknowledge",
  "refer",
  "dismiss",
  "open",
  "acknowledged",
  "referred",
  "dismissed",
  "resolved",
  "pause",
  "resume",
  "end",
  "therapist",
  "admin",
  "patient",
  "disable",
  "enable",
  "unlock",
  "reset",
  "true",
  "false",
];
const EXTRA_KEYS = [
  "__proto__",
  "constructor",
  "prototype",
  "id",
  "clinicId",
  "userId",
  "role",
  "patientId",
  "scores",
  "items",
  "sessions",
  "items:0:exerciseId",
  "items:999:repetitions",
  "items:1:side",
  "items:0:__proto__",
  "score:knee_flexors:left",
  "score:__proto__:left",
  "score:x:y",
  "sessions:not-a-uuid",
  "$ACTION_ID_abc",
  "next",
  "archived",
  "command",
  "supersedesId",
];

/** Ids the fuzzer aims at: another clinic's, the Demo Clinic's other records, nobody's. */
interface IdPools {
  foreign: string[];
  demo: string[];
}

function stringArb(ids: IdPools, today: string): fc.Arbitrary<string> {
  const huge = fc
    .tuple(
      fc.constantFrom("a", "é", "😀", "\u0000", "'", " ", "9"),
      fc.integer({ min: 10_000, max: 100_000 }),
    )
    .map(([c, n]) => c.repeat(n));
  return fc.oneof(
    { weight: 3, arbitrary: fc.string() },
    { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 20 }) },
    { weight: 3, arbitrary: fc.constantFrom(...STRINGS) },
    { weight: 2, arbitrary: fc.string({ maxLength: 10 }).map((s) => `${s}\u0000${s}`) },
    { weight: 1, arbitrary: huge },
    { weight: 3, arbitrary: fc.constantFrom(...NUMBERS.map(String)) },
    { weight: 1, arbitrary: fc.integer().map(String) },
    { weight: 1, arbitrary: fc.double().map(String) },
    { weight: 3, arbitrary: fc.constantFrom(...DATES, today) },
    {
      weight: 1,
      arbitrary: fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
    },
    { weight: 2, arbitrary: fc.uuid() },
    { weight: 4, arbitrary: fc.constantFrom(...ids.foreign) },
    { weight: 2, arbitrary: fc.constantFrom(...ids.demo) },
    { weight: 3, arbitrary: fc.constantFrom(...ENUM_VALUES) },
  );
}

type Mutation =
  | { op: "drop"; pick: number }
  | { op: "set"; pick: number; value: string | string[] }
  | { op: "extra"; key: string; value: string | string[] };

function mutationsArb(str: fc.Arbitrary<string>): fc.Arbitrary<Mutation[]> {
  const value = fc.oneof(
    { weight: 9, arbitrary: str },
    { weight: 1, arbitrary: fc.array(str, { maxLength: 4 }) },
  );
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    { weight: 1, arbitrary: fc.record({ op: fc.constant("drop" as const), pick: fc.nat() }) },
    { weight: 5, arbitrary: fc.record({ op: fc.constant("set" as const), pick: fc.nat(), value }) },
    {
      weight: 1,
      arbitrary: fc.record({
        op: fc.constant("extra" as const),
        key: fc.oneof(fc.constantFrom(...EXTRA_KEYS), fc.string({ maxLength: 20 })),
        value,
      }),
    },
  );
  // A quarter of the inputs stay valid, so that the fuzzer reaches the data layer too.
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant<Mutation[]>([]) },
    { weight: 3, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 3 }) },
  );
}

function mutate(base: Fields, mutations: Mutation[]): Fields {
  const fields: Fields = { ...base };
  for (const m of mutations) {
    const keys = Object.keys(fields);
    if (m.op === "extra") fields[m.key] = m.value;
    else if (keys.length > 0) {
      const key = keys[m.pick % keys.length] as string;
      if (m.op === "drop") delete fields[key];
      else fields[key] = m.value;
    }
  }
  return fields;
}

/** A short, printable description of an input (huge strings and NULs made visible). */
function show(value: unknown): string {
  const json = JSON.stringify(value, (_k, v) =>
    typeof v === "string" && v.length > 60 ? `${v.slice(0, 40)}…(${v.length} chars)` : v,
  );
  return (json ?? String(value)).slice(0, 600);
}

// ---------------------------------------------------------------------------------------------

const actionRows = ACCESS_TABLE.filter((r) => r.kind === "action");
const nameOf = (key: string) => key.split("#")[1] as string;

/** The role for which the action's valid input is allowed (most runs use it). */
function primaryRole(key: string): AccessRole {
  const row = actionRows.find((r) => r.key === key);
  if (!row) throw new Error(`no row ${key}`);
  if (row.expected.anonymous === "public") return "anonymous";
  for (const role of ["therapist", "admin", "patient"] as const)
    if (row.expected[role] === "ok") return role;
  return "therapist";
}

/** Runs per action: the password-hashing ones are slow (argon2) and get fewer. */
const ACTION_RUNS: Record<string, number> = {
  signOutAction: 60,
  loginAction: 150,
  redeemAction: 120,
  changePasswordAction: 120,
};
const DEFAULT_ACTION_RUNS = 300;

interface Tally {
  accepted: number;
  rejected: number;
  rawErrors?: number;
}

describe.skipIf(!process.env.TEST_DATABASE_URL)("fuzzing (PostgreSQL)", () => {
  let world: World;
  let actions: Awaited<ReturnType<typeof loadActions>>;
  let ids: IdPools;
  let otherClinicId: string;
  let today: string;
  /** Every seeded record id with its clinic (and table), for the tenant invariant. */
  let owner: Map<string, { clinicId: string; table: string }>;
  const failures: string[] = [];
  const tallies: Record<string, Tally> = {};
  let total = 0;
  /** Current passwords, as password changes and redemptions succeed. */
  const passwords = new Map<string, string>();
  let errorSpy: MockInstance<typeof console.error>;
  /** Each action's schema, by action name. */
  const schemas: Record<string, z.ZodType | undefined> = {};
  let ipCounter = 0;
  const started = Date.now();

  const fail = (where: string, message: string, input: unknown) => {
    if (failures.filter((f) => f.startsWith(`${where}:`)).length < 5)
      failures.push(`${where}: ${message} (seed ${SEED}) input ${show(input)}`);
  };
  const tally = (key: string, accepted: boolean, rawError = false) => {
    const t = tallies[key] ?? { accepted: 0, rejected: 0 };
    tallies[key] = t;
    if (accepted) t.accepted++;
    else t.rejected++;
    if (rawError) t.rawErrors = (t.rawErrors ?? 0) + 1;
    total++;
  };

  beforeAll(async () => {
    mockNextRequestContext();
    // The harness's signIn refuses to run outside a request; here it runs the real credential
    // check (throttled, audited) and answers as next-auth does: CredentialsSignin or redirect.
    vi.doMock("@/lib/auth/auth", async () => {
      const { AuthError, CredentialsSignin } = await import("next-auth");
      const { verifyLogin } = await import("@/lib/auth/login");
      const { redirect } = await import("next/navigation");
      return {
        auth: async () => runtime.session,
        signIn: async (_provider: string, options: Record<string, string>) => {
          let user: Awaited<ReturnType<typeof verifyLogin>>;
          try {
            user = await verifyLogin(await getDb(), {
              email: options.email ?? "",
              password: options.password ?? "",
              ip: runtime.ip,
            });
          } catch (error) {
            // next-auth logs an error thrown by authorize() and answers CallbackRouteError.
            console.error(error);
            throw new AuthError("CallbackRouteError", { cause: error });
          }
          if (!user) throw new CredentialsSignin();
          redirect(options.redirectTo ?? "/");
        },
        signOut: async (options?: { redirectTo?: string }) => {
          redirect(options?.redirectTo ?? "/login");
        },
        handlers: {},
      };
    });
    const db = await getDb();
    world = await demoWorld(db);
    actions = await loadActions();
    today = todayIn(world.timeZone);
    const [other] = await db.select().from(clinics).where(eq(clinics.name, "Other Clinic"));
    if (!other) throw new Error("no Other Clinic");
    otherClinicId = other.id;
    await seedOtherClinicRecords(db);
    owner = await recordOwners(db);
    const byClinic = (clinicId: string) =>
      [...owner.entries()].filter(([, o]) => o.clinicId === clinicId).map(([id]) => id);
    // A few of each table: the pools stay small enough for each to be drawn often.
    const sample = (clinicId: string) => {
      const perTable = new Map<string, string[]>();
      for (const id of byClinic(clinicId)) {
        const table = owner.get(id)?.table as string;
        const list = perTable.get(table) ?? [];
        if (list.length < 3) list.push(id);
        perTable.set(table, list);
      }
      return [...perTable.values()].flat();
    };
    const demoSample = sample(world.clinicId).filter(
      // Not the fuzzing roles' own accounts: disabling them would stop the run, not find bugs.
      (id) => ![world.therapist.id, (world.maria.userId ?? "") as string].includes(id),
    );
    ids = { foreign: sample(otherClinicId), demo: demoSample };
    for (const spec of Object.values(await dataWrites())) schemas[spec.action] = spec.schema;
    errorSpy = vi.spyOn(console, "error").mockImplementation(() => {});
  }, 180_000);

  afterAll(() => {
    errorSpy?.mockRestore();
    runtime.session = null;
  });

  /** Other Clinic records of every kind an action takes an id of (the seed has most of them). */
  async function seedOtherClinicRecords(db: World["db"]) {
    const { addOralTreatment, addPump } = await import("@/lib/data/treatments");
    const { saveTemplate } = await import("@/lib/data/templates");
    const { createExercise } = await import("@/lib/data/exercises");
    const viewer = await viewerOf("otherClinic");
    if (!viewer) throw new Error("no Other Clinic viewer");
    const [patient] = await db.select().from(patients).where(eq(patients.clinicId, otherClinicId));
    if (!patient) throw new Error("the Other Clinic has no patient");
    const [builtIn] = await db.select().from(exercises).where(isNull(exercises.clinicId)).limit(1);
    // That clinic's own today: its time zone is not the demo clinic's (between their midnights
    // the demo clinic's today is the other's tomorrow, a date in the future there).
    const otherToday = todayIn(viewer.clinicTimeZone);
    await addOralTreatment(viewer, {
      patientId: patient.id,
      drug: "baclofen",
      dose: "5 mg",
      startedOn: otherToday,
    } as never);
    await addPump(viewer, { patientId: patient.id, startedOn: otherToday });
    await createExercise(viewer, {
      name: "Other clinic exercise",
      kind: "strength",
      muscleGroups: ["knee_extensors"],
      summary: "Theirs.",
      steps: "One",
      repetitions: 5,
      sessionsPerDay: 1,
      daysPerWeek: 3,
    });
    await saveTemplate(viewer, {
      name: "Other clinic template",
      items: [
        {
          exerciseId: builtIn?.id as string,
          holdSeconds: 30,
          repetitions: 5,
          sessionsPerDay: 1,
          daysPerWeek: 3,
          side: "both",
        },
      ],
    });
  }

  async function recordOwners(db: World["db"]) {
    const map = new Map<string, { clinicId: string; table: string }>();
    const tables = DATA_TABLES.filter((t) =>
      [
        "users",
        "patients",
        "account_codes",
        "assessments",
        "oral_treatments",
        "toxin_injections",
        "intrathecal_pumps",
        "exercises",
        "program_templates",
        "programs",
        "daily_logs",
        "log_reviews",
        "flags",
      ].includes(t),
    );
    for (const table of tables) {
      const result = await db.execute(
        sql.raw(
          `select id::text as id, clinic_id::text as clinic from ${table} where clinic_id is not null`,
        ),
      );
      const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
        id: string;
        clinic: string;
      }[];
      for (const r of rows) map.set(r.id, { clinicId: r.clinic, table });
    }
    const items = await db.execute(
      sql.raw(`select i.id::text as id, p.clinic_id::text as clinic from program_items i
        join program_versions v on v.id = i.version_id join programs p on p.id = v.program_id`),
    );
    for (const r of (Array.isArray(items) ? items : (items as { rows: unknown[] }).rows) as {
      id: string;
      clinic: string;
    }[])
      map.set(r.id, { clinicId: r.clinic, table: "program_items" });
    return map;
  }

  async function viewerOf(role: AccessRole): Promise<Viewer | null> {
    const claims = await world.sessionOf(role);
    return claims ? loadViewer(await getDb(), claims, "203.0.113.9") : null;
  }

  /** Every uuid in an id field (`patientId`, `items[0].exerciseId`…) anywhere in an input. */
  function uuidsIn(value: unknown, isId = false, out: string[] = []): string[] {
    if (typeof value === "string") {
      if (isId && UUID.test(value)) out.push(value.toLowerCase());
    } else if (Array.isArray(value)) for (const v of value) uuidsIn(v, isId, out);
    else if (value && typeof value === "object")
      for (const [k, v] of Object.entries(value)) uuidsIn(v, /id$/i.test(k), out);
    return out;
  }

  /** Accepted, yet carrying another clinic's (or, for a patient, another patient's) record id. */
  function tenantBreach(viewer: Viewer | null, input: unknown): string | null {
    if (!viewer) return null;
    for (const id of uuidsIn(input)) {
      const o = owner.get(id);
      if (!o) continue;
      if (o.clinicId !== viewer.clinicId) return `accepted ${o.table} ${id} of another clinic`;
      if (viewer.role === "patient" && o.table === "patients" && id !== viewer.patientId)
        return `accepted another patient's id ${id}`;
    }
    return null;
  }

  /** Keep the world fuzzable: what earlier accepted inputs may have used up. */
  async function repair() {
    const db = await getDb();
    const { maria } = world;
    await db.update(patients).set({ archivedAt: null }).where(eq(patients.id, maria.id));
    await db.execute(sql`update flags set status = 'open', status_by = null, status_at = null,
      resolution_note = null, referral_target = null, referral_date = null, referral_goal = null
      where clinic_id = ${world.clinicId} and status in ('dismissed', 'referred')`);
    const [current] = await db
      .select({ id: programs.id })
      .from(programs)
      .where(
        and(
          eq(programs.patientId, maria.id),
          isNull(programs.endedOn),
          sql`${programs.endDate} >= ${today}`,
          sql`${programs.startDate} <= ${today}`,
        ),
      )
      .limit(1);
    if (!current) {
      const { createProgram } = await import("@/lib/data/programs");
      const [exercise] = await db
        .select()
        .from(exercises)
        .where(isNull(exercises.clinicId))
        .limit(1);
      const viewer = await viewerOf("therapist");
      if (!viewer) throw new Error("the therapist cannot sign in any more");
      await createProgram(viewer, {
        patientId: maria.id,
        title: "Repaired program",
        startDate: today,
        weeks: 6,
        items: [
          {
            exerciseId: exercise?.id as string,
            holdSeconds: 30,
            repetitions: 5,
            sessionsPerDay: 1,
            daysPerWeek: 7,
            side: "both",
          },
        ],
      });
    }
    await db
      .update(users)
      .set({ disabled: false, lockedUntil: null, failedLoginCount: 0 })
      .where(eq(users.id, world.therapist2.id));
  }

  /** The valid input of an action, for the calling role (their current password, a live code). */
  async function baseInput(key: string, role: AccessRole, fresh: boolean): Promise<Fields | null> {
    const name = nameOf(key);
    const email = role in world.emails ? world.emails[role as keyof World["emails"]] : undefined;
    if (name === "loginAction") {
      const who = world.emails.patient2;
      return { email: who, password: passwords.get(who) ?? DEMO_PASSWORD, next: "/my" };
    }
    if (name === "redeemAction" && fresh) {
      const { createPatient } = await import("@/lib/data/patients");
      const { issuePatientInvite } = await import("@/lib/data/invites");
      const therapist = await viewerOf("therapist");
      if (!therapist) throw new Error("the therapist cannot sign in any more");
      const { id } = await createPatient(therapist, {
        givenName: "Invited",
        familyName: `Patient ${randomUUID().slice(0, 6)}`,
        dateOfBirth: "1970-01-01",
        msType: "RRMS",
      });
      const { code } = await issuePatientInvite(therapist, id);
      const password = `a long passphrase ${randomUUID().slice(0, 6)}`;
      return {
        code,
        email: `invited-${randomUUID().slice(0, 8)}@example.org`,
        password,
        confirmPassword: password,
      };
    }
    let input: Fields | null;
    try {
      input = await validInput(world, key);
    } catch {
      await repair();
      input = await validInput(world, key);
    }
    // An action the harness has no valid input for yet: fuzz it with extra fields alone.
    if (input === undefined) return {};
    if (name === "changePasswordAction" && input && email)
      input = { ...input, currentPassword: passwords.get(email) ?? DEMO_PASSWORD };
    return input;
  }

  function classify(result: CallResult): "accepted" | "rejected" | { failure: string } {
    switch (result.kind) {
      case "threw":
        return { failure: `threw ${String(result.error).slice(0, 300)}` };
      case "notFound":
        return "rejected";
      case "redirect":
        return result.location === "/login" || result.location.startsWith("/login?next=")
          ? "rejected"
          : "accepted";
      case "state": {
        const { state } = result;
        if (state.status !== "error") return "accepted";
        if (GENERIC_FAILURE.test(state.error) || CONNECTION_LOST.test(state.error))
          return { failure: `answered "${state.error}"` };
        return "rejected";
      }
    }
  }

  /** One call with every invariant; returns whether it was accepted. */
  async function checkedCall(
    key: string,
    role: AccessRole,
    fields: Fields | null,
    counts: { current: Record<string, number> },
  ): Promise<"accepted" | "rejected" | "failed"> {
    const db = await getDb();
    const action = actions[key];
    if (!action) throw new Error(`no action ${key}`);
    runtime.session = await world.sessionOf(role);
    runtime.ip = `198.51.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
    ipCounter++;
    const claims = runtime.session;
    const where = `${nameOf(key)} as ${role}`;
    errorSpy.mockClear();
    const result = await callAction(action, fields);
    const verdict = classify(result);
    const after = await rowCounts(db);
    if (errorSpy.mock.calls.length > 0)
      fail(where, `logged an error: ${show(errorSpy.mock.calls[0]?.map(String))}`, fields);
    if (typeof verdict === "object") {
      fail(where, verdict.failure, fields);
    } else if (verdict === "rejected") {
      if (JSON.stringify(after) !== JSON.stringify(counts.current))
        fail(where, `rejected, yet row counts changed ${diff(counts.current, after)}`, fields);
    } else {
      // What the action kept of the input (unknown extra fields are dropped by its schema).
      const parsed = schemas[nameOf(key)]?.safeParse(fields);
      const viewer = claims && parsed?.success ? await loadViewer(db, claims, null) : null;
      const breach = parsed?.success ? tenantBreach(viewer, parsed.data) : null;
      if (breach) fail(where, breach, fields);
    }
    counts.current = after;
    const accepted = verdict === "accepted";
    tally(nameOf(key), accepted);
    return typeof verdict === "object" ? "failed" : verdict;
  }

  function diff(before: Record<string, number>, after: Record<string, number>) {
    return Object.keys(after)
      .filter((t) => before[t] !== after[t])
      .map((t) => `${t} ${before[t]}→${after[t]}`)
      .join(", ");
  }

  it("fuzzes every server action: no unhandled error, rejected inputs change nothing", async () => {
    const failuresBefore = failures.length;
    expect(Object.keys(actions).sort()).toEqual(actionRows.map((r) => r.key).sort());
    const db = await getDb();
    const str = stringArb(ids, today);
    for (const row of actionRows) {
      const key = row.key;
      const name = nameOf(key);
      const primary = primaryRole(key);
      const role = fc.oneof(
        { weight: 5, arbitrary: fc.constant(primary) },
        { weight: 1, arbitrary: fc.constantFrom(...ROLES) },
      );
      await repair();
      const counts = { current: await rowCounts(db) };
      await fc.assert(
        fc.asyncProperty(role, mutationsArb(str), fc.boolean(), async (who, mutations, fresh) => {
          const base = await baseInput(key, who, fresh);
          const fields = base === null ? null : mutate(base, mutations);
          // Building these bases writes (a fresh invite; taking back today's pause).
          if (name === "redeemAction" || name === "programCommandAction")
            counts.current = await rowCounts(db);
          const verdict = await checkedCall(key, who, fields, counts);
          if (verdict === "accepted" && fields) {
            // Keep the passwords known: later runs sign in and change them again.
            if (name === "changePasswordAction") {
              const email = world.emails[who as keyof World["emails"]];
              if (email) passwords.set(email, String(fields.newPassword));
            }
          }
        }),
        { seed: SEED, numRuns: runs(ACTION_RUNS[name] ?? DEFAULT_ACTION_RUNS) },
      );
    }
    runtime.session = null;
    console.info(
      `fuzzing: server actions, accepted/rejected per action:\n${Object.entries(tallies)
        .map(([k, t]) => `  ${k}: ${t.accepted}/${t.rejected}`)
        .join("\n")}`,
    );
    expect(failures.slice(failuresBefore)).toEqual([]);
  }, 600_000);

  // -------------------------------------------------------------------------------------------
  // The data layer, called directly with typed-but-hostile inputs.

  type Write = (viewer: Viewer, input: Record<string, unknown>) => Promise<unknown>;
  interface DataWrite {
    action: string;
    schema?: z.ZodType;
    write: Write;
  }

  async function dataWrites(): Promise<Record<string, DataWrite>> {
    const v = {
      assessment: await import("@/lib/validation/assessment"),
      auth: await import("@/lib/validation/auth"),
      flag: await import("@/lib/validation/flag"),
      log: await import("@/lib/validation/log"),
      patient: await import("@/lib/validation/patient"),
      program: await import("@/lib/validation/program"),
      staff: await import("@/lib/validation/staff"),
      treatment: await import("@/lib/validation/treatment"),
    };
    const d = {
      account: await import("@/lib/data/account"),
      clinic: await import("@/lib/data/clinic"),
      mfa: await import("@/lib/data/mfa"),
      assessments: await import("@/lib/data/assessments"),
      exercises: await import("@/lib/data/exercises"),
      flags: await import("@/lib/data/flags"),
      invites: await import("@/lib/data/invites"),
      logs: await import("@/lib/data/logs"),
      patients: await import("@/lib/data/patients"),
      programs: await import("@/lib/data/programs"),
      staff: await import("@/lib/data/staff"),
      templates: await import("@/lib/data/templates"),
      treatments: await import("@/lib/data/treatments"),
    };
    const w = <I>(f: (viewer: Viewer, input: I) => Promise<unknown>) => f as unknown as Write;
    const text = (value: unknown) => value as string;
    return {
      saveLog: { action: "saveLogAction", schema: v.log.logSchema, write: w(d.logs.saveLog) },
      reviewLogs: {
        action: "reviewLogsAction",
        schema: v.log.reviewSchema,
        write: w(d.logs.reviewLogs),
      },
      createPatient: {
        action: "createPatientAction",
        schema: v.patient.patientInputSchema,
        write: w(d.patients.createPatient),
      },
      updatePatient: {
        action: "updatePatientAction",
        schema: v.patient.updatePatientSchema,
        write: (viewer, { patientId, ...input }) =>
          d.patients.updatePatient(viewer, patientId as string, input as never),
      },
      setPatientArchived: {
        action: "archivePatientAction",
        schema: v.patient.patientIdSchema.extend({ archived: z.enum(["true", "false"]) }),
        write: (viewer, input) =>
          d.patients.setPatientArchived(viewer, text(input.patientId), input.archived === "true"),
      },
      issuePatientInvite: {
        action: "issueInviteAction",
        schema: v.patient.patientIdSchema,
        write: (viewer, input) => d.invites.issuePatientInvite(viewer, text(input.patientId)),
      },
      recordAssessment: {
        action: "recordAssessmentAction",
        schema: v.assessment.assessmentSchema,
        write: w(d.assessments.recordAssessment),
      },
      amendAssessment: {
        action: "amendAssessmentAction",
        schema: v.assessment.amendmentSchema,
        write: w(d.assessments.amendAssessment),
      },
      addOralTreatment: {
        action: "addOralTreatmentAction",
        schema: v.treatment.oralTreatmentSchema,
        write: w(d.treatments.addOralTreatment),
      },
      stopOralTreatment: {
        action: "stopOralTreatmentAction",
        schema: v.treatment.stopTreatmentSchema,
        write: w(d.treatments.stopOralTreatment),
      },
      addToxinInjection: {
        action: "addToxinInjectionAction",
        schema: v.treatment.toxinInjectionSchema,
        write: w(d.treatments.addToxinInjection),
      },
      addPump: {
        action: "addPumpAction",
        schema: v.treatment.pumpSchema,
        write: w(d.treatments.addPump),
      },
      stopPump: {
        action: "stopPumpAction",
        schema: v.treatment.stopPumpSchema,
        write: w(d.treatments.stopPump),
      },
      createProgram: {
        action: "createProgramAction",
        schema: v.program.programSchema,
        write: w(d.programs.createProgram),
      },
      addProgramVersion: {
        action: "addProgramVersionAction",
        schema: v.program.programVersionSchema,
        write: w(d.programs.addProgramVersion),
      },
      runProgramCommand: {
        action: "programCommandAction",
        schema: v.program.programCommandSchema,
        write: w(d.programs.runProgramCommand),
      },
      actOnFlag: {
        action: "flagAction",
        schema: v.flag.flagActionSchema,
        write: w(d.flags.actOnFlag),
      },
      saveTemplate: {
        action: "saveTemplateAction",
        schema: v.program.templateSchema,
        write: w(d.templates.saveTemplate),
      },
      createExercise: {
        action: "createExerciseAction",
        schema: v.program.exerciseSchema,
        write: w(d.exercises.createExercise),
      },
      createStaffAccount: {
        action: "createStaffAction",
        schema: v.staff.createStaffSchema,
        write: w(d.staff.createStaffAccount),
      },
      staffCommand: {
        action: "staffCommandAction",
        schema: v.staff.staffCommandSchema,
        write: (viewer, input) => {
          const userId = text(input.userId);
          if (input.command === "reset") return d.staff.issueStaffResetCode(viewer, userId);
          if (input.command === "unlock") return d.staff.unlockStaffAccount(viewer, userId);
          return d.staff.setStaffDisabled(viewer, userId, input.command === "disable");
        },
      },
      changeOwnPassword: {
        action: "changePasswordAction",
        schema: v.auth.changePasswordSchema,
        write: w(d.account.changeOwnPassword),
      },
      verifyLogin: {
        action: "loginAction",
        schema: v.auth.loginSchema,
        write: async (_viewer, input) =>
          verifyLogin(await getDb(), {
            email: input.email as string,
            password: input.password as string,
            ip: "203.0.113.9",
          }),
      },
      endSessions: { action: "signOutAction", write: (viewer) => d.account.endSessions(viewer) },
      endEnrolmentSessions: {
        action: "signOutEnrolmentAction",
        write: (viewer) => d.account.endSessions(viewer),
      },
      confirmEnrolment: {
        action: "confirmEnrolmentAction",
        schema: v.auth.totpCodeSchema,
        write: (viewer, input) => d.mfa.confirmEnrolment(viewer, text(input.code)),
      },
      regenerateRecoveryCodes: {
        action: "regenerateRecoveryCodesAction",
        write: (viewer) => d.mfa.regenerateRecoveryCodes(viewer),
      },
      disableMfa: {
        action: "disableMfaAction",
        schema: v.auth.disableMfaSchema,
        write: w(d.mfa.disableMfa),
      },
      verifyEnrolledTicket: {
        action: "continueAfterEnrolmentAction",
        write: async (_viewer, input) =>
          verifyEnrolledTicket(await getDb(), { ticket: text(input.ticket) }),
      },
      setRequireStaffMfa: {
        action: "clinicMfaSettingAction",
        schema: v.auth.clinicMfaSettingSchema,
        write: (viewer, input) =>
          d.clinic.setRequireStaffMfa(viewer, input.requireStaffMfa as boolean),
      },
      redeemCode: {
        action: "redeemAction",
        schema: v.auth.redeemSchema,
        write: (_viewer, input) => d.invites.redeemCode(input as never, "203.0.113.9"),
      },
    };
  }

  /** Typed-ish hostile values for the data layer: what a missing or buggy caller could pass. */
  function typedArb(
    str: fc.Arbitrary<string>,
  ): fc.Arbitrary<{ value: unknown; wellTyped: boolean }> {
    const hostile = fc.oneof(
      str,
      fc.constantFrom(
        -1,
        0,
        1,
        5,
        11,
        101,
        1001,
        2201,
        32_768,
        2_147_483_648,
        -2_147_483_649,
        1e308,
        Number.NaN,
        Number.POSITIVE_INFINITY,
        -0,
        1.5,
        null,
        undefined,
        true,
        false,
        {},
        [],
        [null],
        { $ne: 1 },
      ),
      fc.integer(),
      fc.double(),
      fc.array(str, { maxLength: 3 }),
    );
    const wellTypedId = fc.oneof(fc.uuid(), fc.constantFrom(...ids.foreign, ...ids.demo));
    return fc.oneof(
      { weight: 3, arbitrary: hostile.map((value) => ({ value, wellTyped: false })) },
      { weight: 2, arbitrary: wellTypedId.map((value) => ({ value, wellTyped: true })) },
    );
  }

  interface DataMutation {
    pick: number;
    deep: number;
    value: { value: unknown; wellTyped: boolean };
  }

  /** Set one field (or one field of the first list element) to a hostile value. */
  function mutateTyped(base: Record<string, unknown>, mutations: DataMutation[]) {
    const input = structuredClone(base);
    let wellTyped = true;
    for (const m of mutations) {
      const keys = Object.keys(input);
      if (keys.length === 0) break;
      const key = keys[m.pick % keys.length] as string;
      const current = input[key];
      let target: Record<string, unknown> = input;
      let field = key;
      if (Array.isArray(current) && current[0] && typeof current[0] === "object" && m.deep % 2) {
        target = current[0] as Record<string, unknown>;
        const sub = Object.keys(target);
        field = sub[m.deep % sub.length] as string;
      }
      // A well-typed mutation: a valid uuid where an id is expected, nothing else.
      const isIdField = /id$/i.test(field) && typeof target[field] === "string";
      if (!(m.value.wellTyped && isIdField)) wellTyped = false;
      target[field] = m.value.wellTyped && !isIdField ? String(m.value.value) : m.value.value;
    }
    return { input, wellTyped };
  }

  it("fuzzes every data-layer write: atomic, tenant-safe, its own errors for hostile ids", async () => {
    const failuresBefore = failures.length;
    const db = await getDb();
    const writes = await dataWrites();
    expect(new Set(Object.values(writes).map((w) => w.action))).toEqual(
      new Set(actionRows.map((r) => nameOf(r.key))),
    );
    const str = stringArb(ids, today);
    const roles: AccessRole[] = ["therapist", "admin", "patient", "patient2", "otherClinic"];
    for (const [name, spec] of Object.entries(writes)) {
      const key = actionRows.find((r) => nameOf(r.key) === spec.action)?.key as string;
      const primary = primaryRole(key) === "anonymous" ? "therapist" : primaryRole(key);
      const role = fc.oneof(
        { weight: 4, arbitrary: fc.constant(primary) },
        { weight: 1, arbitrary: fc.constantFrom(...roles) },
      );
      const mutation = fc.record({ pick: fc.nat(), deep: fc.nat(), value: typedArb(str) });
      const mutations = fc.oneof(
        { weight: 1, arbitrary: fc.constant([] as DataMutation[]) },
        { weight: 4, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 2 }) },
      );
      await repair();
      const slow = ["changeOwnPassword", "redeemCode", "verifyLogin"].includes(name);
      await fc.assert(
        fc.asyncProperty(role, mutations, async (who, muts) => {
          const viewer = await viewerOf(who);
          if (!viewer) throw new Error(`${who} cannot sign in any more`);
          const raw = await baseInput(key, who, true);
          const parsed = spec.schema ? spec.schema.safeParse(raw) : { success: true, data: {} };
          if (!parsed.success) throw new Error(`${name}: the valid input does not parse`);
          const { input, wellTyped } = mutateTyped(parsed.data as Record<string, unknown>, muts);
          const where = `data ${name} as ${who}`;
          const before = await rowCounts(db);
          let accepted = true;
          let rawError = false;
          try {
            await spec.write(viewer, input);
          } catch (error) {
            accepted = false;
            const errorName = (error as Error)?.name;
            rawError = !TYPED_ERRORS.has(errorName);
            if (rawError && wellTyped)
              fail(where, `well-typed input, raw error ${String(error).slice(0, 300)}`, input);
            const after = await rowCounts(db);
            if (JSON.stringify(after) !== JSON.stringify(before))
              fail(where, `threw, yet row counts changed ${diff(before, after)}`, input);
          }
          if (accepted) {
            const breach = tenantBreach(viewer, input);
            if (breach) fail(where, breach, input);
            if (name === "changeOwnPassword")
              passwords.set(viewer.email, String(input.newPassword));
          }
          tally(`data ${name}`, accepted, rawError);
        }),
        { seed: SEED, numRuns: runs(slow ? 40 : 130) },
      );
    }
    console.info(
      `fuzzing: data layer, accepted/rejected (raw database errors) per write:\n${Object.entries(
        tallies,
      )
        .filter(([k]) => k.startsWith("data "))
        .map(([k, t]) => `  ${k}: ${t.accepted}/${t.rejected} (${t.rawErrors ?? 0})`)
        .join("\n")}`,
    );
    expect(failures.slice(failuresBefore)).toEqual([]);
  }, 600_000);

  it("a last batch of rejected inputs leaves the clinical tables' checksum unchanged", async () => {
    const failuresBefore = failures.length;
    const db = await getDb();
    const str = stringArb({ foreign: [randomUUID()], demo: [randomUUID()] }, today);
    await repair();
    // Bases first: building some of them writes (see baseInput); the batch itself must not.
    const bases = new Map<string, Fields | null>();
    for (const row of actionRows) bases.set(row.key, await baseInput(row.key, "therapist", false));
    const before = await dataChecksum(db);
    const counts = { current: await rowCounts(db) };
    for (const row of actionRows) {
      const key = row.key;
      // Callers the table refuses (signed out, disabled, wrong role or clinic), or, for the
      // public forms, an input without the required email.
      const refused = ROLES.filter((r) => row.expected[r] === "404" || row.expected[r] === "login");
      const isPublic = refused.length === 0;
      const role = isPublic ? fc.constant<AccessRole>("anonymous") : fc.constantFrom(...refused);
      await fc.assert(
        fc.asyncProperty(role, mutationsArb(str), async (who, mutations) => {
          const base = bases.get(key) ?? null;
          let fields = base === null ? null : mutate(base, mutations);
          if (isPublic && fields) fields = { ...fields, email: "" };
          const verdict = await checkedCall(key, who, fields, counts);
          if (verdict === "accepted") fail(`final ${nameOf(key)} as ${who}`, "accepted", fields);
        }),
        { seed: SEED, numRuns: runs(nameOf(key) === "redeemAction" ? 20 : 25) },
      );
    }
    runtime.session = null;
    expect(await dataChecksum(db)).toBe(before);
    expect(failures.slice(failuresBefore)).toEqual([]);
  }, 300_000);

  it("generated at least 10,000 inputs in about two minutes", () => {
    const seconds = Math.round((Date.now() - started) / 1000);
    console.info(`fuzzing: ${total} inputs in ${seconds} s (seed ${SEED})`);
    expect(total).toBeGreaterThanOrEqual(SCALE >= 1 ? 10_000 : 0);
  });
});
