import {
  compareGrades,
  type MasGrade,
  MUSCLE_GROUPS,
  type MuscleGroup,
  SIDES,
  type Side,
} from "./mas";

export interface ScoredAssessment {
  id: string;
  assessedOn: string;
  /** Recording order: of two assessments on one date, the later-recorded wins. */
  seq: number;
  scores: { muscleGroup: MuscleGroup; side: Side; grade: MasGrade }[];
}

export interface KeySummary {
  muscleGroup: MuscleGroup;
  side: Side;
  latest: { grade: MasGrade; assessedOn: string };
  previous: { grade: MasGrade; assessedOn: string } | null;
  /** Rank difference latest − previous: > 0 worse, < 0 better, null when there is no previous. */
  change: number | null;
}

/** Assessments oldest first, ties by recording order. */
export function chronological<T extends { assessedOn: string; seq: number }>(
  items: readonly T[],
): T[] {
  return [...items].sort((a, b) =>
    a.assessedOn === b.assessedOn ? a.seq - b.seq : a.assessedOn < b.assessedOn ? -1 : 1,
  );
}

/** Every key ever graded: its latest grade and the one before, in clinical order (lower limb first). */
export function summariseKeys(assessments: readonly ScoredAssessment[]): KeySummary[] {
  const byKey = new Map<string, { grade: MasGrade; assessedOn: string }[]>();
  for (const assessment of chronological(assessments)) {
    for (const score of assessment.scores) {
      const key = `${score.muscleGroup}:${score.side}`;
      const list = byKey.get(key) ?? [];
      // Same date twice: the later-recorded assessment replaces the earlier one.
      if (list.at(-1)?.assessedOn === assessment.assessedOn) list.pop();
      list.push({ grade: score.grade, assessedOn: assessment.assessedOn });
      byKey.set(key, list);
    }
  }
  const out: KeySummary[] = [];
  for (const muscleGroup of MUSCLE_GROUPS) {
    for (const side of SIDES) {
      const list = byKey.get(`${muscleGroup}:${side}`);
      const latest = list?.at(-1);
      if (!list || !latest) continue;
      const previous = list.at(-2) ?? null;
      out.push({
        muscleGroup,
        side,
        latest,
        previous,
        change: previous ? compareGrades(latest.grade, previous.grade) : null,
      });
    }
  }
  return out;
}

/** The highest latest grade across keys, or null when nothing was graded. */
export function highestLatestGrade(summaries: readonly KeySummary[]): MasGrade | null {
  let best: MasGrade | null = null;
  for (const s of summaries)
    if (best === null || compareGrades(s.latest.grade, best) > 0) best = s.latest.grade;
  return best;
}
