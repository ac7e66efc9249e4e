"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { clientIp } from "@/lib/auth/client-ip";
import { FieldError } from "@/lib/data/errors";
import { redeemCode } from "@/lib/data/invites";
import {
  echoValues,
  type FormState,
  formToObject,
  issuesToFieldErrors,
} from "@/lib/forms/form-state";
import { redeemSchema } from "@/lib/validation/auth";

/** Public action: anyone holding a valid one-time code may set the password it is for. */
export async function redeemAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const raw = formToObject(formData);
  const fail = (error: string, fieldErrors: Record<string, string[] | undefined>): FormState => ({
    status: "error",
    error,
    fieldErrors,
    values: echoValues(raw),
    submittedAt: Date.now(),
  });
  const parsed = redeemSchema.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors = issuesToFieldErrors(parsed.error.issues);
    return fail("Please correct the highlighted fields.", fieldErrors);
  }
  try {
    await redeemCode(parsed.data, clientIp(await headers()));
  } catch (error) {
    if (error instanceof FieldError) return fail(error.message, error.fieldErrors);
    console.error("[action invite.redeem]", error);
    return fail("Something went wrong on our side and nothing was saved. Please try again.", {});
  }
  redirect("/login?passwordSet=1");
}
