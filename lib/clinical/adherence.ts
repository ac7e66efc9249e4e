/**
 * Adherence to home programs (CLINICAL §6). Pure: dates are YYYY-MM-DD, no clock.
 *
 * Item i is active on day d when its version is the one in force on d and the program is
 * active on d (started, not past its last day, not paused). Over a window of days:
 *   A_i = active days of i, P_i = sessionsPerDay × daysPerWeek × A_i ÷ 7,
 *   D_i = sessions of i logged done on its active days,
 *   adherence = Σ min(D_i, P_i) ÷ Σ P_i, and "no data" (null) when Σ P_i = 0.
 *
 * Arithmetic is done in sevenths so that every comparison is exact: 7·P_i is the integer
 * sessionsPerDay × daysPerWeek × A_i and min(D_i, P_i) = min(7·D_i, 7·P_i) ÷ 7.
 */
import { addDays } from "./dates";
import { isProgramActiveOn, versionInForce } from "./program-schedule";

export interface AdherenceItem {
  id: string;
  sessionsPerDay: number;
  daysPerWeek: number;
}
export interface AdherenceVersion {
  versionNo: number;
  effectiveFrom: string;
  items: AdherenceItem[];
}
export interface AdherenceProgram {
  startDate: string;
  endDate: string;
  endedOn: string | null;
  pauses: { pausedFrom: string; resumedOn: string | null }[];
  versions: AdherenceVersion[];
}
export interface AdherenceLog {
  date: string;
  items: { itemId: string; sessionsDone: number }[];
}
/** ratio null = "no data" (nothing was prescribed in the window). */
export interface AdherenceResult {
  ratio: number | null;
  prescribed: number;
  done: number;
}

/** The n calendar days ending `lastDay` (inclusive), oldest first. */
export function windowDays(lastDay: string, days: number): string[] {
  const n = Number.isFinite(days) ? Math.max(0, Math.floor(days)) : 0;
  const out: string[] = [];
  for (let k = n - 1; k >= 0; k--) out.push(addDays(lastDay, -k));
  return out;
}

/** The items active on `day`, each with its weekly dose sessionsPerDay × daysPerWeek (= 7·P for one day). */
export function activeItemsOn(
  programs: readonly AdherenceProgram[],
  day: string,
): Map<string, number> {
  const active = new Map<string, number>();
  for (const program of programs) {
    if (!isProgramActiveOn(program, program.pauses, day)) continue;
    const version = versionInForce(program.versions, day);
    if (!version) continue;
    for (const item of version.items) {
      const weekly = nonNegative(item.sessionsPerDay) * nonNegative(item.daysPerWeek);
      active.set(item.id, (active.get(item.id) ?? 0) + weekly);
    }
  }
  return active;
}

function nonNegative(x: number): number {
  return Number.isFinite(x) && x > 0 ? x : 0;
}

/** Sessions done per date and item, summed over all logs (order-independent), for the given dates only. */
function doneByDay(
  logs: readonly AdherenceLog[],
  dates: ReadonlySet<string>,
): Map<string, Map<string, number>> {
  const byDay = new Map<string, Map<string, number>>();
  for (const log of logs) {
    if (!dates.has(log.date)) continue;
    let day = byDay.get(log.date);
    if (!day) {
      day = new Map();
      byDay.set(log.date, day);
    }
    for (const entry of log.items) {
      const n = nonNegative(entry.sessionsDone);
      if (n > 0) day.set(entry.itemId, (day.get(entry.itemId) ?? 0) + n);
    }
  }
  return byDay;
}

function compute(
  programs: readonly AdherenceProgram[],
  byDay: ReadonlyMap<string, ReadonlyMap<string, number>>,
  dates: readonly string[],
): AdherenceResult {
  // Per item: 7·P_i and D_i, accumulated over the item's active days only.
  const prescribed7 = new Map<string, number>();
  const done = new Map<string, number>();
  for (const date of dates) {
    const logged = byDay.get(date);
    for (const [itemId, weekly] of activeItemsOn(programs, date)) {
      prescribed7.set(itemId, (prescribed7.get(itemId) ?? 0) + weekly);
      const d = logged?.get(itemId) ?? 0;
      if (d > 0) done.set(itemId, (done.get(itemId) ?? 0) + d);
    }
  }
  let sumP7 = 0;
  let sumMin7 = 0;
  for (const [itemId, p7] of prescribed7) {
    sumP7 += p7;
    sumMin7 += Math.min(7 * (done.get(itemId) ?? 0), p7);
  }
  return {
    ratio: sumP7 > 0 ? sumMin7 / sumP7 : null,
    prescribed: sumP7 / 7,
    done: sumMin7 / 7,
  };
}

/** Adherence over the n calendar days ending `lastDay` (inclusive) — callers pass yesterday in the clinic's zone. */
export function adherence(
  programs: readonly AdherenceProgram[],
  logs: readonly AdherenceLog[],
  lastDay: string,
  days: number,
): AdherenceResult {
  const { dates, set } = sharedWindow(lastDay, days);
  return compute(programs, doneByDay(logs, set), dates);
}

/**
 * The window of the latest call, reused: a caseload asks for the same 14 days for every
 * patient on the page (and /flags for every flagged patient). Read-only for callers.
 */
let latestWindow: { key: string; dates: readonly string[]; set: ReadonlySet<string> } | null = null;
function sharedWindow(lastDay: string, days: number) {
  const key = `${lastDay}/${days}`;
  if (latestWindow?.key !== key) {
    const dates = windowDays(lastDay, days);
    latestWindow = { key, dates, set: new Set(dates) };
  }
  return latestWindow;
}

/** Per-day figures for a calendar: for each of the n days ending lastDay (oldest first), the same formula over that single day. */
export function dailyAdherence(
  programs: readonly AdherenceProgram[],
  logs: readonly AdherenceLog[],
  lastDay: string,
  days: number,
): { date: string; ratio: number | null }[] {
  const dates = windowDays(lastDay, days);
  const byDay = doneByDay(logs, new Set(dates));
  return dates.map((date) => ({ date, ratio: compute(programs, byDay, [date]).ratio }));
}

/** "82 %" / "no data" for display. Round half up to whole percent. */
export function formatAdherence(result: Pick<AdherenceResult, "ratio">): string {
  const { ratio } = result;
  if (ratio === null || !Number.isFinite(ratio)) return "no data";
  // The epsilon absorbs binary representation error (0.145 × 100 = 14.4999…) so halves round up.
  return `${Math.floor(ratio * 100 + 0.5 + 1e-9)} %`;
}
