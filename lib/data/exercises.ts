import "server-only";
import { and, asc, eq, inArray, isNull, or } from "drizzle-orm";
import type { z } from "zod";
import { type Db, getDb } from "@/db/client";
import { exercises } from "@/db/schema";
import type { Viewer } from "@/lib/auth/viewer-type";
import type { ExerciseKind } from "@/lib/clinical/dosage";
import type { MuscleGroup } from "@/lib/clinical/mas";
import type { exerciseSchema } from "@/lib/validation/program";
import { audit } from "./audit";
import { FieldError } from "./errors";
import { requireStaff } from "./guards";

export interface ExerciseDto {
  id: string;
  name: string;
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
  builtIn: boolean;
}

const columns = {
  id: exercises.id,
  name: exercises.name,
  kind: exercises.kind,
  muscleGroups: exercises.muscleGroups,
  summary: exercises.summary,
  steps: exercises.steps,
  safety: exercises.safety,
  holdSeconds: exercises.holdSeconds,
  repetitions: exercises.repetitions,
  sets: exercises.sets,
  sessionsPerDay: exercises.sessionsPerDay,
  daysPerWeek: exercises.daysPerWeek,
  clinicId: exercises.clinicId,
};

/** Built-in exercises and this clinic's own: the only ones the viewer may see or assign. */
export const visibleExerciseWhere = (viewer: Viewer) =>
  or(isNull(exercises.clinicId), eq(exercises.clinicId, viewer.clinicId));

const toDto = ({
  clinicId,
  ...row
}: { clinicId: string | null } & Omit<ExerciseDto, "builtIn">): ExerciseDto => ({
  ...row,
  builtIn: clinicId === null,
});

/** Staff: the exercise library (built-ins first, then the clinic's own), by name. */
export async function listExercises(viewer: Viewer): Promise<ExerciseDto[]> {
  const db = await getDb();
  await requireStaff(db, viewer, "exercise.list");
  const rows = await db
    .select(columns)
    .from(exercises)
    .where(visibleExerciseWhere(viewer))
    .orderBy(asc(exercises.name));
  return rows.map(toDto);
}

/** The visible exercises among `ids`, by id (used to check and describe program items). */
export async function exercisesById(
  db: Db,
  viewer: Viewer,
  ids: string[],
): Promise<Map<string, ExerciseDto>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select(columns)
    .from(exercises)
    .where(and(inArray(exercises.id, ids), visibleExerciseWhere(viewer)));
  return new Map(rows.map((r) => [r.id, toDto(r)]));
}

/** Staff: add a clinic-specific exercise (built-ins are read-only). */
export async function createExercise(
  viewer: Viewer,
  input: z.infer<typeof exerciseSchema>,
): Promise<{ id: string }> {
  const db = await getDb();
  await requireStaff(db, viewer, "exercise.create");
  const steps = input.steps
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);
  const safety = (input.safety ?? "")
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (steps.length > 15) throw new FieldError({ steps: ["Use at most 15 steps."] });
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(exercises)
      .values({
        clinicId: viewer.clinicId,
        name: input.name,
        kind: input.kind,
        muscleGroups: input.muscleGroups,
        summary: input.summary,
        steps,
        safety,
        holdSeconds: input.kind === "stretch" ? (input.holdSeconds ?? 30) : null,
        repetitions: input.repetitions,
        sets: input.kind === "strength" ? (input.sets ?? 1) : null,
        sessionsPerDay: input.sessionsPerDay,
        daysPerWeek: input.daysPerWeek,
        createdBy: viewer.userId,
      })
      .returning({ id: exercises.id });
    if (!row) throw new Error("insert returned no row");
    await audit(tx, viewer, {
      action: "exercise.create",
      entityType: "exercise",
      entityId: row.id,
    });
    return row;
  });
}
