import { and, count, eq, like, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { countQueries } from "@/db/query-count";
import { auditEvents, flags } from "@/db/schema";
import { addDays, todayIn } from "@/lib/clinical/dates";
import { amendAssessment, recordAssessment } from "@/lib/data/assessments";
import { ConflictError, NotFoundError } from "@/lib/data/errors";
import { actOnFlag, listPatientFlags } from "@/lib/data/flags";
import { concurrentStatements } from "@/lib/testing/concurrency";
import { caseloadRow, makeClinic } from "@/lib/testing/fixtures";
import { amendmentSchema, assessmentSchema, scoreFieldName } from "@/lib/validation/assessment";
import { flagActionSchema } from "@/lib/validation/flag";
import { loadEscalationInputs, recomputeFlags } from "./recompute";

const today = () => todayIn("Europe/London");
const calf = (patientId: string, grade: string, daysAgo: number) =>
  assessmentSchema.parse({
    patientId,
    assessedOn: addDays(today(), -daysAgo),
    position: "supine",
    [scoreFieldName("ankle_plantarflexors", "left")]: grade,
  });

async function flagRows(patientId: string) {
  const db = await getDb();
  return db.select().from(flags).where(eq(flags.patientId, patientId));
}

async function auditCount(patientId: string) {
  const db = await getDb();
  const [row] = await db
    .select({ n: count() })
    .from(auditEvents)
    .where(and(eq(auditEvents.patientId, patientId), eq(auditEvents.action, "flags.recompute")));
  return row?.n ?? 0;
}

describe("persisted flags", () => {
  it("an assessment raises the flag in the same transaction; a recompute that changes nothing writes nothing", async () => {
    const c = await makeClinic();
    await recordAssessment(c.as.therapist(), calf(c.patient.id, "3", 40));
    expect(await flagRows(c.patient.id)).toHaveLength(0);
    await recordAssessment(c.as.therapist(), calf(c.patient.id, "3", 12));
    const rows = await flagRows(c.patient.id);
    expect(rows.map((r) => [r.kind, r.status, r.keys])).toEqual([
      ["BOTOX_REFERRAL", "open", [{ muscleGroup: "ankle_plantarflexors", side: "left" }]],
    ]);
    expect(await auditCount(c.patient.id)).toBe(1);

    const db = await getDb();
    const before = await flagRows(c.patient.id);
    const { result: results, statements } = await countQueries(() =>
      db.transaction((tx) => recomputeFlags(tx, c.clinic.id, [c.patient.id], today())),
    );
    expect(results.size).toBe(0);
    // Not even a statement that would update nothing: reads, one round trip.
    expect(statements.filter((s) => !s.startsWith("select"))).toEqual([]);
    expect(await flagRows(c.patient.id)).toEqual(before);
    expect(await auditCount(c.patient.id)).toBe(1);
  });

  it("a flag whose condition no longer holds is resolved by data, visibly", async () => {
    const c = await makeClinic();
    await recordAssessment(c.as.therapist(), calf(c.patient.id, "3", 40));
    await recordAssessment(c.as.therapist(), calf(c.patient.id, "3", 12));
    await recordAssessment(c.as.therapist(), calf(c.patient.id, "2", 1));
    const [flag] = await flagRows(c.patient.id);
    expect(flag).toMatchObject({
      kind: "BOTOX_REFERRAL",
      status: "resolved",
      resolutionNote: expect.stringContaining("no longer holds"),
    });
  });

  it("a dismissed flag re-opens only when its basis changes; dismissing needs a reason", async () => {
    const c = await makeClinic();
    await recordAssessment(c.as.therapist(), calf(c.patient.id, "3", 60));
    const { id: second } = await recordAssessment(c.as.therapist(), calf(c.patient.id, "3", 20));
    const [flag] = await listPatientFlags(c.as.therapist(), c.patient.id);
    const base = {
      patientId: c.patient.id,
      flagId: flag?.id,
      expectedStatus: "open",
      command: "dismiss",
    };
    expect(flagActionSchema.safeParse({ ...base, note: "" }).error?.issues[0]).toMatchObject({
      path: ["note"],
      message: "Say why you dismiss this flag.",
    });
    await actOnFlag(
      c.as.therapist(),
      flagActionSchema.parse({ ...base, note: "Patient declines injections" }),
    );

    const db = await getDb();
    await db.transaction((tx) => recomputeFlags(tx, c.clinic.id, [c.patient.id], today()));
    expect((await flagRows(c.patient.id)).map((r) => r.status)).toEqual(["dismissed"]);

    // A new qualifying assessment changes the basis: a new open flag, the dismissed one kept.
    await amendAssessment(
      c.as.therapist(),
      amendmentSchema.parse({
        ...calf(c.patient.id, "4", 20),
        supersedesId: second,
        amendmentReason: "Was 4, not 3",
      }),
    );
    const statuses = (await flagRows(c.patient.id))
      .filter((r) => r.kind === "BOTOX_REFERRAL")
      .map((r) => r.status)
      .sort();
    expect(statuses).toEqual(["dismissed", "open"]);
  });

  it("refer records target, date and goal; a stale second action conflicts; patients and other clinics get not found", async () => {
    const c = await makeClinic();
    const b = await makeClinic();
    await recordAssessment(c.as.therapist(), calf(c.patient.id, "3", 60));
    await recordAssessment(c.as.therapist(), calf(c.patient.id, "3", 20));
    const [flag] = await listPatientFlags(c.as.therapist(), c.patient.id);
    const refer = flagActionSchema.parse({
      patientId: c.patient.id,
      flagId: flag?.id,
      expectedStatus: "open",
      command: "refer",
      referralTarget: "Spasticity clinic, St Mary's",
      referralDate: today(),
      referralGoal: "mobility_function",
    });
    const results = await Promise.allSettled([
      actOnFlag(c.as.therapist(), refer),
      actOnFlag(c.as.admin(), refer),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({
      reason: expect.any(ConflictError),
    });
    expect((await flagRows(c.patient.id))[0]).toMatchObject({
      status: "referred",
      referralTarget: "Spasticity clinic, St Mary's",
      referralGoal: "mobility_function",
    });

    await expect(listPatientFlags(c.as.patient(), c.patient.id)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(actOnFlag(c.as.patient(), refer)).rejects.toBeInstanceOf(NotFoundError);
    await expect(actOnFlag(b.as.therapist(), refer)).rejects.toBeInstanceOf(NotFoundError);
    const db = await getDb();
    const actions = await db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.patientId, c.patient.id));
    expect(actions.map((a) => a.action)).toContain("flag.refer");
  });
});

// Issue #7 item 7. Truly concurrent on PostgreSQL (each call on its own pooled connection).
describe("concurrent flag actions", () => {
  it("10 simultaneous actions of different kinds on one open flag: exactly one wins, the flag ends in its state, one audit event", async () => {
    const c = await makeClinic();
    await recordAssessment(c.as.therapist(), calf(c.patient.id, "3", 60));
    await recordAssessment(c.as.therapist(), calf(c.patient.id, "3", 20));
    const [flag] = await listPatientFlags(c.as.therapist(), c.patient.id);
    if (!flag) throw new Error("no flag raised");
    expect(flag.status).toBe("open");
    const base = { patientId: c.patient.id, flagId: flag.id, expectedStatus: "open" };
    const commands = [
      { command: "acknowledge" },
      { command: "dismiss", note: "Not wanted now" },
      {
        command: "refer",
        referralTarget: "Spasticity clinic",
        referralDate: today(),
        referralGoal: "mobility_function",
      },
    ];
    const viewers = [c.as.therapist, c.as.therapist2, c.as.admin];
    const attempts = Array.from({ length: 10 }, (_, i) => ({
      viewer: (viewers[i % 3] as () => ReturnType<typeof c.as.therapist>)(),
      input: flagActionSchema.parse({ ...base, ...commands[i % 3] }),
    }));
    let results: PromiseSettledResult<void>[] = [];
    const connections = await concurrentStatements("flags", async () => {
      results = await Promise.allSettled(attempts.map((a) => actOnFlag(a.viewer, a.input)));
    });
    if (process.env.TEST_DATABASE_URL) expect(connections).toBeGreaterThan(2);
    else expect(connections).toBe(1);

    const winners = results.flatMap((r, i) => (r.status === "fulfilled" ? [attempts[i]] : []));
    expect(winners).toHaveLength(1);
    for (const r of results)
      if (r.status === "rejected") expect(r.reason).toBeInstanceOf(ConflictError);
    const winner = winners[0]?.input.command;
    const expected = { acknowledge: "acknowledged", refer: "referred", dismiss: "dismissed" };
    const [row] = (await flagRows(c.patient.id)).filter((r) => r.id === flag.id);
    expect(row?.status).toBe(expected[winner as keyof typeof expected]);
    expect(row?.statusBy).toBe(winners[0]?.viewer.userId);

    const db = await getDb();
    const events = await db
      .select({ action: auditEvents.action, actor: auditEvents.actorUserId })
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, flag.id), like(auditEvents.action, "flag.%")));
    expect(events).toEqual([{ action: `flag.${winner}`, actor: winners[0]?.viewer.userId }]);
  });

  it("a chain of concurrent steps stays consistent: acknowledge races, then refer/dismiss race from acknowledged", async () => {
    const c = await makeClinic();
    await recordAssessment(c.as.therapist(), calf(c.patient.id, "3", 60));
    await recordAssessment(c.as.therapist(), calf(c.patient.id, "3", 20));
    const [flag] = await listPatientFlags(c.as.therapist(), c.patient.id);
    if (!flag) throw new Error("no flag raised");
    const act = (viewer: ReturnType<typeof c.as.therapist>, fields: Record<string, string>) =>
      actOnFlag(
        viewer,
        flagActionSchema.parse({ patientId: c.patient.id, flagId: flag.id, ...fields }),
      );
    const acks = await Promise.allSettled(
      Array.from({ length: 5 }, () =>
        act(c.as.therapist(), { expectedStatus: "open", command: "acknowledge" }),
      ),
    );
    expect(acks.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const second = await Promise.allSettled([
      act(c.as.therapist(), { expectedStatus: "acknowledged", command: "dismiss", note: "No" }),
      act(c.as.therapist2(), {
        expectedStatus: "acknowledged",
        command: "refer",
        referralTarget: "Neurology",
        referralDate: today(),
        referralGoal: "mobility_function",
      }),
      // Stale: still thinks the flag is open.
      act(c.as.admin(), { expectedStatus: "open", command: "dismiss", note: "Stale view" }),
    ]);
    expect(second.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const [row] = (await flagRows(c.patient.id)).filter((r) => r.id === flag.id);
    expect(["dismissed", "referred"]).toContain(row?.status);
    const db = await getDb();
    const events = await db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, flag.id), like(auditEvents.action, "flag.%")))
      .orderBy(auditEvents.id);
    expect(events.map((e) => e.action)).toEqual([
      "flag.acknowledge",
      row?.status === "dismissed" ? "flag.dismiss" : "flag.refer",
    ]);
  });
});

