import {
  type MasGrade,
  MUSCLE_GROUPS,
  type MuscleGroup,
  SIDES,
  type Side,
} from "@/lib/clinical/mas";
import { chronological } from "@/lib/clinical/mas-history";
import type { AssessmentDto } from "@/lib/data/assessments";

export interface KeySeries {
  muscleGroup: MuscleGroup;
  side: Side;
  /** Oldest first, one point per date. */
  points: { assessedOn: string; grade: MasGrade }[];
}

export const keyId = (muscleGroup: MuscleGroup, side: Side) => `${muscleGroup}:${side}`;

/**
 * Every muscle group and side with at least one score, in clinical order (MUSCLE_GROUPS order,
 * left then right), each with its scores over time. Of two assessments on one date the
 * later-recorded wins, the same rule as `summariseKeys`, so the chart and the latest-grades
 * table never disagree.
 */
export function keySeries(assessments: readonly AssessmentDto[]): KeySeries[] {
  const byKey = new Map<string, KeySeries["points"]>();
  for (const assessment of chronological(assessments)) {
    for (const score of assessment.scores) {
      const id = keyId(score.muscleGroup, score.side);
      const points = byKey.get(id) ?? [];
      if (points.at(-1)?.assessedOn === assessment.assessedOn) points.pop();
      points.push({ assessedOn: assessment.assessedOn, grade: score.grade });
      byKey.set(id, points);
    }
  }
  const out: KeySeries[] = [];
  for (const muscleGroup of MUSCLE_GROUPS) {
    for (const side of SIDES) {
      const points = byKey.get(keyId(muscleGroup, side));
      if (points) out.push({ muscleGroup, side, points });
    }
  }
  return out;
}
