/**
 * Modified Ashworth Scale (Bohannon & Smith, 1987). 1+ is a grade of its own: grades are codes,
 * never numbers. The rank exists only to sort, compare and plot.
 */
export const MAS_GRADES = ["0", "1", "1+", "2", "3", "4"] as const;
export type MasGrade = (typeof MAS_GRADES)[number];

export const SIDES = ["left", "right"] as const;
export type Side = (typeof SIDES)[number];

export const MUSCLE_GROUPS = [
  "hip_flexors",
  "hip_adductors",
  "hip_extensors",
  "knee_flexors",
  "knee_extensors",
  "ankle_plantarflexors",
  "shoulder_adductors",
  "elbow_flexors",
  "elbow_extensors",
  "forearm_pronators",
  "wrist_flexors",
  "finger_flexors",
] as const;
export type MuscleGroup = (typeof MUSCLE_GROUPS)[number];

export const MUSCLE_GROUP_INFO: Record<
  MuscleGroup,
  { label: string; short: string; limb: "lower" | "upper" }
> = {
  hip_flexors: { label: "Hip flexors", short: "Hip flexors", limb: "lower" },
  hip_adductors: { label: "Hip adductors", short: "Hip adductors", limb: "lower" },
  hip_extensors: { label: "Hip extensors", short: "Hip extensors", limb: "lower" },
  knee_flexors: { label: "Hamstrings (knee flexors)", short: "Hamstrings", limb: "lower" },
  knee_extensors: { label: "Quadriceps (knee extensors)", short: "Quadriceps", limb: "lower" },
  ankle_plantarflexors: { label: "Calf (ankle plantarflexors)", short: "Calf", limb: "lower" },
  shoulder_adductors: {
    label: "Shoulder adductors / internal rotators",
    short: "Shoulder adductors",
    limb: "upper",
  },
  elbow_flexors: { label: "Elbow flexors", short: "Elbow flexors", limb: "upper" },
  elbow_extensors: { label: "Elbow extensors", short: "Elbow extensors", limb: "upper" },
  forearm_pronators: { label: "Forearm pronators", short: "Forearm pronators", limb: "upper" },
  wrist_flexors: { label: "Wrist flexors", short: "Wrist flexors", limb: "upper" },
  finger_flexors: { label: "Finger flexors", short: "Finger flexors", limb: "upper" },
};

export const SIDE_LABEL: Record<Side, string> = { left: "left", right: "right" };

/** What each grade means, in words for the assessment form and legends. */
export const MAS_MEANING: Record<MasGrade, string> = {
  "0": "No increase in muscle tone.",
  "1": "Slight increase: a catch and release, or minimal resistance at the end of the range.",
  "1+": "Slight increase: a catch, then minimal resistance through less than half of the remaining range.",
  "2": "More marked increase through most of the range, but the limb still moves easily.",
  "3": "Considerable increase in tone; passive movement is difficult.",
  "4": "Rigid in flexion or extension.",
};

const RANK: Record<MasGrade, number> = { "0": 0, "1": 1, "1+": 2, "2": 3, "3": 4, "4": 5 };

export function masRank(grade: MasGrade): number {
  return RANK[grade];
}

export function isMasGrade(value: unknown): value is MasGrade {
  return typeof value === "string" && (MAS_GRADES as readonly string[]).includes(value);
}

export function isMuscleGroup(value: unknown): value is MuscleGroup {
  return typeof value === "string" && (MUSCLE_GROUPS as readonly string[]).includes(value);
}

/** High tone for escalation: grade 3 or 4. 1+ is never high. */
export function isHighGrade(grade: MasGrade): boolean {
  return RANK[grade] >= 4;
}

/** "Hamstrings (knee flexors), left": the accessible name of a muscle group on a side. */
export function keyLabel(muscleGroup: MuscleGroup, side: Side): string {
  return `${MUSCLE_GROUP_INFO[muscleGroup].label}, ${SIDE_LABEL[side]}`;
}

/** Short form for dense tables and reasons: "L calf", "R hamstrings". */
export function keyShortLabel(muscleGroup: MuscleGroup, side: Side): string {
  return `${side === "left" ? "L" : "R"} ${MUSCLE_GROUP_INFO[muscleGroup].short.toLowerCase()}`;
}

/** Grades compared by rank: > 0 when a is higher than b. */
export function compareGrades(a: MasGrade, b: MasGrade): number {
  return RANK[a] - RANK[b];
}

export const POSITIONS = ["supine", "sitting", "standing", "side_lying"] as const;
export type Position = (typeof POSITIONS)[number];
export const POSITION_LABEL: Record<Position, string> = {
  supine: "Supine",
  sitting: "Sitting",
  standing: "Standing",
  side_lying: "Side-lying",
};

export const NEURO_SIGNS = ["fasciculations", "weakness", "wasting"] as const;
export type NeuroSign = (typeof NEURO_SIGNS)[number];
export const NEURO_SIGN_LABEL: Record<NeuroSign, string> = {
  fasciculations: "Fasciculations (visible twitching of muscle fibres)",
  weakness: "New weakness",
  wasting: "Muscle wasting",
};
