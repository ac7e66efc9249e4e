import type { BuiltInExercise } from "./built-in-exercises";

export interface StarterTemplateItem {
  /** A slug of the built-in library. */
  slug: BuiltInExercise["slug"];
  holdSeconds: number | null;
  repetitions: number;
  sets: number | null;
  sessionsPerDay: number;
  daysPerWeek: number;
  side: "left" | "right" | "both";
  note?: string;
}

export interface StarterTemplate {
  name: string;
  description: string;
  /** In the order the patient does them. */
  items: StarterTemplateItem[];
}

/** Stretch dosage of the seed routine (CLINICAL.md §3): 30 s × 3, twice a day, every day. */
const STRETCH_30 = {
  holdSeconds: 30,
  repetitions: 3,
  sets: null,
  sessionsPerDay: 2,
  daysPerWeek: 7,
  side: "both",
} as const;

/** Strength dosage: 2 sets of 10, once a day, 3 days a week. */
const STRENGTH_2X10 = {
  holdSeconds: null,
  repetitions: 10,
  sets: 2,
  sessionsPerDay: 1,
  daysPerWeek: 3,
  side: "both",
} as const;

/**
 * Starting points a therapist copies into a clinic's templates and then adjusts (side, dosage).
 * Every slug exists in BUILT_IN_EXERCISES; dosage stays within the bounds of the program tables.
 */
export const STARTER_TEMPLATES: StarterTemplate[] = [
  {
    name: "Lower-limb stretch routine",
    description:
      "Daily stretches for the leg muscles most often tight in MS: hamstrings, calves, hip flexors, inner thighs and the front of the thighs. Each stretch is held 30 seconds, 3 times, twice a day.",
    items: [
      { slug: "hamstring-stretch-seated", ...STRETCH_30 },
      { slug: "calf-stretch-standing", ...STRETCH_30 },
      { slug: "hip-flexor-stretch-bed-edge", ...STRETCH_30 },
      { slug: "inner-thigh-stretch-lying-legs-apart", ...STRETCH_30 },
      { slug: "quadriceps-stretch-side-lying", ...STRETCH_30 },
    ],
  },
  {
    name: "Calf and hamstring focus",
    description:
      "Longer, gentle holds (40 to 60 seconds) for tight calves and hamstrings, with supported positions and a strap or helper, plus ankle pumps through the day.",
    items: [
      { slug: "calf-stretch-standing", ...STRETCH_30, holdSeconds: 40 },
      {
        slug: "calf-stretch-seated-towel",
        ...STRETCH_30,
        holdSeconds: 60,
        note: "A helper can hold the foot for the full minute.",
      },
      { slug: "hamstring-stretch-seated", ...STRETCH_30, holdSeconds: 40 },
      {
        slug: "hamstring-stretch-lying-strap",
        ...STRETCH_30,
        holdSeconds: 60,
        note: "A helper can hold the leg for the full minute.",
      },
      {
        slug: "ankle-pumps",
        holdSeconds: null,
        repetitions: 20,
        sets: null,
        sessionsPerDay: 3,
        daysPerWeek: 7,
        side: "both",
      },
    ],
  },
  {
    name: "Strength before release",
    description:
      "For patients who feel less steady when tight muscles loosen: build leg strength first (2 sets of 10, three days a week), then add gentle stretches.",
    items: [
      { slug: "sit-to-stand", ...STRENGTH_2X10 },
      { slug: "bridging", ...STRENGTH_2X10 },
      { slug: "heel-raises-at-counter", ...STRENGTH_2X10 },
      { slug: "seated-knee-extension", ...STRENGTH_2X10 },
      {
        slug: "calf-stretch-seated-towel",
        ...STRETCH_30,
        sessionsPerDay: 1,
        note: "Gentle: stop at a mild pull. On strength days, do it after the strength exercises.",
      },
      {
        slug: "hamstring-stretch-lying-strap",
        ...STRETCH_30,
        sessionsPerDay: 1,
        note: "Gentle: stop at a mild pull. On strength days, do it after the strength exercises.",
      },
    ],
  },
  {
    name: "Upper-limb stretch routine",
    description:
      "Daily stretches for a tight arm: elbow, wrist and fingers, shoulder and forearm. Each stretch is held 30 seconds, 3 times, twice a day.",
    items: [
      { slug: "elbow-stretch-straight-arm", ...STRETCH_30 },
      { slug: "wrist-finger-stretch-table", ...STRETCH_30 },
      { slug: "finger-stretch-open-hand", ...STRETCH_30 },
      { slug: "shoulder-stretch-arm-out", ...STRETCH_30 },
      { slug: "forearm-stretch-palm-up", ...STRETCH_30 },
    ],
  },
];
