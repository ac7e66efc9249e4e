import { z } from "zod";
import { MUSCLE_GROUPS, SIDES } from "@/lib/clinical/mas";
import { emptyToUndefined, isoDate, NO_NUL, noNul } from "./common";

export const ORAL_DRUGS = [
  "baclofen",
  "gabapentin",
  "tizanidine",
  "dantrolene",
  "nabiximols",
  "other",
] as const;
export type OralDrug = (typeof ORAL_DRUGS)[number];
export const ORAL_DRUG_LABEL: Record<OralDrug, string> = {
  baclofen: "Baclofen (first line)",
  gabapentin: "Gabapentin (first line)",
  tizanidine: "Tizanidine (second line)",
  dantrolene: "Dantrolene (second line)",
  nabiximols: "Nabiximols",
  other: "Other",
};
export const STOP_REASONS = ["ineffective", "side_effects", "other"] as const;
export type StopReason = (typeof STOP_REASONS)[number];
export const STOP_REASON_LABEL: Record<StopReason, string> = {
  ineffective: "Not effective",
  side_effects: "Side effects",
  other: "Other reason",
};

const patientId = z.uuid({ error: "Unknown patient." });

export const oralTreatmentSchema = z
  .object({
    patientId,
    drug: z.enum(ORAL_DRUGS, { error: "Choose the drug from the list." }),
    drugOther: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .trim()
        .refine(noNul, NO_NUL)
        .max(100, "Keep the name under 100 characters.")
        .optional(),
    ),
    dose: z
      .string({ error: "Enter the dose." })
      .trim()
      .refine(noNul, NO_NUL)
      .min(1, "Enter the dose, e.g. 10 mg three times a day.")
      .max(200, "Keep the dose under 200 characters."),
    startedOn: isoDate("start date"),
  })
  .refine((v) => v.drug !== "other" || v.drugOther, {
    path: ["drugOther"],
    message: "Name the drug.",
  });

export const stopTreatmentSchema = z.object({
  patientId,
  treatmentId: z.uuid({ error: "Unknown treatment." }),
  stoppedOn: isoDate("stop date"),
  stopReason: z.enum(STOP_REASONS, { error: "Choose why it was stopped." }),
});

export const toxinInjectionSchema = z.object({
  patientId,
  injectedOn: isoDate("injection date"),
  muscleGroup: z.enum(MUSCLE_GROUPS, { error: "Choose the injected muscle group." }),
  side: z.enum(SIDES, { error: "Choose the side." }),
  units: z.coerce
    .number({ error: "Enter the units as a whole number." })
    .int("Enter the units as a whole number.")
    .min(1, "Enter at least 1 unit.")
    .max(1000, "That is more than 1,000 units: check the dose."),
  product: z
    .string({ error: "Enter the product." })
    .trim()
    .refine(noNul, NO_NUL)
    .min(1, "Enter the product, e.g. onabotulinumtoxinA.")
    .max(100, "Keep the product under 100 characters."),
});

export const pumpSchema = z.object({ patientId, startedOn: isoDate("implant date") });
export const stopPumpSchema = z.object({
  patientId,
  pumpId: z.uuid({ error: "Unknown pump." }),
  stoppedOn: isoDate("stop date"),
});
