/** Program dosage: the bounds of CLINICAL §3 and how a patient reads it. */
export const DOSAGE_BOUNDS = {
  holdSeconds: { min: 10, max: 120 },
  repetitions: { min: 1, max: 50 },
  sets: { min: 1, max: 10 },
  sessionsPerDay: { min: 1, max: 5 },
  daysPerWeek: { min: 1, max: 7 },
  weeks: { min: 1, max: 26 },
} as const;

export type ItemSide = "left" | "right" | "both";
export type ExerciseKind = "stretch" | "strength" | "movement";

export interface Dosage {
  kind: ExerciseKind;
  holdSeconds: number | null;
  repetitions: number;
  sets: number | null;
  sessionsPerDay: number;
  daysPerWeek: number;
  side: ItemSide;
}

const timesADay = (n: number) =>
  n === 1 ? "once a day" : n === 2 ? "twice a day" : `${n} times a day`;
const times = (n: number) => (n === 1 ? "once" : n === 2 ? "twice" : `${n} times`);
const seconds = (n: number) => (n === 1 ? "1 second" : `${n} seconds`);
const SIDE_WORDS: Record<ItemSide, string> = {
  both: "left and right",
  left: "left side only",
  right: "right side only",
};

/**
 * The dosage in plain words, e.g. "Hold 30 seconds, 3 times, twice a day — left and right" or
 * "2 sets of 10, once a day, 3 days a week — left and right".
 */
export function describeDosage(d: Dosage): string {
  const parts: string[] = [];
  if (d.kind === "stretch" && d.holdSeconds)
    parts.push(`Hold ${seconds(d.holdSeconds)}, ${times(d.repetitions)}`);
  else if (d.sets && d.sets > 1) parts.push(`${d.sets} sets of ${d.repetitions}`);
  else parts.push(`${d.repetitions} ${d.repetitions === 1 ? "time" : "times"}`);
  parts.push(timesADay(d.sessionsPerDay));
  if (d.daysPerWeek < 7)
    parts.push(d.daysPerWeek === 1 ? "1 day a week" : `${d.daysPerWeek} days a week`);
  const text = parts.join(", ");
  return `${text.charAt(0).toUpperCase()}${text.slice(1)} — ${SIDE_WORDS[d.side]}`;
}
