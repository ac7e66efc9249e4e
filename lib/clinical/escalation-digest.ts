/**
 * The part of a patient's MAS history that the escalation rules (CLINICAL.md §5) can still read,
 * so that the daily recompute of a whole caseload does not re-read years of scores. Pure.
 *
 * For every date on or after the latest score (`asOf >= maxDate`), the rules give exactly the same
 * flags, reasons included, from the digest's scores as from all of them, with the triggers dated
 * before `triggersFrom` left out (a property test holds this against the rules). Per key, it keeps:
 * - the scores from the one just before the key's run (the run's boundary) to the latest, which
 *   covers the run, its span, the two latest scores (R1b) and the latest grade (R5);
 * - the scores 28–84 days after each toxin injection of the key (R3's non-response windows).
 * Triggers count only within 14 days before D, the persistent runs' last score (R1a), or before
 * asOf (R1c), which is on or after the latest score: so `triggersFrom` is D, or else the latest
 * score's date, minus 14 days.
 */
import { addDays, daysBetween } from "./dates";
import type { EscalationInput } from "./escalation";
import { isHighGrade, type MasGrade } from "./mas";

type Score = EscalationInput["scores"][number];
type Treatment = EscalationInput["treatments"][number];

// The contract's days (as in escalation.ts).
const RUN_MAX_GAP = 180;
const PHT_MIN_SPAN = 28;
const TOXIN_WINDOW_FROM = 28;
const TOXIN_WINDOW_TO = 84;
const TRIGGER_WINDOW = 14;

export interface ScoreDigest {
  /** The kept scores, in input order (several scores of a key on one date: the last still wins). */
  scores: Score[];
  /** Triggers before this date cannot change the flags; null: no scores, keep every trigger. */
  triggersFrom: string | null;
  /** The latest score date: the digest holds for `asOf` on or after it only. */
  maxDate: string | null;
}

export function digestScores(scores: Score[], treatments: Treatment[]): ScoreDigest {
  // Per key, its effective grade per date (the last in input order wins on a date).
  const byKey = new Map<string, Map<string, MasGrade>>();
  let maxDate: string | null = null;
  for (const s of scores) {
    const id = `${s.muscleGroup}:${s.side}`;
    const dates = byKey.get(id) ?? new Map<string, MasGrade>();
    dates.set(s.assessedOn, s.grade);
    byKey.set(id, dates);
    if (maxDate === null || s.assessedOn > maxDate) maxDate = s.assessedOn;
  }
  const injections = new Map<string, string[]>();
  for (const t of treatments) {
    if (t.kind !== "botulinum_toxin" || !t.muscleGroup || !t.side) continue;
    const id = `${t.muscleGroup}:${t.side}`;
    injections.set(id, [...(injections.get(id) ?? []), t.startedOn]);
  }

  const keep = new Set<string>(); // "key@date"
  let D: string | null = null;
  for (const [id, grades] of byKey) {
    const dates = [...grades.keys()].sort();
    // The run's first index, walking back from the latest while high and no gap over 180 days.
    let first = dates.length - 1;
    if (isHighGrade(grades.get(dates[first] as string) as MasGrade))
      while (
        first > 0 &&
        isHighGrade(grades.get(dates[first - 1] as string) as MasGrade) &&
        daysBetween(dates[first - 1] as string, dates[first] as string) <= RUN_MAX_GAP
      )
        first--;
    // From the score before the run (or before the latest when there is no run).
    const from = Math.max(0, first - 1);
    for (const date of dates.slice(from)) keep.add(`${id}@${date}`);
    const latest = dates.at(-1) as string;
    const persistent =
      first < dates.length - 1 && daysBetween(dates[first] as string, latest) >= PHT_MIN_SPAN;
    if (persistent && (D === null || latest > D)) D = latest;
    for (const injected of injections.get(id) ?? []) {
      const opens = addDays(injected, TOXIN_WINDOW_FROM);
      const closes = addDays(injected, TOXIN_WINDOW_TO);
      for (const date of dates.slice(0, from))
        if (date >= opens && date <= closes) keep.add(`${id}@${date}`);
    }
  }
  return {
    scores: scores.filter((s) => keep.has(`${s.muscleGroup}:${s.side}@${s.assessedOn}`)),
    triggersFrom: maxDate === null ? null : addDays(D ?? maxDate, -TRIGGER_WINDOW),
    maxDate,
  };
}