describe("the kept score digest", () => {
  it("after two assessments recorded at once, neither is missed by the next recompute", async () => {
    const c = await makeClinic();
    const db = await getDb();
    await recordAssessment(c.as.therapist(), calf(c.patient.id, "3", 40));
    const hamstrings = assessmentSchema.parse({
      patientId: c.patient.id,
      assessedOn: addDays(today(), -5),
      position: "supine",
      [scoreFieldName("knee_flexors", "left")]: "1",
    });
    // On PostgreSQL both writes insert their scores, then recompute, each without the other's.
    const connections = await concurrentStatements("mas_scores", () =>
      Promise.all([
        recordAssessment(c.as.therapist(), calf(c.patient.id, "3", 12)),
        recordAssessment(c.as.therapist2(), hamstrings),
      ]),
    );
    if (process.env.TEST_DATABASE_URL) expect(connections).toBe(2);

    // The daily recompute, from whatever digest the last of the two kept.
    const loaded = await loadEscalationInputs(db, c.clinic.id, [c.patient.id], today());
    const scores = loaded.get(c.patient.id)?.input.scores ?? [];
    expect(scores.map((s) => `${s.muscleGroup} ${s.grade} ${s.assessedOn}`).sort()).toEqual(
      [
        `ankle_plantarflexors 3 ${addDays(today(), -40)}`,
        `ankle_plantarflexors 3 ${addDays(today(), -12)}`,
        `knee_flexors 1 ${addDays(today(), -5)}`,
      ].sort(),
    );
    await db.transaction((tx) => recomputeFlags(tx, c.clinic.id, [c.patient.id], today()));
    const open = (await flagRows(c.patient.id)).filter((f) => f.status === "open");
    expect(open.map((f) => f.kind)).toEqual(["BOTOX_REFERRAL"]);
  });
});

