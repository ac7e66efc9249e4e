import "server-only";
import type { Db } from "@/db/client";
import type { Viewer } from "@/lib/auth/viewer-type";
import type { ItemInput } from "@/lib/validation/program";
import { FieldError } from "./errors";
import { exercisesById } from "./exercises";

/**
 * Check items against their exercises (visible to the viewer; a stretch needs a hold) and
 * normalise the dosage to the exercise's kind. Throws FieldError keyed by form field.
 */
export async function normaliseItems(db: Db, viewer: Viewer, items: ItemInput[]) {
  const found = await exercisesById(db, viewer, [...new Set(items.map((i) => i.exerciseId))]);
  const errors: Record<string, string[]> = {};
  const rows = items.map((item, index) => {
    const exercise = found.get(item.exerciseId);
    if (!exercise) {
      errors[`items:${index}:exerciseId`] = ["This exercise is not in your clinic's library."];
      errors.items = ["One of the exercises is not in your clinic's library."];
      return null;
    }
    if (exercise.kind === "stretch" && item.holdSeconds === undefined) {
      errors[`items:${index}:holdSeconds`] = ["A stretch needs a hold time (10 to 120 seconds)."];
      errors.items = ["Check the highlighted exercises."];
    }
    return {
      exerciseId: item.exerciseId,
      position: index,
      holdSeconds: exercise.kind === "stretch" ? (item.holdSeconds ?? null) : null,
      repetitions: item.repetitions,
      sets: exercise.kind === "strength" ? (item.sets ?? 1) : null,
      sessionsPerDay: item.sessionsPerDay,
      daysPerWeek: item.daysPerWeek,
      side: item.side,
      note: item.note ?? null,
    };
  });
  if (Object.keys(errors).length > 0) throw new FieldError(errors);
  return rows.filter((r): r is NonNullable<typeof r> => r !== null);
}
