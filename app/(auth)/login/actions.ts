"use server";

import { AuthError } from "next-auth";
import { signIn } from "@/lib/auth/auth";
import {
  echoValues,
  type FormState,
  formToObject,
  issuesToFieldErrors,
} from "@/lib/forms/form-state";
import { loginSchema, safeNextPath } from "@/lib/validation/auth";

// One message for unknown email, wrong password and locked account: no account enumeration.
const LOGIN_FAILED =
  "That email and password did not match, or the account is locked for a while after too many attempts. Check and try again, or ask your clinic.";

/** Public action: validates, then lets next-auth verify (throttled, audited) and redirect. */
export async function loginAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const raw = formToObject(formData);
  const parsed = loginSchema.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors = issuesToFieldErrors(parsed.error.issues);
    return {
      status: "error",
      error: "Please fill in both fields.",
      fieldErrors,
      values: echoValues(raw),
      submittedAt: Date.now(),
    };
  }
  try {
    await signIn("credentials", {
      email: parsed.data.email,
      password: parsed.data.password,
      redirectTo: safeNextPath(parsed.data.next),
    });
  } catch (error) {
    if (error instanceof AuthError) {
      return {
        status: "error",
        error: LOGIN_FAILED,
        fieldErrors: {},
        values: echoValues(raw),
        submittedAt: Date.now(),
      };
    }
    throw error; // includes Next's redirect after a successful sign-in
  }
  return { status: "idle" };
}
