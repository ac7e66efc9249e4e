import { z } from "zod";

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;
/** How many of the most common passwords (zxcvbn-ts's list, most common first) are refused. */
export const COMMON_PASSWORDS_REFUSED = 10_000;

export const COMMON_PASSWORD_MESSAGE =
  "This password is on a list of the most common passwords, which attackers try first. Choose another: a few unrelated words work well.";

let commonPasswords: Set<string> | undefined;

/**
 * The 10,000 most common passwords, lower-cased, loaded on first use on the server only. The
 * list (~50,000 entries in @zxcvbn-ts/language-common) is required at run time through Node's
 * own loader, so no bundler puts it into browser code (this module is also imported by forms
 * for PASSWORD_MIN). In a browser the check is skipped; the server always runs it.
 */
function loadCommonPasswords(): Set<string> {
  if (commonPasswords) return commonPasswords;
  if (typeof window !== "undefined") return new Set();
  const { createRequire } = process.getBuiltinModule("node:module");
  const requireAtRunTime = createRequire(`${process.cwd()}/package.json`);
  const { dictionary } = requireAtRunTime(["@zxcvbn-ts", "language-common"].join("/")) as {
    dictionary: { "passwords-common": string[] };
  };
  commonPasswords = new Set(
    dictionary["passwords-common"].slice(0, COMMON_PASSWORDS_REFUSED).map((p) => p.toLowerCase()),
  );
  return commonPasswords;
}

/** Case-insensitive: "Password1234" is as guessable as "password1234". */
export function isCommonPassword(password: string): boolean {
  return loadCommonPasswords().has(password.toLowerCase());
}

/** Length only, no composition rules (NIST SP 800-63B), and not one of the most common passwords. */
export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters. A few unrelated words work well.`)
  .max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters.`)
  .refine((password) => !isCommonPassword(password), COMMON_PASSWORD_MESSAGE);

export const emailSchema = z
  .string()
  .trim()
  .min(1, "Enter an email address.")
  .max(254, "That email address is too long.")
  .pipe(z.email("Enter a valid email address, like name@example.org."))
  .transform((e) => e.toLowerCase());
