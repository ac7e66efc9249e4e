"use server";

import { redirect } from "next/navigation";
import { AuthError } from "next-auth";
import { z } from "zod";
import { signIn, signOut } from "@/lib/auth/auth";
import { getEnrollingUser, getEnrolmentOnlyUser, getViewer } from "@/lib/auth/viewer";
import { withViewer } from "@/lib/auth/with-viewer";
import { endSessions } from "@/lib/data/account";
import { FieldError, RuleError } from "@/lib/data/errors";
import { confirmEnrolment, disableMfa, regenerateRecoveryCodes } from "@/lib/data/mfa";
import {
  echoValues,
  type FormState,
  formToObject,
  issuesToFieldErrors,
} from "@/lib/forms/form-state";
import { disableMfaSchema, totpCodeSchema } from "@/lib/validation/auth";

export interface EnrolmentResult {
  recoveryCodes: string[];
  ticket: string;
}

/**
 * Any signed-in user, and the enrolment-only session of staff whose clinic requires two-step
 * sign-in (which withViewer refuses by design, so this action authenticates and validates
 * itself): confirm enrolment with the first code. Returns the 10 recovery codes, shown once.
 */
export async function confirmEnrolmentAction(
  _previous: FormState<EnrolmentResult>,
  formData: FormData,
): Promise<FormState<EnrolmentResult>> {
  const raw = formToObject(formData);
  const fail = (error: string, fieldErrors: Record<string, string[] | undefined> = {}) => ({
    status: "error" as const,
    error,
    fieldErrors,
    values: echoValues(raw),
    submittedAt: Date.now(),
  });
  const user = await getEnrollingUser();
  if (!user) return fail("Your session has ended. Please sign in again; nothing was saved.");
  const parsed = totpCodeSchema.safeParse(raw);
  if (!parsed.success) {
    return fail("Please correct the highlighted fields.", issuesToFieldErrors(parsed.error.issues));
  }
  try {
    const result = await confirmEnrolment(user, parsed.data.code);
    return {
      status: "ok",
      message: "Two-step sign-in is on. Save your recovery codes now: they are shown only once.",
      data: result,
      submittedAt: Date.now(),
    };
  } catch (error) {
    if (error instanceof FieldError) return fail(error.message, error.fieldErrors);
    if (error instanceof RuleError) return fail(error.message);
    console.error("[action mfa.enrol]", error);
    return fail("Something went wrong on our side and nothing was saved. Please try again.");
  }
}

const continueSchema = z.object({ ticket: z.string().min(1).max(2000) });

/**
 * After enrolment, once the recovery codes are noted: replace the session (enrolment-only or
 * full) with a full one, using the signed ticket the enrolment returned. Pre-session style.
 */
export async function continueAfterEnrolmentAction(formData: FormData): Promise<void> {
  const parsed = continueSchema.safeParse(formToObject(formData));
  const destination = (await getViewer()) ? "/account?mfaEnabled=1" : "/";
  if (!parsed.success) redirect("/login");
  try {
    await signIn("credentials", { ticket: parsed.data.ticket, redirectTo: destination });
  } catch (error) {
    if (error instanceof AuthError) redirect("/login");
    throw error; // Next's redirect after the sign-in
  }
}

/**
 * The enrolment-only session's way out (the usual sign-out needs a full session). Like it, it
 * ends every copy of the session (audited), then clears the cookie.
 */
export async function signOutEnrolmentAction(): Promise<void> {
  const user = (await getViewer()) ?? (await getEnrolmentOnlyUser());
  if (!user) redirect("/login");
  await endSessions(user);
  await signOut({ redirectTo: "/login?signedOut=1" });
}

/** Any role, two-step sign-in on: new recovery codes replace the old ones, shown once. */
export const regenerateRecoveryCodesAction = withViewer(
  {
    roles: ["admin", "therapist", "patient"],
    schema: z.object({}),
    name: "mfa.recovery_codes_regenerated",
  },
  async (viewer) => {
    const recoveryCodes = await regenerateRecoveryCodes(viewer);
    return {
      message: "New recovery codes. The old ones no longer work. Save these now.",
      data: { recoveryCodes },
    };
  },
);

/** Any role, with the current password; refused for staff when the clinic requires it. */
export const disableMfaAction = withViewer(
  { roles: ["admin", "therapist", "patient"], schema: disableMfaSchema, name: "mfa.disable" },
  async (viewer, input) => {
    await disableMfa(viewer, input);
    return { message: "Two-step sign-in is off. You sign in with your password only." };
  },
);
