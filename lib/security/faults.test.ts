import net from "node:net";
import { and, count, eq, inArray, sql } from "drizzle-orm";
import { isRedirectError } from "next/dist/client/components/redirect-error";
import postgres from "postgres";
import { afterEach, describe, expect, it, vi } from "vitest";
import { recordAssessmentAction } from "@/app/(clinic)/patients/[patientId]/assessments/actions";
import { saveLogAction } from "@/app/(patient)/my/log/actions";
import { connectPostgres, getDb, setDbFactory } from "@/db/client";
import {
  assessments,
  auditEvents,
  dailyLogs,
  exercises,
  flags,
  logItems,
  masScores,
} from "@/db/schema";
import { withDatabase } from "@/db/test-db";
import { runFormAction } from "@/lib/auth/run-form-action";
import type { Viewer } from "@/lib/auth/viewer-type";
import { addDays, todayIn } from "@/lib/clinical/dates";
import { recordAssessment } from "@/lib/data/assessments";
import { CONNECTION_LOST_MESSAGE, isConnectionLost } from "@/lib/data/errors";
import { getLogForm } from "@/lib/data/logs";
import { createProgram } from "@/lib/data/programs";
import type { FormState } from "@/lib/forms/form-state";
import { makeClinic } from "@/lib/testing/fixtures";
import { assessmentSchema, scoreFieldName } from "@/lib/validation/assessment";
import { programSchema } from "@/lib/validation/program";

// The real server actions run here with the request's viewer injected: `getViewer` is the only
// part of the request they read, and revalidatePath needs Next's request store, absent in tests.
const request = vi.hoisted(() => ({ viewer: null as Viewer | null }));
vi.mock("@/lib/auth/viewer", () => ({
  STAFF: ["therapist", "admin"],
  getViewer: async () => request.viewer,
  requireViewer: async () => {
    throw new Error("not used in these tests");
  },
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

const pg = process.env.TEST_DATABASE_URL;
const today = () => todayIn("Europe/London");
const idle: FormState<undefined> = { status: "idle" };

function formData(fields: Record<string, string | string[]>) {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields))
    for (const v of Array.isArray(value) ? value : [value]) form.append(key, v);
  return form;
}

/** Runs `action`; a redirect (the post/redirect/get of a successful save) counts as success. */
async function submit(action: () => Promise<FormState<undefined>>) {
  try {
    return { state: await action(), redirectedTo: null };
  } catch (error) {
    if (!isRedirectError(error)) throw error;
    return { state: null, redirectedTo: error.digest.split(";")[2] ?? "" };
  }
}

afterEach(() => {
  request.viewer = null;
  vi.restoreAllMocks();
});

describe("connection-loss errors", () => {
  it("are recognised from either driver, wrapped or not, and nothing else is", () => {
    const coded = (code: string) => Object.assign(new Error(code), { code });
    for (const code of [
      "CONNECTION_CLOSED",
      "CONNECTION_ENDED",
      "CONNECTION_DESTROYED",
      "ECONNREFUSED",
      "57P01",
      "57P02",
      "57P03",
      "08006",
      "08001",
    ]) {
      expect(isConnectionLost(coded(code)), code).toBe(true);
      expect(isConnectionLost(new Error("Failed query", { cause: coded(code) })), code).toBe(true);
    }
    expect(isConnectionLost(new AggregateError([coded("ECONNREFUSED")]))).toBe(true);
    for (const code of ["23505", "40001", "57014", "42P01", "XX000"])
      expect(isConnectionLost(coded(code)), code).toBe(false);
    expect(isConnectionLost(new Error("boom"))).toBe(false);
    expect(isConnectionLost(null)).toBe(false);
  });

  it("become a distinct, retryable message that says nothing was saved, with the input kept", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const c = await makeClinic();
    const fields = {
      patientId: c.patient.id,
      assessedOn: today(),
      position: "supine",
      [scoreFieldName("knee_flexors", "left")]: "2",
    };
    const lost = await runFormAction(
      async () => c.as.therapist(),
      { roles: ["therapist"], schema: assessmentSchema, name: "assessment.create" },
      async () => {
        throw new Error("Failed query: insert … params: secret", {
          cause: Object.assign(new Error("terminating connection"), { code: "57P01" }),
        });
      },
      formData(fields),
    );
    expect(lost).toMatchObject({
      status: "error",
      error: CONNECTION_LOST_MESSAGE,
      values: fields,
      fieldErrors: {},
    });
    // The log line names the cause without the query's parameters (patient data).
    expect(String(vi.mocked(console.error).mock.calls.at(-1))).not.toContain("secret");

    const other = await runFormAction(
      async () => c.as.therapist(),
      { roles: ["therapist"], schema: assessmentSchema, name: "assessment.create" },
      async () => {
        throw new Error("bug");
      },
      formData(fields),
    );
    expect(other).toMatchObject({ status: "error", error: expect.stringMatching(/try again/) });
    expect(other.status === "error" && other.error).not.toBe(CONNECTION_LOST_MESSAGE);
  });
});

