import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { getDb } from "@/db/client";
import { auditDenied } from "@/lib/data/audit";
import {
  CONNECTION_LOST_MESSAGE,
  ConflictError,
  FieldError,
  isConnectionLost,
  NotFoundError,
  RuleError,
} from "@/lib/data/errors";
import {
  echoValues,
  type FormState,
  formToObject,
  issuesToFieldErrors,
} from "@/lib/forms/form-state";
import type { Role, Viewer } from "./viewer-type";

export type ActionHandler<S extends z.ZodType, T> = (
  viewer: Viewer,
  input: z.infer<S>,
) => Promise<{ message?: string; data?: T } | undefined | void>;

export interface ActionOptions<S extends z.ZodType> {
  roles: readonly Role[];
  schema: S;
  name: string;
}

/** The body of every action, with the viewer lookup passed in (tests pass a known viewer or none). */
export async function runFormAction<S extends z.ZodType, T>(
  resolveViewer: () => Promise<Viewer | null>,
  options: ActionOptions<S>,
  handler: ActionHandler<S, T>,
  formData: FormData,
): Promise<FormState<T>> {
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
    const viewer = await resolveViewer();
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
    if (error instanceof RuleError || error instanceof ConflictError) return fail(error.message);
    if (isConnectionLost(error)) {
      // The server rolled the transaction back; postgres.js reconnects on the next query.
      console.error(`[action ${options.name}] database connection lost:`, errorSummary(error));
      return fail(CONNECTION_LOST_MESSAGE);
    }
    console.error(`[action ${options.name}]`, error);
    return fail("Something went wrong on our side and nothing was saved. Please try again.");
  }
}

/**
 * A one-line description of an error and its causes for the log: names, codes and messages, but
 * not drizzle's "Failed query: … params: …" text, which carries the user's input.
 */
function errorSummary(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error; e && parts.length < 5; e = (e as { cause?: unknown }).cause) {
    const { name, code, message } = e as { name?: string; code?: string; message?: string };
    const label = [name ?? "Error", code].filter(Boolean).join(" ");
    parts.push(message && !message.startsWith("Failed query") ? `${label}: ${message}` : label);
  }
  return parts.join(" <- ");
}
