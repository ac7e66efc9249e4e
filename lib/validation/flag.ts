import { z } from "zod";
import { FLAG_KINDS } from "@/lib/clinical/escalation";
import { REFERRAL_GOALS } from "@/lib/clinical/flag-labels";
import { emptyToUndefined, isoDate, NO_NUL, noNul } from "./common";

const base = {
  patientId: z.uuid({ error: "Unknown patient." }),
  flagId: z.uuid({ error: "Unknown flag." }),
  /** The status the user saw: if it changed meanwhile, the action is refused (someone else acted). */
  expectedStatus: z.enum(["open", "acknowledged", "referred", "dismissed", "resolved"]),
};
const note = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .trim()
    .refine(noNul, NO_NUL)
    .max(2000, "Keep the note under 2,000 characters.")
    .optional(),
);

export const flagActionSchema = z.discriminatedUnion(
  "command",
  [
    z.object({ ...base, command: z.literal("acknowledge"), note }),
    z.object({
      ...base,
      command: z.literal("refer"),
      referralTarget: z
        .string({ error: "Say where you referred." })
        .trim()
        .refine(noNul, NO_NUL)
        .min(1, "Say where you referred (service or clinician).")
        .max(200, "Keep it under 200 characters."),
      referralDate: isoDate("referral date"),
      referralGoal: z.enum(REFERRAL_GOALS, { error: "Choose the goal of the referral." }),
      note,
    }),
    z.object({
      ...base,
      command: z.literal("dismiss"),
      note: z
        .string({ error: "Say why you dismiss this flag." })
        .trim()
        .refine(noNul, NO_NUL)
        .min(1, "Say why you dismiss this flag.")
        .max(2000, "Keep the note under 2,000 characters."),
    }),
  ],
  { error: "Unknown action." },
);
export type FlagActionInput = z.infer<typeof flagActionSchema>;

export const flagFilterSchema = z.object({
  kind: z.enum(FLAG_KINDS).optional().catch(undefined),
  status: z
    .enum(["active", "open", "acknowledged", "referred", "dismissed", "resolved", "all"])
    .catch("active"),
  therapist: z.uuid().optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
export type FlagFilter = z.infer<typeof flagFilterSchema>;
