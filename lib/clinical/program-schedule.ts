/**
 * When a program and its versions are in force (CLINICAL §6). Pure: dates are YYYY-MM-DD.
 * A version is in force from its effective date up to the day before the next version's
 * (same date: the later version wins); a pause covers its first day up to the day before it
 * resumes; the program runs from its start to its planned end or the day it was ended.
 */
import { addDays } from "./dates";

export interface ProgramSpan {
  startDate: string;
  endDate: string;
  endedOn: string | null;
}
export interface VersionSpan {
  versionNo: number;
  effectiveFrom: string;
}
export interface PauseSpan {
  pausedFrom: string;
  resumedOn: string | null;
}

export type ProgramStatus = "planned" | "active" | "paused" | "ended";

/** The program's last day: its planned end, or earlier if it was ended. */
export function lastDay(program: ProgramSpan): string {
  return program.endedOn && program.endedOn < program.endDate ? program.endedOn : program.endDate;
}

export function isPausedOn(pauses: readonly PauseSpan[], day: string): boolean {
  return pauses.some((p) => p.pausedFrom <= day && (p.resumedOn === null || day < p.resumedOn));
}

export function versionInForce<V extends VersionSpan>(
  versions: readonly V[],
  day: string,
): V | null {
  let best: V | null = null;
  for (const v of versions) {
    if (v.effectiveFrom > day) continue;
    if (
      !best ||
      v.effectiveFrom > best.effectiveFrom ||
      (v.effectiveFrom === best.effectiveFrom && v.versionNo > best.versionNo)
    )
      best = v;
  }
  return best;
}

/** Whether the program's items are to be done on `day`. */
export function isProgramActiveOn(
  program: ProgramSpan,
  pauses: readonly PauseSpan[],
  day: string,
): boolean {
  return program.startDate <= day && day <= lastDay(program) && !isPausedOn(pauses, day);
}

export function programStatus(
  program: ProgramSpan,
  pauses: readonly PauseSpan[],
  today: string,
): ProgramStatus {
  if (today > lastDay(program)) return "ended";
  if (today < program.startDate) return "planned";
  return isPausedOn(pauses, today) ? "paused" : "active";
}

/** The planned last day of a program of `weeks` weeks starting on `startDate`. */
export function plannedEnd(startDate: string, weeks: number): string {
  return addDays(startDate, weeks * 7 - 1);
}
