import "server-only";
import { and, asc, eq, isNull, max, sql } from "drizzle-orm";
import type { z } from "zod";
import { type Db, getDb } from "@/db/client";
import { prepared } from "@/db/prepared";
import {
  programItems,
  programPauses,
  programs,
  programTemplates,
  programVersions,
} from "@/db/schema";
import type { Viewer } from "@/lib/auth/viewer-type";
import { addDays, todayIn } from "@/lib/clinical/dates";
import type { ExerciseKind, ItemSide } from "@/lib/clinical/dosage";
import type { MuscleGroup } from "@/lib/clinical/mas";
import {
  isProgramActiveOn,
  lastDay,
  type ProgramStatus,
  plannedEnd,
  programStatus,
  versionInForce,
} from "@/lib/clinical/program-schedule";
import type {
  ProgramInput,
  ProgramVersionInput,
  programCommandSchema,
} from "@/lib/validation/program";
import { audit, auditDenied, auditPatientRead } from "./audit";
import { ConflictError, FieldError, isUniqueViolation, NotFoundError, RuleError } from "./errors";
import { isUuid, requireStaff } from "./guards";
import { readVisiblePatient, requireVisiblePatient } from "./patient-access";
import { normaliseItems } from "./program-items";
import { memoForRequest } from "./request-memo";

export interface ProgramItemDto {
  id: string;
  exerciseId: string;
  exerciseName: string;
  kind: ExerciseKind;
  muscleGroups: MuscleGroup[];
  summary: string;
  steps: string[];
  safety: string[];
  holdSeconds: number | null;
  repetitions: number;
  sets: number | null;
  sessionsPerDay: number;
  daysPerWeek: number;
  side: ItemSide;
  note: string | null;
}
export interface ProgramVersionDto {
  id: string;
  versionNo: number;
  effectiveFrom: string;
  changeNote: string | null;
  createdByName: string;
  items: ProgramItemDto[];
}
export interface ProgramDto {
  id: string;
  patientId: string;
  title: string;
  startDate: string;
  endDate: string;
  endedOn: string | null;
  lastDay: string;
  status: ProgramStatus;
  versions: ProgramVersionDto[];
  pauses: { id: string; pausedFrom: string; resumedOn: string | null }[];
  /** The version in force today, or the first one for a planned program. */
  current: ProgramVersionDto | null;
}

/**
 * A patient's programs with every version, its items and exercises, and the pauses: in one
 * statement, built once (db/prepared). `recent`: only those whose last day is `lastDayFrom` or
 * later.
 */
const programsQuery = prepared((db) => {
  const build = (recent: boolean) =>
    db.query.programs.findMany({
      columns: {
        id: true,
        patientId: true,
        title: true,
        startDate: true,
        endDate: true,
        endedOn: true,
      },
      // Callbacks, not the table's columns: a relational query aliases its tables.
      where: (p) =>
        and(
          eq(p.patientId, sql.placeholder("patientId")),
          eq(p.clinicId, sql.placeholder("clinicId")),
          // lastDay() in SQL: the planned end, or the day it was ended if earlier.
          recent
            ? sql`least(coalesce(${p.endedOn}, ${p.endDate}), ${p.endDate}) >= ${sql.placeholder("lastDayFrom")}`
            : undefined,
        ),
      orderBy: (p) => [asc(p.startDate), asc(p.createdAt)],
      with: {
        versions: {
          columns: { id: true, versionNo: true, effectiveFrom: true, changeNote: true },
          orderBy: (v) => [asc(v.versionNo)],
          with: {
            createdByUser: { columns: { name: true } },
            items: {
              columns: {
                id: true,
                exerciseId: true,
                holdSeconds: true,
                repetitions: true,
                sets: true,
                sessionsPerDay: true,
                daysPerWeek: true,
                side: true,
                note: true,
              },
              orderBy: (i) => [asc(i.position)],
              with: {
                exercise: {
                  columns: {
                    name: true,
                    kind: true,
                    muscleGroups: true,
                    summary: true,
                    steps: true,
                    safety: true,
                  },
                },
              },
            },
          },
        },
        pauses: {
          columns: { id: true, pausedFrom: true, resumedOn: true },
          orderBy: (p) => [asc(p.pausedFrom)],
        },
      },
    });
  return {
    recent: build(true).prepare("programs_recent"),
    all: build(false).prepare("programs_all"),
  };
});

/**
 * A patient's programs with versions, items and pauses, in ONE statement whatever their number
 * (a relational query). `lastDayFrom`: only the programs whose last day is that date or later
 * (with today: those not "ended"), for pages about today or a recent day.
 */
