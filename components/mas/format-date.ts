/**
 * Calendar dates (YYYY-MM-DD) are days, not instants: parse and format them in UTC so a viewer's
 * or server's time zone can never move "12 Mar 2026" to the 11th.
 */

const DAY_MONTH_YEAR = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});
const MONTH_YEAR = new Intl.DateTimeFormat("en-GB", {
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});
const DAY_MONTH = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  timeZone: "UTC",
});

/** "2026-03-12" → the instant of midnight UTC on that day. */
export function parseIsoDate(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00Z`);
}

/** "2026-03-12" → "12 Mar 2026". */
export function formatDate(isoDate: string): string {
  return DAY_MONTH_YEAR.format(parseIsoDate(isoDate));
}

/** Axis ticks: "Mar 2026" on long ranges, "12 Mar" when ticks fall within a few weeks. */
export function formatAxisDate(date: Date, granularity: "month" | "day"): string {
  return (granularity === "month" ? MONTH_YEAR : DAY_MONTH).format(date);
}
