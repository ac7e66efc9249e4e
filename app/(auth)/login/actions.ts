"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { signIn } from "@/lib/auth/auth";
import { MfaChallengeExpired, MfaCodeRejected, MfaCodeRequired } from "@/lib/auth/mfa-errors";
import {
  echoValues,
  type FormState,
  formToObject,
  issuesToFieldErrors,
} from "@/lib/forms/form-state";
import { loginSchema, mfaCodeSchema, safeNextPath } from "@/lib/validation/auth";

// One message for unknown email, wrong password and locked account: no account enumeration.
const LOGIN_FAILED =
  "That email and password did not match, or the account is locked for a while after too many attempts. Check and try again, or ask your clinic.";
const CODE_FAILED =
  "That code did not work, or the account is locked for a while after too many attempts. Enter the 6 digits your app shows now, or one of your recovery codes.";
const CHALLENGE_EXPIRED = "Sign-in took too long. Please enter your email and password again.";
const UNAVAILABLE = "Sign-in is unavailable right now; please try again in a few minutes.";

/** What the form needs for the second step: the signed challenge (never the password). */
export interface LoginStep {
  step: "code";
  challenge: string;
  email: string;
}

const failed = (
  raw: Record<string, string | string[]>,
  error: string,
  fieldErrors: Record<string, string[] | undefined> = {},
): FormState<LoginStep> => ({
  status: "error",
  error,
  fieldErrors,
  values: echoValues(raw),
  submittedAt: Date.now(),
});

/**
 * Public action, two steps. Step 1: email + password; when the account uses two-step sign-in
 * the answer is a signed, 5-minute challenge and the form asks for a code. Step 2: challenge +
 * code. next-auth verifies both (throttled, audited) and redirects on success.
 */
export async function loginAction(
  _previous: FormState<LoginStep>,
  formData: FormData,
): Promise<FormState<LoginStep>> {
  const raw = formToObject(formData);
  if (typeof raw.challenge === "string" && raw.challenge) {
    const parsed = mfaCodeSchema.safeParse(raw);
    if (!parsed.success) {
      return failed(raw, "Enter the code.", issuesToFieldErrors(parsed.error.issues));
    }
    try {
      await signIn("credentials", {
        challenge: parsed.data.challenge,
        code: parsed.data.code,
        redirectTo: safeNextPath(parsed.data.next),
      });
    } catch (error) {
      if (error instanceof MfaChallengeExpired) {
        const { challenge: _dropped, ...rest } = raw;
        return failed(rest, CHALLENGE_EXPIRED);
      }
      if (error instanceof MfaCodeRejected || error instanceof CredentialsSignin) {
        return failed(raw, CODE_FAILED, { code: [CODE_FAILED] });
      }
      if (error instanceof AuthError) return failed(raw, UNAVAILABLE);
      throw error; // includes Next's redirect after a successful sign-in
    }
    return { status: "idle" };
  }

  const parsed = loginSchema.safeParse(raw);
  if (!parsed.success) {
    return failed(raw, "Please fill in both fields.", issuesToFieldErrors(parsed.error.issues));
  }
  try {
    await signIn("credentials", {
      email: parsed.data.email,
      password: parsed.data.password,
      redirectTo: safeNextPath(parsed.data.next),
    });
  } catch (error) {
    if (error instanceof MfaCodeRequired) {
      return {
        status: "ok",
        message: "Password accepted. Now enter the code from your authenticator app.",
        data: { step: "code", challenge: error.challenge, email: parsed.data.email },
        submittedAt: Date.now(),
      };
    }
    if (error instanceof CredentialsSignin) return failed(raw, LOGIN_FAILED);
    // Anything else (database down, configuration): not the user's fault, and no stack trace.
    if (error instanceof AuthError) return failed(raw, UNAVAILABLE);
    throw error; // includes Next's redirect after a successful sign-in
  }
  return { status: "idle" };
}
