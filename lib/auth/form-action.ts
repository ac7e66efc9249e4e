import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { getDb } from "@/db/client";
import { auditDenied } from "@/lib/data/audit";
import { FieldError, NotFoundError, RuleError } from "@/lib/data/errors";
import {
  echoValues,
  type FormState,
  formToObject,
  issuesToFieldErrors,
} from "@/lib/forms/form-state";
import { getViewer } from "./viewer";
import type { Role, Viewer } from "./viewer-type";

type Handler<S extends z.ZodType, T> = (
  viewer: Viewer,
  input: z.infer<S>,
) => Promise<{ message?: string; data?: T } | undefined | void>;

/**
 * Every server action is a public endpoint. This wrapper makes the safe path the default:
 * authenticate, check the role, validate with zod, then run the handler (which calls the data
 * layer). Expected failures become typed results with the user's input echoed back; anything
 * else is logged and shown as a generic, retryable message.
 */
export function formAction<S extends z.ZodType, T = undefined>(
  options: { roles: readonly Role[]; schema: S; name: string },
  handler: Handler<S, T>,
) {
  return async (_previous: FormState<T>, formData: FormData): Promise<FormState<T>> => {
    const raw = formToObject(formData);
    const fail = (
      error: string,
      fieldErrors: Record<string, string[] | undefined> = {},
    ): FormState<T> => ({
      status: "error",
      error,
      fieldErrors,
      values: echoValues(raw),
      submittedAt: Date.now(),
    });
    try {
      const viewer = await getViewer();
      if (!viewer) return fail("Your session has ended. Please sign in again; nothing was saved.");
      if (!options.roles.includes(viewer.role)) {
        await auditDenied(await getDb(), viewer, options.name, "action", null);
        return fail("This record was not found.");
      }
      const parsed = options.schema.safeParse(raw);
      if (!parsed.success) {
        const fieldErrors = issuesToFieldErrors(parsed.error.issues);
        return fail("Please correct the highlighted fields.", fieldErrors);
      }
      const result = await handler(viewer, parsed.data);
      return {
        status: "ok",
        message: result?.message,
        data: result?.data,
        submittedAt: Date.now(),
      };
    } catch (error) {
      unstable_rethrow(error); // redirect() and notFound() are control flow, not failures
      if (error instanceof FieldError) return fail(error.message, error.fieldErrors);
      if (error instanceof NotFoundError) return fail("This record was not found.");
      if (error instanceof RuleError) return fail(error.message);
      console.error(`[action ${options.name}]`, error);
      return fail("Something went wrong on our side and nothing was saved. Please try again.");
    }
  };
}
