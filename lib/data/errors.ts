import "server-only";
/** The record does not exist for this viewer (missing, other clinic, other patient): answer 404. */
export class NotFoundError extends Error {
  constructor(what = "record") {
    super(`${what} not found`);
    this.name = "NotFoundError";
  }
}

/** Input that passed the schema but breaks a rule that needs the database (e.g. email taken). */
export class FieldError extends Error {
  constructor(
    readonly fieldErrors: Record<string, string[]>,
    message = "Please correct the highlighted fields.",
  ) {
    super(message);
    this.name = "FieldError";
  }
}

/** The request is understood but refused by a business rule the user can act on. */
export class RuleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RuleError";
  }
}

/** Someone else changed the record since the user loaded it (optimistic concurrency). */
export class ConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConflictError";
  }
}

/** Postgres unique violation (23505), from either driver. */
export function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: string }).code === "23505") return true;
  }
  return false;
}

/** The database connection was lost or refused (SQLSTATE 08xxx, 57P01–03, postgres.js, sockets). */
export { isConnectionLost } from "@/db/client";

export const CONNECTION_LOST_MESSAGE =
  "The connection to the database was lost. Nothing was saved; please try again.";
