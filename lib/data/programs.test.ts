import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, exercises, programItems, programs, programVersions } from "@/db/schema";
import { addDays, todayIn } from "@/lib/clinical/dates";
import { makeClinic } from "@/lib/testing/fixtures";
import { programSchema, programVersionSchema, templateSchema } from "@/lib/validation/program";
import { NotFoundError } from "./errors";
import { createExercise } from "./exercises";
import {
  addProgramVersion,
  createProgram,
  listPrograms,
  listTodaysItems,
  runProgramCommand,
} from "./programs";
import { listTemplates, saveTemplate } from "./templates";

const today = () => todayIn("Europe/London");

async function builtIn(slug: string) {
  const db = await getDb();
  const [row] = await db
    .select({ id: exercises.id })
    .from(exercises)
    .where(eq(exercises.slug, slug));
  if (!row) throw new Error(`missing built-in ${slug}`);
  return row.id;
}

async function form(patientId: string, overrides: Record<string, string> = {}) {
  return {
    patientId,
    title: "Calf routine",
    startDate: today(),
    weeks: "6",
    "items:0:exerciseId": await builtIn("calf-stretch-standing"),
    "items:0:holdSeconds": "30",
    "items:0:repetitions": "3",
    "items:0:sessionsPerDay": "2",
    "items:0:daysPerWeek": "7",
    "items:0:side": "left",
    "items:1:exerciseId": await builtIn("sit-to-stand"),
    "items:1:repetitions": "10",
    "items:1:sets": "2",
    "items:1:sessionsPerDay": "1",
    "items:1:daysPerWeek": "3",
    "items:1:side": "both",
    ...overrides,
  };
}

/** [title, start, planned end, ended on] */
type Span = [string, string, string, string | null];

/** One program per span, assigned and then moved to its dates (assigning refuses past starts). */
async function programsSpanning(c: Awaited<ReturnType<typeof makeClinic>>, spans: Span[]) {
  const db = await getDb();
  for (const [title, startDate, endDate, endedOn] of spans) {
    const { id } = await createProgram(
      c.as.therapist(),
      programSchema.parse(await form(c.patient.id, { title })),
    );
    await db.update(programs).set({ startDate, endDate, endedOn }).where(eq(programs.id, id));
    await db
      .update(programVersions)
      .set({ effectiveFrom: startDate })
      .where(eq(programVersions.programId, id));
  }
}

async function rowCounts() {
  const db = await getDb();
  const [p] = await db.select({ n: count() }).from(programs);
  const [i] = await db.select({ n: count() }).from(programItems);
  return [p?.n, i?.n];
}