/** Until a statement of this database waits for a lock (or `ms` pass): PostgreSQL only. */
async function someoneWaitsForALock(ms: number) {
  const db = await getDb();
  for (const start = Date.now(); Date.now() - start < ms; ) {
    const rows = (await db.execute(
      sql`select count(*)::int as n from pg_stat_activity
          where datname = current_database() and wait_event_type = 'Lock'`,
    )) as unknown as { n: number }[];
    if (Number(rows[0]?.n ?? 0) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("concurrent recomputes", () => {
  // PostgreSQL only: PGlite has one connection, so two transactions never overlap there.
  it.runIf(process.env.TEST_DATABASE_URL)(
    "of one patient raise a flag once: the second waits for the first and reads its flag",
    async () => {
      const c = await makeClinic();
      const db = await getDb();
      await recordAssessment(c.as.therapist(), calf(c.patient.id, "3", 40));
      await recordAssessment(c.as.therapist(), calf(c.patient.id, "3", 12));
      // As if the flag had never been computed: both recomputes below would raise it.
      await db.delete(flags).where(eq(flags.patientId, c.patient.id));

      let commitFirst = () => {};
      const held = new Promise<void>((resolve) => {
        commitFirst = resolve;
      });
      let firstRecomputed = () => {};
      const recomputed = new Promise<void>((resolve) => {
        firstRecomputed = resolve;
      });
      const first = db.transaction(async (tx) => {
        await recomputeFlags(tx, c.clinic.id, [c.patient.id], today());
        firstRecomputed();
        await held; // raised, not committed yet
      });
      await recomputed;
      const second = db.transaction((tx) =>
        recomputeFlags(tx, c.clinic.id, [c.patient.id], today()),
      );
      // Without the lock the second finishes at once (and raises the flag again).
      await Promise.race([second, someoneWaitsForALock(3000)]);
      commitFirst();
      await Promise.all([first, second]);
      const open = (await flagRows(c.patient.id)).filter((f) => f.status === "open");
      expect(open.map((f) => f.kind)).toEqual(["BOTOX_REFERRAL"]);
    },
  );
});

describe("the caseload's MAS figures", () => {
  it("follow every assessment and correction, in the write's transaction", async () => {
    const c = await makeClinic();
    const figures = async () => {
      const row = await caseloadRow(c.as.therapist(), c.patient.id);
      return { highestLatestGrade: row?.highestLatestGrade, lastAssessedOn: row?.lastAssessedOn };
    };
    expect(await figures()).toEqual({ highestLatestGrade: null, lastAssessedOn: null });
    const { id } = await recordAssessment(c.as.therapist(), calf(c.patient.id, "3", 10));
    expect(await figures()).toMatchObject({
      highestLatestGrade: "3",
      lastAssessedOn: addDays(today(), -10),
    });
    await amendAssessment(
      c.as.therapist(),
      amendmentSchema.parse({
        ...calf(c.patient.id, "1+", 10),
        supersedesId: id,
        amendmentReason: "Was 1+, not 3",
      }),
    );
    expect(await figures()).toMatchObject({ highestLatestGrade: "1+" });
  });
});
