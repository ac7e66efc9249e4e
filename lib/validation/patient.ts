import { z } from "zod";
import { emptyToUndefined, isoDate, NO_NUL, noNul } from "./common";

export const MS_TYPES = ["RRMS", "SPMS", "PPMS", "other"] as const;
export type MsType = (typeof MS_TYPES)[number];

export const MS_TYPE_LABELS: Record<MsType, string> = {
  RRMS: "Relapsing-remitting (RRMS)",
  SPMS: "Secondary progressive (SPMS)",
  PPMS: "Primary progressive (PPMS)",
  other: "Other or not yet classified",
};

const name = (label: string) =>
  z
    .string({ error: `Enter the ${label}.` })
    .trim()
    .refine(noNul, NO_NUL)
    .min(1, `Enter the ${label}.`)
    .max(100, `Use at most 100 characters for the ${label}.`);

/** The fields a therapist enters for a patient (create and update share it). */
export const patientInputSchema = z.object({
  givenName: name("given name"),
  familyName: name("family name"),
  dateOfBirth: isoDate("date of birth"),
  msType: z.enum(MS_TYPES, { error: "Choose the type of MS from the list." }),
  diagnosisYear: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ error: "Enter the year as four digits." })
      .int("Enter the year as four digits.")
      .min(1900, "Enter a year after 1900.")
      .max(2200, "Enter a year that has happened.")
      .optional(),
  ),
  primaryTherapistId: z.preprocess(
    emptyToUndefined,
    z.uuid({ error: "Choose a therapist from the list." }).optional(),
  ),
});
export type PatientInput = z.infer<typeof patientInputSchema>;

export const patientIdSchema = z.object({ patientId: z.uuid({ error: "Unknown patient." }) });
export const updatePatientSchema = patientInputSchema.extend(patientIdSchema.shape);

export const caseloadFilterSchema = z.object({
  q: z
    .preprocess(emptyToUndefined, z.string().trim().refine(noNul, NO_NUL).max(100).optional())
    .catch(undefined),
  mine: z.preprocess((v) => v === "1" || v === "on", z.boolean()).catch(false),
  archived: z.preprocess((v) => v === "1" || v === "on", z.boolean()).catch(false),
  sort: z.enum(["flags", "name", "grade", "assessed", "adherence"]).catch("flags"),
  nolog: z.preprocess((v) => v === "1" || v === "on", z.boolean()).catch(false),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
export type CaseloadFilter = z.infer<typeof caseloadFilterSchema>;

/** Patients per caseload page: a screenful to scan, and a page that stays fast in a big clinic. */
export const CASELOAD_PAGE_SIZE = 25;