describe("database unavailable at start", () => {
  it("getDb() does not keep a failed start: the next call tries again", async () => {
    const original = globalThis.__spasticityDbFactory;
    const real = await getDb();
    let calls = 0;
    setDbFactory(async () => {
      calls += 1;
      if (calls === 1)
        throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), {
          code: "ECONNREFUSED",
        });
      return real;
    });
    try {
      await expect(getDb()).rejects.toThrow(/ECONNREFUSED/);
      expect(await getDb()).toBe(real);
      expect(await getDb()).toBe(real); // and then it is kept
      expect(calls).toBe(2);
    } finally {
      setDbFactory(original);
    }
  });

  it.skipIf(!pg)(
    "a postgres.js handle made while PostgreSQL is down works once it is back, without restart",
    async () => {
      // A port with nothing listening, then a TCP relay to the real server on that same port.
      const port = await new Promise<number>((resolve) => {
        const probe = net.createServer().listen(0, "127.0.0.1", () => {
          const { port } = probe.address() as net.AddressInfo;
          probe.close(() => resolve(port));
        });
      });
      const target = new URL(pg as string);
      const url = new URL(pg as string);
      url.hostname = "127.0.0.1";
      url.port = String(port);
      const db = connectPostgres(url.toString(), { max: 2 });
      const relay = net.createServer((client) => {
        const upstream = net.connect(Number(target.port || 5432), target.hostname);
        client.pipe(upstream).pipe(client);
        client.on("error", () => upstream.destroy());
        upstream.on("error", () => client.destroy());
      });
      try {
        const down = await db.$client`select 1 as one`.catch((error: unknown) => error);
        expect(isConnectionLost(down)).toBe(true);
        await new Promise<void>((resolve) => relay.listen(port, "127.0.0.1", resolve));
        expect(await db.$client`select 1 as one`).toEqual([{ one: 1 }]);
      } finally {
        await db.$client.end({ timeout: 1 });
        await new Promise((resolve) => relay.close(resolve));
      }
    },
  );
});

/**
 * The connection is killed mid-transaction, deterministically: a second connection the test owns
 * holds a table lock the save needs after its first insert; once the app's backend waits on that
 * lock it is terminated (pg_terminate_backend), then the lock is released.
 */
/** The user's answer to a save cut off by a lost connection: retry, with the form as typed. */
function expectConnectionLost(
  faulted: { redirectedTo: string | null; state: unknown },
  fields: Record<string, string | string[]>,
) {
  expect(faulted.redirectedTo).toBeNull();
  expect(faulted.state).toEqual({
    status: "error",
    error: CONNECTION_LOST_MESSAGE,
    fieldErrors: {},
    values: fields,
    submittedAt: expect.any(Number),
  });
}

