import { sql } from "drizzle-orm";
import type { Db } from "../client";
import { exercises } from "../schema";
import { BUILT_IN_EXERCISES } from "./built-in-exercises";

/**
 * Bring the built-in exercise library up to date (insert new ones, refresh wording of existing
 * ones by slug). Built-ins are product content, not demo data: every database gets them, right
 * after its migrations. Idempotent.
 */
export async function syncBuiltInExercises(db: Db): Promise<void> {
  await db
    .insert(exercises)
    .values(BUILT_IN_EXERCISES.map((e) => ({ ...e, clinicId: null })))
    .onConflictDoUpdate({
      target: exercises.slug,
      set: {
        name: sql`excluded.name`,
        kind: sql`excluded.kind`,
        muscleGroups: sql`excluded.muscle_groups`,
        summary: sql`excluded.summary`,
        steps: sql`excluded.steps`,
        safety: sql`excluded.safety`,
        holdSeconds: sql`excluded.hold_seconds`,
        repetitions: sql`excluded.repetitions`,
        sets: sql`excluded.sets`,
        sessionsPerDay: sql`excluded.sessions_per_day`,
        daysPerWeek: sql`excluded.days_per_week`,
      },
    });
}
