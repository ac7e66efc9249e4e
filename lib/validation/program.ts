import { z } from "zod";
import { DOSAGE_BOUNDS } from "@/lib/clinical/dosage";
import { MUSCLE_GROUPS } from "@/lib/clinical/mas";
import { emptyToUndefined, isoDate, NO_NUL, noNul } from "./common";

const B = DOSAGE_BOUNDS;

const whole = (label: string, min: number, max: number, message: string) =>
  z.coerce
    .number({ error: `Enter the ${label} as a whole number.` })
    .int(`Enter the ${label} as a whole number.`)
    .min(min, message)
    .max(max, message);

const optionalWhole = (label: string, min: number, max: number, message: string) =>
  z.preprocess(emptyToUndefined, whole(label, min, max, message).optional());

/** One exercise with its dosage, as the therapist sets it (program item or template item). */
export const itemSchema = z.object({
  exerciseId: z.uuid({ error: "Choose an exercise from the library." }),
  holdSeconds: optionalWhole(
    "hold",
    B.holdSeconds.min,
    B.holdSeconds.max,
    `Hold between ${B.holdSeconds.min} and ${B.holdSeconds.max} seconds.`,
  ),
  repetitions: whole(
    "repetitions",
    B.repetitions.min,
    B.repetitions.max,
    `Use ${B.repetitions.min} to ${B.repetitions.max} repetitions.`,
  ),
  sets: optionalWhole("sets", B.sets.min, B.sets.max, `Use ${B.sets.min} to ${B.sets.max} sets.`),
  sessionsPerDay: whole(
    "sessions a day",
    B.sessionsPerDay.min,
    B.sessionsPerDay.max,
    `Use ${B.sessionsPerDay.min} to ${B.sessionsPerDay.max} sessions a day.`,
  ),
  daysPerWeek: whole(
    "days a week",
    B.daysPerWeek.min,
    B.daysPerWeek.max,
    `Use ${B.daysPerWeek.min} to ${B.daysPerWeek.max} days a week.`,
  ),
  side: z.enum(["left", "right", "both"], { error: "Choose left, right or both." }),
  note: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .trim()
      .refine(noNul, NO_NUL)
      .max(300, "Keep the note under 300 characters.")
      .optional(),
  ),
});
export type ItemInput = z.infer<typeof itemSchema>;

/** Form fields `items:<index>:<field>` → an ordered list of item objects. */
export function collectItems(raw: unknown) {
  if (!raw || typeof raw !== "object" || Array.isArray((raw as { items?: unknown }).items))
    return raw;
  const byIndex = new Map<number, Record<string, unknown>>();
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const match = /^items:(\d{1,3}):(\w+)$/.exec(key);
    if (!match) continue;
    const index = Number(match[1]);
    const item = byIndex.get(index) ?? {};
    item[match[2] as string] = value;
    byIndex.set(index, item);
  }
  const items = [...byIndex.entries()].sort(([a], [b]) => a - b).map(([, item]) => item);
  return { ...(raw as object), items };
}

const items = z
  .array(itemSchema)
  .min(1, "Add at least one exercise.")
  .max(20, "A program holds at most 20 exercises: split it into two programs.");

export const programSchema = z.preprocess(
  collectItems,
  z.object({
    patientId: z.uuid({ error: "Unknown patient." }),
    title: z
      .string({ error: "Give the program a title." })
      .trim()
      .refine(noNul, NO_NUL)
      .min(1, "Give the program a title.")
      .max(120, "Keep the title under 120 characters."),
    startDate: isoDate("start date"),
    weeks: whole(
      "duration",
      B.weeks.min,
      B.weeks.max,
      `A program lasts ${B.weeks.min} to ${B.weeks.max} weeks.`,
    ),
    templateId: z.preprocess(emptyToUndefined, z.uuid().optional()),
    items,
  }),
);
export type ProgramInput = z.infer<typeof programSchema>;

export const programVersionSchema = z.preprocess(
  collectItems,
  z.object({
    patientId: z.uuid({ error: "Unknown patient." }),
    programId: z.uuid({ error: "Unknown program." }),
    effectiveFrom: isoDate("date the change starts"),
    changeNote: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .trim()
        .refine(noNul, NO_NUL)
        .max(300, "Keep the note under 300 characters.")
        .optional(),
    ),
    items,
  }),
);
export type ProgramVersionInput = z.infer<typeof programVersionSchema>;

export const programCommandSchema = z.object({
  patientId: z.uuid({ error: "Unknown patient." }),
  programId: z.uuid({ error: "Unknown program." }),
  command: z.enum(["pause", "resume", "end"], { error: "Unknown command." }),
  date: isoDate("date"),
});

export const templateSchema = z.preprocess(
  collectItems,
  z.object({
    templateId: z.preprocess(emptyToUndefined, z.uuid().optional()),
    name: z
      .string({ error: "Name the template." })
      .trim()
      .refine(noNul, NO_NUL)
      .min(1, "Name the template.")
      .max(120, "Keep the name under 120 characters."),
    description: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .trim()
        .refine(noNul, NO_NUL)
        .max(500, "Keep the description under 500 characters.")
        .optional(),
    ),
    items,
  }),
);
export type TemplateInput = z.infer<typeof templateSchema>;

export const exerciseSchema = z
  .object({
    name: z
      .string({ error: "Name the exercise." })
      .trim()
      .refine(noNul, NO_NUL)
      .min(1, "Name the exercise.")
      .max(120, "Keep the name under 120 characters."),
    kind: z.enum(["stretch", "strength", "movement"], {
      error: "Choose stretch, strength or movement.",
    }),
    muscleGroups: z.preprocess(
      (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
      z
        .array(z.enum(MUSCLE_GROUPS, { error: "Unknown muscle group." }))
        .min(1, "Choose at least one target muscle group."),
    ),
    summary: z
      .string({ error: "Say in one sentence what it is for." })
      .trim()
      .refine(noNul, NO_NUL)
      .min(1, "Say in one sentence what it is for.")
      .max(300),
    steps: z
      .string({ error: "Write the steps." })
      .trim()
      .refine(noNul, NO_NUL)
      .min(1, "Write the steps, one per line.")
      .max(3000),
    safety: z.preprocess(
      emptyToUndefined,
      z.string().trim().refine(noNul, NO_NUL).max(1500).optional(),
    ),
    holdSeconds: optionalWhole(
      "hold",
      B.holdSeconds.min,
      B.holdSeconds.max,
      `Hold between ${B.holdSeconds.min} and ${B.holdSeconds.max} seconds.`,
    ),
    repetitions: whole(
      "repetitions",
      B.repetitions.min,
      B.repetitions.max,
      `Use ${B.repetitions.min} to ${B.repetitions.max} repetitions.`,
    ),
    sets: optionalWhole("sets", B.sets.min, B.sets.max, `Use ${B.sets.min} to ${B.sets.max} sets.`),
    sessionsPerDay: whole(
      "sessions a day",
      B.sessionsPerDay.min,
      B.sessionsPerDay.max,
      `Use ${B.sessionsPerDay.min} to ${B.sessionsPerDay.max} sessions a day.`,
    ),
    daysPerWeek: whole(
      "days a week",
      B.daysPerWeek.min,
      B.daysPerWeek.max,
      `Use ${B.daysPerWeek.min} to ${B.daysPerWeek.max} days a week.`,
    ),
  })
  .refine((e) => e.kind !== "stretch" || e.holdSeconds !== undefined, {
    path: ["holdSeconds"],
    message: "A stretch needs a hold time (10 to 120 seconds).",
  });