export async function loadPrograms(
  db: Db,
  viewer: Viewer,
  patientId: string,
  today: string,
  { lastDayFrom }: { lastDayFrom?: string } = {},
): Promise<ProgramDto[]> {
  const statements = programsQuery(db);
  const values = { patientId, clinicId: viewer.clinicId, lastDayFrom };
  const rows = await (lastDayFrom ? statements.recent : statements.all).execute(values);
  return rows.map(({ versions, pauses, ...program }) => {
    const programVersionsList: ProgramVersionDto[] = versions.map(
      ({ createdByUser, items, ...v }) => ({
        ...v,
        createdByName: createdByUser.name,
        items: items.map(({ exercise, ...item }) => ({
          ...item,
          exerciseName: exercise.name,
          kind: exercise.kind,
          muscleGroups: exercise.muscleGroups,
          summary: exercise.summary,
          steps: exercise.steps,
          safety: exercise.safety,
        })),
      }),
    );
    const current =
      versionInForce(programVersionsList, today < program.startDate ? program.startDate : today) ??
      programVersionsList[0] ??
      null;
    return {
      ...program,
      lastDay: lastDay(program),
      status: programStatus(program, pauses, today),
      versions: programVersionsList,
      pauses,
      current,
    };
  });
}

/**
 * Staff of the clinic, or the patient themselves: the patient's programs, oldest first; all of
 * them, or with `lastDayFrom` only those whose last day is that date or later (the patient page
 * shows the programs of the last weeks; a long-treated patient's ended ones have their own page).
 */
export async function listPrograms(
  viewer: Viewer,
  patientId: string,
  { lastDayFrom }: { lastDayFrom?: string } = {},
): Promise<ProgramDto[]> {
  const db = await getDb();
  await readVisiblePatient(db, viewer, patientId, "program.read");
  await auditPatientRead(db, viewer, patientId, "patient.read");
  return patientPrograms(db, viewer, patientId, todayIn(viewer.clinicTimeZone), lastDayFrom);
}

/**
 * For reads: a patient's programs as of `today` (those whose last day is `lastDayFrom` or later,
 * if given), loaded once per request: the programs panel and the log summary of the patient page
 * ask for the same four weeks and share one statement. The caller has checked access.
 */
export function patientPrograms(
  db: Db,
  viewer: Viewer,
  patientId: string,
  today: string,
  lastDayFrom?: string,
) {
  return memoForRequest(viewer, `programs:${patientId}:${today}:${lastDayFrom ?? "all"}`, () =>
    loadPrograms(db, viewer, patientId, today, { lastDayFrom }),
  );
}

export interface TodaysItem extends ProgramItemDto {
  programId: string;
  programTitle: string;
}

/** A patient's own items for today: every active, unpaused program's version in force today. */
export async function listTodaysItems(
  viewer: Viewer,
  patientId: string,
): Promise<{ today: string; programs: ProgramDto[]; items: TodaysItem[] }> {
  const db = await getDb();
  await readVisiblePatient(db, viewer, patientId, "program.read");
  await auditPatientRead(db, viewer, patientId, "patient.read");
  const today = todayIn(viewer.clinicTimeZone);
  // Ended programs (most of a long-treated patient's, with every version and exercise) are not
  // read: "today" shows the programs in force, paused or planned.
  const programs = await loadPrograms(db, viewer, patientId, today, { lastDayFrom: today });
  const items: TodaysItem[] = [];
  for (const p of programs) {
    if (!isProgramActiveOn(p, p.pauses, today)) continue;
    const version = versionInForce(p.versions, today);
    for (const item of version?.items ?? [])
      items.push({ ...item, programId: p.id, programTitle: p.title });
  }
  return { today, programs, items };
}

/** Staff: assign a new program (version 1) to a patient of the clinic. */
export async function createProgram(viewer: Viewer, input: ProgramInput): Promise<{ id: string }> {
  const db = await getDb();
  await requireStaff(db, viewer, "program.create");
  const patient = await requireVisiblePatient(db, viewer, input.patientId, "program.create");
  if (patient.archivedAt)
    throw new RuleError(
      "This patient is archived. Restore them to the caseload before assigning a program.",
    );
  const today = todayIn(viewer.clinicTimeZone);
  if (input.startDate < today)
    throw new FieldError({ startDate: ["The program cannot start in the past."] });
  if (input.startDate > addDays(today, 90))
    throw new FieldError({ startDate: ["Start the program within the next 90 days."] });
  if (input.templateId) {
    const [template] = await db
      .select({ id: programTemplates.id })
      .from(programTemplates)
      .where(
        and(
          eq(programTemplates.id, input.templateId),
          eq(programTemplates.clinicId, viewer.clinicId),
        ),
      );
    if (!template) throw new FieldError({ templateId: ["Unknown template."] });
  }
  const rows = await normaliseItems(db, viewer, input.items);
  return db.transaction(async (tx) => {
    const [program] = await tx
      .insert(programs)
      .values({
        clinicId: viewer.clinicId,
        patientId: input.patientId,
        title: input.title,
        startDate: input.startDate,
        endDate: plannedEnd(input.startDate, input.weeks),
        templateId: input.templateId ?? null,
        createdBy: viewer.userId,
      })
      .returning({ id: programs.id });
    if (!program) throw new Error("insert returned no row");
    const [version] = await tx
      .insert(programVersions)
      .values({
        programId: program.id,
        versionNo: 1,
        effectiveFrom: input.startDate,
        createdBy: viewer.userId,
      })
      .returning({ id: programVersions.id });
    if (!version) throw new Error("insert returned no row");
    await tx.insert(programItems).values(rows.map((r) => ({ ...r, versionId: version.id })));
    await audit(tx, viewer, {
      action: "program.create",
      entityType: "program",
      entityId: program.id,
      patientId: input.patientId,
      details: { items: rows.length },
    });
    return program;
  });
}

