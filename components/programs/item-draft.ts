import type { ExerciseKind, ItemSide } from "@/lib/clinical/dosage";

/** One exercise row being edited in a program or template form (all fields as typed). */
export interface ItemDraft {
  key: string;
  exerciseId: string;
  exerciseName: string;
  kind: ExerciseKind;
  holdSeconds: string;
  repetitions: string;
  sets: string;
  sessionsPerDay: string;
  daysPerWeek: string;
  side: ItemSide;
  note: string;
}

let counter = 0;
export const draftKey = () => `d${Date.now().toString(36)}${(counter++).toString(36)}`;

export function draftFrom(source: {
  exerciseId?: string;
  id?: string;
  exerciseName?: string;
  name?: string;
  kind: ExerciseKind;
  holdSeconds: number | null;
  repetitions: number;
  sets: number | null;
  sessionsPerDay: number;
  daysPerWeek: number;
  side?: ItemSide;
  note?: string | null;
}): ItemDraft {
  return {
    key: draftKey(),
    exerciseId: source.exerciseId ?? source.id ?? "",
    exerciseName: source.exerciseName ?? source.name ?? "",
    kind: source.kind,
    holdSeconds: source.holdSeconds?.toString() ?? "",
    repetitions: String(source.repetitions),
    sets: source.sets?.toString() ?? "",
    sessionsPerDay: String(source.sessionsPerDay),
    daysPerWeek: String(source.daysPerWeek),
    side: source.side ?? "both",
    note: source.note ?? "",
  };
}
