import type { MasGrade, MuscleGroup, Side } from "@/lib/clinical/mas";
import type { AssessmentDto } from "@/lib/data/assessments";

let counter = 0;

/** A minimal effective assessment for component tests and previews. */
export function fakeAssessment(
  assessedOn: string,
  scores: [MuscleGroup, Side, MasGrade][],
  extra: Partial<AssessmentDto> = {},
): AssessmentDto {
  counter += 1;
  const id = `00000000-0000-4000-8000-${String(counter).padStart(12, "0")}`;
  return {
    id,
    rootId: id,
    supersedesId: null,
    assessedOn,
    seq: counter,
    assessorName: "Test Therapist",
    position: "supine",
    hoursSinceOralDose: null,
    daysSinceToxin: null,
    fasciculations: false,
    weakness: false,
    wasting: false,
    notes: null,
    amendmentReason: null,
    recordedAt: `${assessedOn}T10:00:00.000Z`,
    amended: false,
    scores: scores.map(([muscleGroup, side, grade]) => ({ muscleGroup, side, grade })),
    ...extra,
  };
}
