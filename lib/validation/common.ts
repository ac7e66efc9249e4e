import { z } from "zod";

/** A calendar date as YYYY-MM-DD that exists (no 2025-02-30). */
export const isoDate = (label: string) =>
  z
    .string({ error: `Enter the ${label}.` })
    .trim()
    .min(1, `Enter the ${label}.`)
    .regex(/^\d{4}-\d{2}-\d{2}$/, `Enter the ${label} as YYYY-MM-DD.`)
    .refine((s) => {
      const d = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
    }, `That ${label} does not exist.`)
    // PostgreSQL has no year 0 and dates far out overflow what is computed from them (a
    // program's end): the clinic's dates all fall well inside these years.
    .refine(
      (s) => s >= EARLIEST_DATE && s <= LATEST_DATE,
      `Enter a ${label} between the years 1900 and 2999.`,
    );

export const EARLIEST_DATE = "1900-01-01";
export const LATEST_DATE = "2999-12-31";

export const uuid = z.uuid();

/**
 * PostgreSQL text cannot hold the NUL character (U+0000): it would fail the insert (a generic
 * "something went wrong"). No keyboard types it, so it is refused like any other invalid input.
 */
export const noNul = (s: string) => !s.includes("\u0000");
export const NO_NUL = "Remove the hidden control character (NUL) from this text.";

/** Empty form fields mean "not given". */
export const emptyToUndefined = (v: unknown) =>
  typeof v === "string" && v.trim() === "" ? undefined : v;

/** A checkbox: present ("on") means true. */
export const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());
