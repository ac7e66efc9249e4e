import { z } from "zod";
import {
  isMasGrade,
  isMuscleGroup,
  MAS_GRADES,
  MUSCLE_GROUPS,
  POSITIONS,
  SIDES,
} from "@/lib/clinical/mas";
import { checkbox, emptyToUndefined, isoDate, NO_NUL, noNul } from "./common";

/** Form field name of one grid cell: `score:knee_flexors:left`. */
export const scoreFieldName = (muscleGroup: string, side: string) => `score:${muscleGroup}:${side}`;

export const masScoreSchema = z.object({
  muscleGroup: z.enum(MUSCLE_GROUPS, { error: "Unknown muscle group." }),
  side: z.enum(SIDES, { error: "Side must be left or right." }),
  grade: z.enum(MAS_GRADES, { error: "A grade must be one of 0, 1, 1+, 2, 3 or 4." }),
});
export type MasScoreInput = z.infer<typeof masScoreSchema>;

/**
 * Collect the grid's `score:<group>:<side>` fields into a list; "" means "not tested". Anything
 * that is not a known group, side or grade is kept as given, for the schema to reject by name.
 */
function collectScores(raw: unknown) {
  if (!raw || typeof raw !== "object") return raw;
  const entries = Object.entries(raw as Record<string, unknown>);
  const scores = entries
    .filter(([key, value]) => key.startsWith("score:") && value !== "")
    .map(([key, grade]) => {
      const [, muscleGroup, side] = key.split(":");
      return { muscleGroup, side, grade };
    });
  return { ...(raw as object), scores: (raw as { scores?: unknown }).scores ?? scores };
}

const intField = (label: string, max: number) =>
  z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ error: `Enter the ${label} as a whole number.` })
      .int(`Enter the ${label} as a whole number.`)
      .min(0, `The ${label} cannot be negative.`)
      .max(max, `The ${label} looks too large.`)
      .optional(),
  );

const assessmentFields = z.object({
  patientId: z.uuid({ error: "Unknown patient." }),
  assessedOn: isoDate("assessment date"),
  position: z.enum(POSITIONS, { error: "Choose the patient's position." }),
  hoursSinceOralDose: intField("hours since the last oral dose", 10_000),
  daysSinceToxin: intField("days since the last toxin injection", 100_000),
  fasciculations: checkbox,
  weakness: checkbox,
  wasting: checkbox,
  notes: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .trim()
      .refine(noNul, NO_NUL)
      .max(4000, "Keep notes under 4,000 characters.")
      .optional(),
  ),
  scores: z
    .array(masScoreSchema, { error: "Grade at least one muscle group." })
    .min(1, "Grade at least one muscle group: every cell is “not tested”.")
    .max(MUSCLE_GROUPS.length * SIDES.length)
    .refine(
      (scores) => new Set(scores.map((s) => `${s.muscleGroup}:${s.side}`)).size === scores.length,
      "Each muscle group and side can have one grade per assessment.",
    ),
});

const newAssessmentFields = assessmentFields.extend({
  /**
   * The new assessment's id, chosen when the form was rendered: sending the same form twice
   * (a retry after a lost connection, a double click) records it once.
   */
  // Anything but a UUID (a tampered form) is ignored: the assessment gets a fresh id.
  requestId: z.preprocess(emptyToUndefined, z.uuid().optional()).catch(undefined),
});
export const assessmentSchema = z.preprocess(collectScores, newAssessmentFields);
export type AssessmentInput = z.infer<typeof newAssessmentFields>;

export const amendmentSchema = z.preprocess(
  collectScores,
  assessmentFields.extend({
    supersedesId: z.uuid({ error: "Unknown assessment." }),
    amendmentReason: z
      .string({ error: "Say why this assessment is corrected." })
      .trim()
      .refine(noNul, NO_NUL)
      .min(1, "Say why this assessment is corrected.")
      .max(1000, "Keep the reason under 1,000 characters."),
  }),
);
export type AmendmentInput = z.infer<typeof amendmentSchema>;

export { isMasGrade, isMuscleGroup };