describe("programs", () => {
  it("assigns a program the patient sees today with exactly its dosage", async () => {
    const c = await makeClinic();
    const { id } = await createProgram(
      c.as.therapist(),
      programSchema.parse(await form(c.patient.id)),
    );
    const mine = await listTodaysItems(c.as.patient(), c.patient.id);
    expect(
      mine.items.map((i) => [
        i.exerciseName.length > 0,
        i.holdSeconds,
        i.repetitions,
        i.sets,
        i.sessionsPerDay,
        i.daysPerWeek,
        i.side,
      ]),
    ).toEqual([
      [true, 30, 3, null, 2, 7, "left"],
      [true, null, 10, 2, 1, 3, "both"],
    ]);
    const [program] = await listPrograms(c.as.therapist(), c.patient.id);
    expect(program).toMatchObject({
      id,
      status: "active",
      startDate: today(),
      endDate: addDays(today(), 41),
    });
    const db = await getDb();
    expect(
      await db.select().from(auditEvents).where(eq(auditEvents.action, "program.create")),
    ).toHaveLength(1);
  });

  it("refuses dosage outside the bounds with field errors and writes nothing", async () => {
    const c = await makeClinic();
    const before = await rowCounts();
    const cases: [Record<string, string>, string, string][] = [
      [{ "items:0:holdSeconds": "5" }, "items:0:holdSeconds", "Hold between 10 and 120 seconds."],
      [{ "items:0:holdSeconds": "200" }, "items:0:holdSeconds", "Hold between 10 and 120 seconds."],
      [{ "items:0:sessionsPerDay": "0" }, "items:0:sessionsPerDay", "Use 1 to 5 sessions a day."],
      [{ "items:1:sessionsPerDay": "9" }, "items:1:sessionsPerDay", "Use 1 to 5 sessions a day."],
      [{ weeks: "40" }, "weeks", "A program lasts 1 to 26 weeks."],
      [{ "items:0:side": "up" }, "items:0:side", "Choose left, right or both."],
    ];
    for (const [override, field, message] of cases) {
      const parsed = programSchema.safeParse(await form(c.patient.id, override));
      expect(parsed.success, field).toBe(false);
      const issue = parsed.error?.issues.find((i) => i.path.join(":") === field);
      expect(issue?.message, field).toBe(message);
    }
    // A stretch without a hold passes the schema but not the data layer.
    const noHold = programSchema.parse(await form(c.patient.id, { "items:0:holdSeconds": "" }));
    await expect(createProgram(c.as.therapist(), noHold)).rejects.toHaveProperty(
      "fieldErrors.items:0:holdSeconds",
    );
    await expect(
      createProgram(
        c.as.therapist(),
        programSchema.parse(await form(c.patient.id, { startDate: addDays(today(), -1) })),
      ),
    ).rejects.toHaveProperty("fieldErrors.startDate");
    expect(await rowCounts()).toEqual(before);
  });

  it("is hidden from other patients and other clinics, and their exercises cannot be assigned", async () => {
    const a = await makeClinic();
    const b = await makeClinic();
    await createProgram(a.as.therapist(), programSchema.parse(await form(a.patient.id)));
    await expect(listPrograms(a.as.patient2(), a.patient.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(listTodaysItems(a.as.patient2(), a.patient.id)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(listPrograms(b.as.therapist(), a.patient.id)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(
      createProgram(b.as.therapist(), programSchema.parse(await form(a.patient.id))),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      createProgram(a.as.patient(), programSchema.parse(await form(a.patient.id))),
    ).rejects.toBeInstanceOf(NotFoundError);

    const { id: privateExercise } = await createExercise(b.as.therapist(), {
      name: "Clinic B only",
      kind: "stretch",
      muscleGroups: ["hip_flexors"],
      summary: "x",
      steps: "one\ntwo",
      holdSeconds: 30,
      repetitions: 3,
      sessionsPerDay: 1,
      daysPerWeek: 7,
    });
    await expect(
      createProgram(
        a.as.therapist(),
        programSchema.parse(await form(a.patient.id, { "items:0:exerciseId": privateExercise })),
      ),
    ).rejects.toHaveProperty("fieldErrors.items:0:exerciseId");
  });

  it("changes create versions from a date; earlier versions stay; pause and end", async () => {
    const c = await makeClinic();
    const { id } = await createProgram(
      c.as.therapist(),
      programSchema.parse(await form(c.patient.id)),
    );
    const change = programVersionSchema.parse({
      ...(await form(c.patient.id, { "items:0:holdSeconds": "40" })),
      programId: id,
      effectiveFrom: addDays(today(), 2),
      changeNote: "Longer holds",
    });
    expect(await addProgramVersion(c.as.therapist(), change)).toEqual({ versionNo: 2 });
    const [program] = await listPrograms(c.as.therapist(), c.patient.id);
    expect(program?.versions.map((v) => [v.versionNo, v.items[0]?.holdSeconds])).toEqual([
      [1, 30],
      [2, 40],
    ]);
    expect(program?.current?.versionNo).toBe(1); // version 2 starts in two days
    await expect(
      addProgramVersion(c.as.therapist(), { ...change, effectiveFrom: addDays(today(), -1) }),
    ).rejects.toHaveProperty("fieldErrors.effectiveFrom");

    await runProgramCommand(c.as.therapist(), {
      patientId: c.patient.id,
      programId: id,
      command: "pause",
      date: today(),
    });
    expect((await listTodaysItems(c.as.patient(), c.patient.id)).items).toEqual([]);
    await expect(
      runProgramCommand(c.as.therapist(), {
        patientId: c.patient.id,
        programId: id,
        command: "pause",
        date: today(),
      }),
    ).rejects.toThrow(/already paused/);
    await runProgramCommand(c.as.therapist(), {
      patientId: c.patient.id,
      programId: id,
      command: "resume",
      date: addDays(today(), 1),
    });
    await runProgramCommand(c.as.therapist(), {
      patientId: c.patient.id,
      programId: id,
      command: "end",
      date: addDays(today(), 3),
    });
    const [ended] = await listPrograms(c.as.therapist(), c.patient.id);
    expect(ended?.lastDay).toBe(addDays(today(), 3));
    const db = await getDb();
    expect(
      await db.select().from(programVersions).where(eq(programVersions.programId, id)),
    ).toHaveLength(2);
  });

  it("with lastDayFrom, lists the programs whose last day is that day or later: all of them minus the earlier ones", async () => {
    const c = await makeClinic();
    const t = today();
    const from = addDays(t, -28);
    // [title, start, planned end, ended on]
    const spans: Span[] = [
      ["ended the day before", addDays(t, -60), addDays(from, -1), null],
      ["ended early the day before", addDays(t, -60), addDays(t, 10), addDays(from, -1)],
      ["last day on the day", addDays(t, -60), from, null],
      ["ended early on the day", addDays(t, -60), addDays(t, 10), from],
      ["running", addDays(t, -3), addDays(t, 30), null],
      ["planned", addDays(t, 5), addDays(t, 40), null],
    ];
    await programsSpanning(c, spans);
    const all = await listPrograms(c.as.therapist(), c.patient.id);
    const recent = await listPrograms(c.as.therapist(), c.patient.id, { lastDayFrom: from });
    expect(recent).toEqual(all.filter((p) => p.lastDay >= from));
    expect(recent.map((p) => p.title)).toEqual([
      "last day on the day",
      "ended early on the day",
      "running",
      "planned",
    ]);
    // The patient themselves may read the same, and another clinic still gets not found.
    expect(await listPrograms(c.as.patient(), c.patient.id, { lastDayFrom: from })).toEqual(recent);
    const b = await makeClinic();
    await expect(
      listPrograms(b.as.therapist(), c.patient.id, { lastDayFrom: from }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it("a patient's today reads the programs not ended: in force, paused or planned, not those ended", async () => {
    const c = await makeClinic();
    const t = today();
    // [title, start, planned end, ended on]: each program's last day against today.
    const spans: Span[] = [
      ["ended yesterday", addDays(t, -20), addDays(t, -1), null],
      ["ended early yesterday", addDays(t, -20), addDays(t, 20), addDays(t, -1)],
      ["last day today", addDays(t, -20), t, null],
      ["ended early today", addDays(t, -20), addDays(t, 20), t],
      ["ended after its planned end", addDays(t, -20), addDays(t, -2), addDays(t, 5)],
      ["running", addDays(t, -3), addDays(t, 30), null],
      ["planned", addDays(t, 5), addDays(t, 40), null],
    ];
    await programsSpanning(c, spans);
    const mine = await listTodaysItems(c.as.patient(), c.patient.id);
    // The same as reading every program and leaving out those whose status is "ended".
    const notEnded = (await listPrograms(c.as.therapist(), c.patient.id)).filter(
      (p) => p.status !== "ended",
    );
    expect(mine.programs).toEqual(notEnded);
    expect(mine.programs.map((p) => p.title)).toEqual([
      "last day today",
      "ended early today",
      "running",
      "planned",
    ]);
    expect([...new Set(mine.items.map((i) => i.programTitle))]).toEqual([
      "last day today",
      "ended early today",
      "running",
    ]);
  });

  it("templates are per clinic and keep their items", async () => {
    const a = await makeClinic();
    const b = await makeClinic();
    const raw = await form(a.patient.id);
    const { id } = await saveTemplate(
      a.as.therapist(),
      templateSchema.parse({ ...raw, name: "Morning calves" }),
    );
    expect((await listTemplates(a.as.therapist2())).map((t) => [t.name, t.items.length])).toEqual([
      ["Morning calves", 2],
    ]);
    expect(await listTemplates(b.as.therapist())).toEqual([]);
    await expect(
      saveTemplate(
        b.as.therapist(),
        templateSchema.parse({ ...raw, templateId: id, name: "Stolen" }),
      ),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(
      templateSchema.safeParse({
        ...raw,
        templateId: id,
        name: "Morning calves v2",
        "items:1:exerciseId": "",
      }).success,
    ).toBe(false);
    await saveTemplate(
      a.as.therapist(),
      templateSchema.parse({
        ...raw,
        templateId: id,
        name: "Morning calves v2",
        "items:0:holdSeconds": "45",
      }),
    );
    const [updated] = await listTemplates(a.as.therapist());
    expect([updated?.name, updated?.items[0]?.holdSeconds, updated?.items.length]).toEqual([
      "Morning calves v2",
      45,
      2,
    ]);
  });
});
