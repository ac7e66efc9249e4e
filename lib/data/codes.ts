import "server-only";
import { createHash, randomInt } from "node:crypto";

// No 0/O, 1/I/L: codes are read aloud over the phone and typed by people with tremor.
const ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const CODE_VALID_DAYS = 7;

/** A one-time code like "KD7P-M3XQ-9TRA" (~60 bits), shown once and stored only as a hash. */
export function newOneTimeCode(): string {
  const chars = Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return [0, 4, 8].map((i) => chars.slice(i, i + 4).join("")).join("-");
}

/** Codes are typed by hand: ignore case, spaces and dashes. */
export function normaliseCode(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, "");
}

export function hashCode(code: string): string {
  return createHash("sha256").update(normaliseCode(code)).digest("hex");
}
