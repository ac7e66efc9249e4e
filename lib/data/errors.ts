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
