import { z } from "zod";
import { RELIEF_TOOLS, SYMPTOMS, TRIGGERS } from "@/lib/clinical/log-options";
import { emptyToUndefined, isoDate, NO_NUL, noNul } from "./common";

const scale = (label: string, max: number) =>
  z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ error: `Choose a number from 0 to ${max} for ${label}.` })
      .int(`Choose a number from 0 to ${max} for ${label}.`)
      .min(0, `Choose a number from 0 to ${max} for ${label}.`)
      .max(max, `Choose a number from 0 to ${max} for ${label}.`)
      .optional(),
  );

const list = <T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z.preprocess(
    (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.enum(values, { error: `Unknown ${what}.` })).max(values.length),
  );

const yesNo = z
  .preprocess(
    (v) => (v === undefined || v === "" ? "no" : v),
    z.enum(["yes", "no"], { error: "Answer yes or no." }),
  )
  .transform((v) => v === "yes");

/** Form fields `sessions:<programItemId>` → [{ programItemId, sessionsDone }]. */
function collectSessions(raw: unknown) {
  if (!raw || typeof raw !== "object" || Array.isArray((raw as { sessions?: unknown }).sessions))
    return raw;
  const sessions = Object.entries(raw as Record<string, unknown>)
    .filter(([key]) => key.startsWith("sessions:"))
    .map(([key, value]) => ({ programItemId: key.slice("sessions:".length), sessionsDone: value }));
  return { ...(raw as object), sessions };
}

export const logSchema = z.preprocess(
  collectSessions,
  z
    .object({
      patientId: z.uuid({ error: "This record was not found." }),
      date: isoDate("day"),
      allDone: z.preprocess((v) => v === "1" || v === "on", z.boolean()),
      sessions: z
        .array(
          z.object({
            programItemId: z.uuid({ error: "Unknown exercise." }),
            sessionsDone: z.coerce
              .number({ error: "Choose how many sessions you did." })
              .int("Choose how many sessions you did.")
              .min(0, "Choose how many sessions you did.")
              .max(5, "Choose how many sessions you did."),
          }),
        )
        .max(40),
      spasticityNrs: scale("spasticity", 10),
      pain: scale("pain", 10),
      pennFrequency: scale("spasm frequency", 4),
      pennSeverity: z.preprocess(
        emptyToUndefined,
        z.coerce
          .number({ error: "Choose mild, moderate or severe." })
          .int()
          .min(1, "Choose mild, moderate or severe.")
          .max(3, "Choose mild, moderate or severe.")
          .optional(),
      ),
      symptoms: list(SYMPTOMS, "symptom"),
      triggers: list(TRIGGERS, "trigger"),
      newWeakness: yesNo,
      wasting: yesNo,
      relief: list(RELIEF_TOOLS, "relief tool"),
      waterGlasses: z.preprocess(
        emptyToUndefined,
        z.coerce
          .number({ error: "Enter the number of glasses." })
          .int("Enter a whole number of glasses.")
          .min(0, "Enter 0 or more glasses.")
          .max(40, "That is more than 40 glasses: check the number.")
          .optional(),
      ),
      note: z.preprocess(
        emptyToUndefined,
        z
          .string()
          .trim()
          .refine(noNul, NO_NUL)
          .max(2000, "Keep the note under 2,000 characters.")
          .optional(),
      ),
    })
    .refine((v) => v.pennSeverity === undefined || (v.pennFrequency ?? 0) > 0, {
      path: ["pennSeverity"],
      message: "Severity only applies when you had spasms: choose how often first.",
    }),
);
export type LogInput = z.infer<typeof logSchema>;

export const reviewSchema = z.object({
  patientId: z.uuid({ error: "Unknown patient." }),
  reviewedThrough: isoDate("date reviewed up to"),
  note: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .trim()
      .refine(noNul, NO_NUL)
      .max(2000, "Keep the note under 2,000 characters.")
      .optional(),
  ),
});
