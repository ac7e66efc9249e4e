import { z } from "zod";
import { NO_NUL, noNul } from "./common";
import { emailSchema, newPasswordSchema } from "./password";

export const loginSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, "Enter your email address.")
    .max(254, "That email address is too long.")
    .refine(noNul, NO_NUL),
  password: z.string().min(1, "Enter your password.").max(1024, "That password is too long."),
  next: z.string().max(500).optional(),
});

/** Second sign-in step: the signed challenge from the password step and a code. */
export const mfaCodeSchema = z.object({
  challenge: z.string().min(1).max(2000),
  code: z
    .string()
    .trim()
    .min(1, "Enter the 6-digit code from your app, or a recovery code.")
    .max(64, "That code is too long."),
  next: z.string().max(500).optional(),
});

/** Confirming enrolment: the first code the authenticator app shows. */
export const totpCodeSchema = z.object({
  code: z
    .string()
    .trim()
    .transform((c) => c.replace(/\s+/g, ""))
    .pipe(z.string().regex(/^\d{6}$/, "Enter the 6 digits your app shows, like 123456.")),
});

/** Turning two-step sign-in off: the current password. */
export const disableMfaSchema = z.object({
  password: z.string().min(1, "Enter your current password.").max(1024),
});

/** Admin: the clinic's two-step sign-in rule (a checkbox: present = on). */
export const clinicMfaSettingSchema = z.object({
  requireStaffMfa: z
    .enum(["on"])
    .optional()
    .transform((v) => v === "on"),
});

export const redeemSchema = z
  .object({
    code: z
      .string()
      .trim()
      .min(1, "Enter the code from your clinic.")
      .max(40, "That code is too long."),
    email: emailSchema,
    password: newPasswordSchema,
    confirmPassword: z.string(),
  })
  .refine((v) => v.password === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "The two passwords do not match.",
  });

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password.").max(1024),
    newPassword: newPasswordSchema,
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "The two passwords do not match.",
  });

/** Only same-site paths may be a post-login destination (no open redirect). */
export function safeNextPath(next: string | undefined | null): string {
  if (!next?.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  return next;
}
