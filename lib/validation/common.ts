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
    }, `That ${label} does not exist.`);

export const uuid = z.uuid();

/** Empty form fields mean "not given". */
export const emptyToUndefined = (v: unknown) =>
  typeof v === "string" && v.trim() === "" ? undefined : v;

/** A checkbox: present ("on") means true. */
export const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());
