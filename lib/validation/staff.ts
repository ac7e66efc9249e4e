import { z } from "zod";
import { NO_NUL, noNul } from "./common";
import { emailSchema } from "./password";

export const createStaffSchema = z.object({
  name: z
    .string()
    .trim()
    .refine(noNul, NO_NUL)
    .min(1, "Enter the person's name.")
    .max(100, "Use at most 100 characters."),
  email: emailSchema,
  role: z.enum(["therapist", "admin"], { error: "Choose therapist or clinic admin." }),
});

export const staffIdSchema = z.object({ userId: z.uuid({ error: "Unknown account." }) });

export const staffCommandSchema = staffIdSchema.extend({
  command: z.enum(["disable", "enable", "unlock", "reset", "reset_mfa"], {
    error: "Unknown command.",
  }),
});
