import { MUSCLE_GROUP_INFO, type MuscleGroup, masRank } from "./mas";
import type { KeySummary } from "./mas-history";

/**
 * Muscle groups to suggest first when building a program: those graded 1+ or higher on their
 * latest assessment, with the grades as the reason ("Calf: left 3, right 1+").
 */
export function suggestedGroups(
  summaries: readonly KeySummary[],
): Partial<Record<MuscleGroup, string>> {
  const out: Partial<Record<MuscleGroup, string>> = {};
  for (const s of summaries) {
    if (masRank(s.latest.grade) < masRank("1+")) continue;
    const label = MUSCLE_GROUP_INFO[s.muscleGroup].short;
    const part = `${s.side} ${s.latest.grade}`;
    out[s.muscleGroup] = out[s.muscleGroup]
      ? `${out[s.muscleGroup]}, ${part}`
      : `${label} graded ${part}`;
  }
  return out;
}