async function findProgram(
  db: Db,
  viewer: Viewer,
  patientId: string,
  programId: string,
  action: string,
) {
  await requireStaff(db, viewer, action);
  await requireVisiblePatient(db, viewer, patientId, action);
  const [program] = isUuid(programId)
    ? await db
        .select({
          id: programs.id,
          startDate: programs.startDate,
          endDate: programs.endDate,
          endedOn: programs.endedOn,
        })
        .from(programs)
        .where(
          and(
            eq(programs.id, programId),
            eq(programs.patientId, patientId),
            eq(programs.clinicId, viewer.clinicId),
          ),
        )
    : [];
  if (!program) {
    await auditDenied(db, viewer, action, "program", isUuid(programId) ? programId : null);
    throw new NotFoundError("program");
  }
  return program;
}

/**
 * Staff: change a program's items from a date by adding a version; earlier versions stay for
 * the adherence history. Two edits saved at once: one wins, the other is told to reload.
 */
export async function addProgramVersion(
  viewer: Viewer,
  input: ProgramVersionInput,
): Promise<{ versionNo: number }> {
  const db = await getDb();
  const program = await findProgram(
    db,
    viewer,
    input.patientId,
    input.programId,
    "program.version",
  );
  const today = todayIn(viewer.clinicTimeZone);
  const last = lastDay(program);
  if (today > last) throw new RuleError("This program has ended. Assign a new program instead.");
  const earliest = program.startDate > today ? program.startDate : today;
  if (input.effectiveFrom < earliest)
    throw new FieldError({
      effectiveFrom: ["The change cannot start before today or before the program starts."],
    });
  if (input.effectiveFrom > last)
    throw new FieldError({ effectiveFrom: ["The change must start before the program ends."] });
  const rows = await normaliseItems(db, viewer, input.items);
  const [latest] = await db
    .select({ n: max(programVersions.versionNo) })
    .from(programVersions)
    .where(eq(programVersions.programId, program.id));
  const versionNo = (latest?.n ?? 0) + 1;
  try {
    await db.transaction(async (tx) => {
      const [version] = await tx
        .insert(programVersions)
        .values({
          programId: program.id,
          versionNo,
          effectiveFrom: input.effectiveFrom,
          changeNote: input.changeNote ?? null,
          createdBy: viewer.userId,
        })
        .returning({ id: programVersions.id });
      if (!version) throw new Error("insert returned no row");
      await tx.insert(programItems).values(rows.map((r) => ({ ...r, versionId: version.id })));
      await audit(tx, viewer, {
        action: "program.version",
        entityType: "program",
        entityId: program.id,
        patientId: input.patientId,
        details: { versionNo },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new ConflictError(
        "Someone else changed this program at the same time. Reload it, then make your change again.",
      );
    throw error;
  }
  return { versionNo };
}

/** Staff: pause, resume or end a program. */
export async function runProgramCommand(
  viewer: Viewer,
  input: z.infer<typeof programCommandSchema>,
): Promise<void> {
  const db = await getDb();
  const program = await findProgram(
    db,
    viewer,
    input.patientId,
    input.programId,
    `program.${input.command}`,
  );
  const today = todayIn(viewer.clinicTimeZone);
  const last = lastDay(program);
  if (today > last) throw new RuleError("This program has already ended.");
  if (input.date < today) throw new FieldError({ date: ["Choose today or a later date."] });
  if (input.date > last) throw new FieldError({ date: ["Choose a date before the program ends."] });
  const [open] = await db
    .select({ id: programPauses.id, pausedFrom: programPauses.pausedFrom })
    .from(programPauses)
    .where(and(eq(programPauses.programId, program.id), isNull(programPauses.resumedOn)));
  await db.transaction(async (tx) => {
    if (input.command === "pause") {
      if (open) throw new RuleError("This program is already paused.");
      await tx
        .insert(programPauses)
        .values({ programId: program.id, pausedFrom: input.date, createdBy: viewer.userId });
    } else if (input.command === "resume") {
      if (!open) throw new RuleError("This program is not paused.");
      if (input.date <= open.pausedFrom)
        throw new FieldError({ date: ["Resume after the day the pause started."] });
      await tx
        .update(programPauses)
        .set({ resumedOn: input.date })
        .where(eq(programPauses.id, open.id));
    } else {
      await tx
        .update(programs)
        .set({ endedOn: input.date })
        .where(and(eq(programs.id, program.id), eq(programs.clinicId, viewer.clinicId)));
      if (open)
        await tx
          .update(programPauses)
          .set({ resumedOn: addDays(input.date, 1) })
          .where(eq(programPauses.id, open.id));
    }
    await audit(tx, viewer, {
      action: `program.${input.command}`,
      entityType: "program",
      entityId: program.id,
      patientId: input.patientId,
      details: { date: input.date },
    });
  });
}