describe.skipIf(!pg)("connection killed mid-transaction (PostgreSQL)", () => {
  async function controlConnections() {
    const db = await getDb();
    const [row] = await db.execute<{ name: string }>(sql`select current_database() as name`);
    const url = withDatabase(pg as string, row?.name as string);
    const holder = postgres(url, { max: 1, onnotice: () => {} });
    const observer = postgres(url, { max: 1, onnotice: () => {} });
    return { db, holder, observer };
  }

  /**
   * Runs `save` while `table` is locked against writes; kills the app's backend once it waits on
   * the lock. Returns what the save resolved to (it must never throw).
   */
  async function killMidSave<T>(table: string, save: () => Promise<T>) {
    const { holder, observer } = await controlConnections();
    try {
      const lock = await holder.reserve();
      await lock`begin`;
      await lock.unsafe(`lock table "${table}" in exclusive mode`);
      const [{ pid: holderPid } = { pid: 0 }] = await lock<{ pid: number }[]>`
        select pg_backend_pid() as pid`;
      const pending = save();
      let victim: number | undefined;
      for (let i = 0; i < 500 && victim === undefined; i++) {
        const rows = await observer<{ pid: number; waitEventType: string; query: string }[]>`
          select pid, wait_event_type as "waitEventType", query from pg_stat_activity
          where ${holderPid} = any(pg_blocking_pids(pid))`;
        if (rows[0]) {
          expect(rows[0].waitEventType).toBe("Lock");
          expect(rows[0].query.toLowerCase()).toContain(table);
          victim = rows[0].pid;
        } else await new Promise((resolve) => setTimeout(resolve, 20));
      }
      if (victim === undefined) throw new Error(`the save never waited on ${table}`);
      const [killed] = await observer<{ ok: boolean }[]>`
        select pg_terminate_backend(${victim}) as ok`;
      expect(killed?.ok).toBe(true);
      await lock`rollback`;
      lock.release();
      return await pending;
    } finally {
      await holder.end({ timeout: 5 });
      await observer.end({ timeout: 5 });
    }
  }

  it("a pool of one connection survives its backend being killed mid-transaction", async () => {
    // postgres.js 3.4.9 alone throws an uncaught TypeError here and never reconnects (see
    // db/client.ts); vitest fails the run on any uncaught error.
    const { db } = await controlConnections();
    const [row] = await db.execute<{ name: string }>(sql`select current_database() as name`);
    const one = connectPostgres(withDatabase(pg as string, row?.name as string), { max: 1 });
    try {
      const outcome = await killMidSave("mas_scores", () =>
        one
          .transaction(async (tx) => {
            await tx.execute(sql`select 1`);
            await tx.execute(sql`insert into mas_scores select * from mas_scores where false`);
          })
          .then(
            () => "committed",
            (error: unknown) => error,
          ),
      );
      expect(isConnectionLost(outcome)).toBe(true);
      for (let i = 0; i < 3; i++) {
        expect(await one.execute(sql`select 1 as one`)).toEqual([{ one: 1 }]);
        expect(await one.transaction(async (tx) => tx.execute(sql`select 2 as two`))).toEqual([
          { two: 2 },
        ]);
      }
    } finally {
      await one.$client.end({ timeout: 5 });
    }
  });

  it("an assessment save: a clear retryable error, nothing half-written, the retry succeeds", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const c = await makeClinic();
    const db = await getDb();
    // An earlier calf grade 3: a second one within the window opens a Botox referral flag.
    await recordAssessment(
      c.as.therapist(),
      assessmentSchema.parse({
        patientId: c.patient.id,
        assessedOn: addDays(today(), -40),
        position: "supine",
        [scoreFieldName("ankle_plantarflexors", "left")]: "3",
      }),
    );
    const fields = {
      patientId: c.patient.id,
      assessedOn: addDays(today(), -12),
      position: "supine",
      notes: "Calf tight after a long walk",
      [scoreFieldName("ankle_plantarflexors", "left")]: "3",
      [scoreFieldName("knee_flexors", "right")]: "1+",
    };
    const snapshot = async () => {
      const ids = (
        await db
          .select({ id: assessments.id })
          .from(assessments)
          .where(eq(assessments.patientId, c.patient.id))
      ).map((r) => r.id);
      const [scores] = await db
        .select({ n: count() })
        .from(masScores)
        .where(inArray(masScores.assessmentId, ids));
      const [audits] = await db
        .select({ n: count() })
        .from(auditEvents)
        .where(
          and(
            eq(auditEvents.patientId, c.patient.id),
            inArray(auditEvents.action, ["assessment.create", "flags.recompute"]),
          ),
        );
      const flagRows = await db.select().from(flags).where(eq(flags.patientId, c.patient.id));
      return {
        assessments: ids.length,
        scores: scores?.n,
        audits: audits?.n,
        flags: flagRows.map((f) => f.kind),
      };
    };
    const before = await snapshot();
    expect(before).toEqual({ assessments: 1, scores: 1, audits: 1, flags: [] });

    const save = () => {
      request.viewer = c.as.therapist();
      return submit(() => recordAssessmentAction(idle, formData(fields)));
    };
    // The assessment row is inserted, then the save waits on mas_scores and is cut off.
    const faulted = await killMidSave("mas_scores", save);
    expectConnectionLost(faulted, fields);
    expect(CONNECTION_LOST_MESSAGE).toMatch(/Nothing was saved; please try again\./);
    expect(errors).toHaveBeenCalledWith(
      "[action assessment.create] database connection lost:",
      expect.stringMatching(/57P01|CONNECTION_|ECONNRESET/),
    );
    expect(await snapshot()).toEqual(before);

    // The same handle (postgres.js reconnects): the user's retry of the same form is saved.
    expect(await getDb()).toBe(db);
    const retried = await save();
    expect(retried.redirectedTo).toBe(`/patients/${c.patient.id}?recorded=1#assessments`);
    expect(await snapshot()).toEqual({
      assessments: 2,
      scores: 3,
      audits: 3,
      flags: ["BOTOX_REFERRAL"],
    });
  });

  it("a patient log save: a clear retryable error, nothing half-written, the retry succeeds", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const c = await makeClinic();
    const db = await getDb();
    const [calf] = await db
      .select({ id: exercises.id })
      .from(exercises)
      .where(eq(exercises.slug, "calf-stretch-standing"));
    await createProgram(
      c.as.therapist(),
      programSchema.parse({
        patientId: c.patient.id,
        title: "Calves",
        startDate: today(),
        weeks: "4",
        "items:0:exerciseId": calf?.id,
        "items:0:holdSeconds": "30",
        "items:0:repetitions": "3",
        "items:0:sessionsPerDay": "2",
        "items:0:daysPerWeek": "7",
        "items:0:side": "both",
      }),
    );
    const itemId = (await getLogForm(c.as.patient(), c.patient.id, today())).items[0]
      ?.programItemId as string;
    // Fasciculations on an assessment: new weakness in a log opens a neurology review flag.
    await recordAssessment(
      c.as.therapist(),
      assessmentSchema.parse({
        patientId: c.patient.id,
        assessedOn: addDays(today(), -3),
        position: "supine",
        fasciculations: "on",
        [scoreFieldName("ankle_plantarflexors", "left")]: "1",
      }),
    );
    const fields = {
      patientId: c.patient.id,
      date: today(),
      [`sessions:${itemId}`]: "2",
      spasticityNrs: "7",
      pain: "4",
      symptoms: ["spasm", "stiffness"],
      newWeakness: "yes",
      wasting: "no",
      note: "Legs weaker on the stairs",
    };
    const snapshot = async () => {
      const logs = await db
        .select({ id: dailyLogs.id })
        .from(dailyLogs)
        .where(eq(dailyLogs.patientId, c.patient.id));
      const [items] = await db
        .select({ n: count() })
        .from(logItems)
        .where(
          inArray(
            logItems.logId,
            logs.map((l) => l.id),
          ),
        );
      const [audits] = await db
        .select({ n: count() })
        .from(auditEvents)
        .where(
          and(
            eq(auditEvents.patientId, c.patient.id),
            inArray(auditEvents.action, ["log.create", "log.update"]),
          ),
        );
      const flagRows = await db.select().from(flags).where(eq(flags.patientId, c.patient.id));
      return {
        logs: logs.length,
        items: items?.n,
        audits: audits?.n,
        flags: flagRows.map((f) => f.kind),
      };
    };
    const before = await snapshot();
    expect(before).toEqual({ logs: 0, items: 0, audits: 0, flags: [] });

    const save = () => {
      request.viewer = c.as.patient();
      return submit(() => saveLogAction(idle, formData(fields)));
    };
    // The log row is upserted, then the save waits on log_items and is cut off.
    const faulted = await killMidSave("log_items", save);
    expectConnectionLost(faulted, fields);
    expect(await snapshot()).toEqual(before);

    expect(await getDb()).toBe(db);
    const retried = await save();
    expect(retried.redirectedTo).toBe(`/my/log?date=${today()}&saved=created`);
    expect(await snapshot()).toEqual({ logs: 1, items: 1, audits: 1, flags: ["NEURO_REVIEW"] });
  });
});
