import "server-only";
import type { z } from "zod";
import type { FormState } from "@/lib/forms/form-state";
import { type ActionHandler, type ActionOptions, runFormAction } from "./run-form-action";
import { getViewer } from "./viewer";

/**
 * Every server action is a public endpoint. This wrapper makes the safe path the default:
 * authenticate, check the role, validate with zod, then run the handler (which calls the data
 * layer). Expected failures become typed results with the user's input echoed back; anything
 * else is logged and shown as a generic, retryable message.
 */
export function withViewer<S extends z.ZodType, T = undefined>(
  options: ActionOptions<S>,
  handler: ActionHandler<S, T>,
) {
  return async (_previous: FormState<T>, formData: FormData): Promise<FormState<T>> =>
    runFormAction(getViewer, options, handler, formData);
}
