import { count, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import {
  auditEvents,
  dailyLogs,
  exercises,
  logItems,
  programs,
  programVersions,
} from "@/db/schema";
import { addDays, todayIn } from "@/lib/clinical/dates";
import { concurrentStatements } from "@/lib/testing/concurrency";
import { caseloadRow, makeClinic, programSpanning } from "@/lib/testing/fixtures";
import { logSchema } from "@/lib/validation/log";
import { programSchema } from "@/lib/validation/program";
import { NotFoundError } from "./errors";
import { getLogForm, getLogSummary, reviewLogs, saveLog } from "./logs";
import { createProgram } from "./programs";

const today = () => todayIn("Europe/London");

async function withProgram() {
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
  const form = await getLogForm(c.as.patient(), c.patient.id, today());
  const itemId = form.items[0]?.programItemId as string;
  return { c, db, itemId };
}

async function logCount(patientId: string) {
  const db = await getDb();
  const [row] = await db
    .select({ n: count() })
    .from(dailyLogs)
    .where(eq(dailyLogs.patientId, patientId));
  return row?.n ?? 0;
}

describe("patient logs", () => {
  it("saves today's log, updates it on a second save, and audits both", async () => {
    const { c, db, itemId } = await withProgram();
    const base = {
      patientId: c.patient.id,
      date: today(),
      [`sessions:${itemId}`]: "1",
      spasticityNrs: "6",
      pain: "3",
      pennFrequency: "2",
      pennSeverity: "1",
      symptoms: ["spasm", "stiffness"],
      newWeakness: "no",
      wasting: "no",
      waterGlasses: "6",
    };
    expect(await saveLog(c.as.patient(), logSchema.parse(base))).toEqual({ created: true });
    expect(
      await saveLog(c.as.patient(), logSchema.parse({ ...base, allDone: "1", spasticityNrs: "5" })),
    ).toEqual({ created: false });
    expect(await logCount(c.patient.id)).toBe(1);
    const form = await getLogForm(c.as.patient(), c.patient.id, today());
    expect(form.log).toMatchObject({
      spasticityNrs: 5,
      pennFrequency: 2,
      pennSeverity: 1,
      symptoms: ["spasm", "stiffness"],
      items: [{ programItemId: itemId, sessionsDone: 2 }],
    });
    const events = await db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.patientId, c.patient.id));
    expect(
      events
        .map((e) => e.action)
        .filter((a) => a.startsWith("log."))
        .sort(),
    ).toEqual(["log.create", "log.read", "log.read", "log.update"]); // one read per request (two form loads)
  });

  it("a program that ended yesterday is on yesterday's log form and not today's, and so are its sessions", async () => {
    const { c, db, itemId } = await withProgram();
    // The program ran the last ten days and ended yesterday (its last day).
    await db
      .update(programs)
      .set({ startDate: addDays(today(), -10), endedOn: addDays(today(), -1) })
      .where(eq(programs.patientId, c.patient.id));
    await db
      .update(programVersions)
      .set({ effectiveFrom: addDays(today(), -10) })
      .where(
        inArray(
          programVersions.programId,
          db.select({ id: programs.id }).from(programs).where(eq(programs.patientId, c.patient.id)),
        ),
      );
    const yesterday = addDays(today(), -1);
    expect(
      (await getLogForm(c.as.patient(), c.patient.id, yesterday)).items.map((i) => i.programItemId),
    ).toEqual([itemId]);
    expect((await getLogForm(c.as.patient(), c.patient.id, today())).items).toEqual([]);
    const log = (date: string) =>
      logSchema.parse({ patientId: c.patient.id, date, [`sessions:${itemId}`]: "1" });
    expect(await saveLog(c.as.patient(), log(yesterday))).toEqual({ created: true });
    await expect(saveLog(c.as.patient(), log(today()))).rejects.toHaveProperty("fieldErrors");
    expect(await logCount(c.patient.id)).toBe(1);
  });

  it("rejects bad input with clear errors and writes nothing", async () => {
    const { c, itemId } = await withProgram();
    const ok = { patientId: c.patient.id, date: today(), [`sessions:${itemId}`]: "1" };
    const schemaCases: [Record<string, unknown>, string][] = [
      [{ spasticityNrs: "11" }, "spasticityNrs"],
      [{ pennFrequency: "5" }, "pennFrequency"],
      [{ pennSeverity: "2" }, "pennSeverity"],
      [{ pennFrequency: "0", pennSeverity: "2" }, "pennSeverity"],
      [{ note: "x".repeat(5000) }, "note"],
      [{ [`sessions:${itemId}`]: "-1" }, "sessions"],
      [{ triggers: ["aliens"] }, "triggers"],
    ];
    for (const [override, field] of schemaCases) {
      const parsed = logSchema.safeParse({ ...ok, ...override });
      expect(parsed.success, field).toBe(false);
      expect(
        parsed.error?.issues.map((i) => i.path[0]),
        field,
      ).toContain(field);
    }
    await expect(
      saveLog(c.as.patient(), logSchema.parse({ ...ok, date: addDays(today(), -8) })),
    ).rejects.toHaveProperty("fieldErrors.date");
    await expect(
      saveLog(c.as.patient(), logSchema.parse({ ...ok, date: addDays(today(), 1) })),
    ).rejects.toHaveProperty("fieldErrors.date");
    await expect(
      saveLog(c.as.patient(), logSchema.parse({ ...ok, [`sessions:${itemId}`]: "3" })),
    ).rejects.toHaveProperty(`fieldErrors.sessions:${itemId}`);
    // Another patient's id in the action: not found, nothing written for either.
    await expect(saveLog(c.as.patient2(), logSchema.parse(ok))).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(saveLog(c.as.therapist(), logSchema.parse(ok))).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect(await logCount(c.patient.id)).toBe(0);
    expect(await logCount(c.patient2.id)).toBe(0);
  });

  it("a double submit (concurrent saves of the same day) makes one log", async () => {
    const { c, db, itemId } = await withProgram();
    const input = logSchema.parse({
      patientId: c.patient.id,
      date: today(),
      [`sessions:${itemId}`]: "2",
      spasticityNrs: "4",
    });
    let results: PromiseSettledResult<{ created: boolean }>[] = [];
    const parallel = await concurrentStatements("daily_logs", async () => {
      results = await Promise.allSettled(
        Array.from({ length: 20 }, () => saveLog(c.as.patient(), input)),
      );
    });
    // On PostgreSQL the 20 saves really overlap, each on its own connection.
    if (process.env.TEST_DATABASE_URL) expect(parallel).toBeGreaterThan(2);
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    expect(results.filter((r) => r.status === "fulfilled" && r.value.created)).toHaveLength(1);
    expect(await logCount(c.patient.id)).toBe(1);
    const [log] = await db
      .select({ id: dailyLogs.id })
      .from(dailyLogs)
      .where(eq(dailyLogs.patientId, c.patient.id));
    expect(
      await db
        .select()
        .from(logItems)
        .where(eq(logItems.logId, log?.id as string)),
    ).toHaveLength(1);
  });

  it("staff see the summary and review; other clinics and other patients get not found", async () => {
    const { c } = await withProgram();
    const b = await makeClinic();
    await saveLog(
      c.as.patient(),
      logSchema.parse({ patientId: c.patient.id, date: today(), allDone: "1" }),
    );
    const summary = await getLogSummary(c.as.therapist(), c.patient.id, 28);
    expect(summary.logs).toHaveLength(1);
    // The program started today: nothing was prescribed on the days before today.
    expect(summary.adherence).toEqual([
      { days: 7, ratio: null },
      { days: 14, ratio: null },
      { days: 28, ratio: null },
    ]);
    await reviewLogs(c.as.therapist(), {
      patientId: c.patient.id,
      reviewedThrough: today(),
      note: "Good start",
    });
    expect((await getLogSummary(c.as.patient(), c.patient.id)).latestReview).toMatchObject({
      note: "Good start",
      reviewedThrough: today(),
    });
    await expect(getLogSummary(b.as.therapist(), c.patient.id)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(getLogSummary(c.as.patient2(), c.patient.id)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(
      reviewLogs(c.as.patient(), { patientId: c.patient.id, reviewedThrough: today() }),
    ).rejects.toBeInstanceOf(NotFoundError);
    const row = await caseloadRow(c.as.therapist(), c.patient.id);
    expect(row?.lastLogDate).toBe(today());
    // The program started today: nothing was prescribed in the 14 days ending yesterday.
    expect(row?.adherence14).toBeNull();
    expect(await caseloadRow(b.as.therapist(), c.patient.id)).toBeUndefined();
  });
});

describe("log summary: the programs it reads", () => {
  it("reads the programs whose last day is in its window, the first day of the window included", async () => {
    const c = await makeClinic();
    const db = await getDb();
    const t = today();
    const from = addDays(t, -28); // the first day of the 28-day window ending yesterday
    // Ended long before the window, ending on its first day, and running through it.
    await programSpanning(c, "Long ended", addDays(t, -90), addDays(t, -60), 1);
    const lastDayFirst = await programSpanning(c, "Ends on day one", addDays(t, -40), from, 2);
    await programSpanning(c, "Running", addDays(t, -27), addDays(t, 30), 1);
    const [log] = await db
      .insert(dailyLogs)
      .values({ clinicId: c.clinic.id, patientId: c.patient.id, logDate: from })
      .returning({ id: dailyLogs.id });
    await db
      .insert(logItems)
      .values({ logId: log?.id as string, programItemId: lastDayFirst, sessionsDone: 2 });

    const summary = await getLogSummary(c.as.therapist(), c.patient.id, 28);
    // Day one: the 2 sessions prescribed by the program ending that day, both done.
    expect(summary.daily.find((d) => d.date === from)?.ratio).toBe(1);
    // 28 days: 2 sessions done of 2 + 27 × 1 prescribed (CLINICAL §6's formula, weekly doses).
    expect(summary.adherence.find((a) => a.days === 28)?.ratio).toBeCloseTo(14 / (14 + 27 * 7));
    expect(summary.adherence.find((a) => a.days === 7)?.ratio).toBe(0);
  });
});
