import { addDays } from "./dates";

/**
 * Logging streaks for encouragement: the current run of consecutive logged days ending today
 * (or yesterday, when today is not logged yet — the day is not over), and the longest run.
 */
export function logStreaks(
  loggedDates: Iterable<string>,
  today: string,
): { current: number; longest: number } {
  const days = new Set(loggedDates);
  let current = 0;
  for (let d = days.has(today) ? today : addDays(today, -1); days.has(d); d = addDays(d, -1))
    current++;
  let longest = 0;
  for (const d of days) {
    if (days.has(addDays(d, -1))) continue; // not the start of a run
    let length = 0;
    for (let x = d; days.has(x); x = addDays(x, 1)) length++;
    longest = Math.max(longest, length);
  }
  return { current, longest };
}
