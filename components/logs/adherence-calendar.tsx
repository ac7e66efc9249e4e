/** @jsxImportSource preact */
import { formatAxisDate, formatDate, parseIsoDate } from "@/components/mas/format-date";
import { ADHERENCE_BAND_STYLE, type AdherenceBand, adherenceBand } from "./adherence-style";
import { formatPercent, wholePercent } from "./percent";

export interface AdherenceDay {
  /** YYYY-MM-DD. */
  date: string;
  /** Share of the day's prescribed sessions done; null when nothing was prescribed that day. */
  ratio: number | null;
  /** Whether the patient sent a log for that day. */
  logged: boolean;
}

const DAY_MS = 86_400_000;
const MONTH = new Intl.DateTimeFormat("en-GB", { month: "short", timeZone: "UTC" });
const WEEKDAYS = [
  ["Mon", "Monday"],
  ["Tue", "Tuesday"],
  ["Wed", "Wednesday"],
  ["Thu", "Thursday"],
  ["Fri", "Friday"],
  ["Sat", "Saturday"],
  ["Sun", "Sunday"],
] as const;

// Every cell has a thin solid frame (keeps the lightest steps visible on white). A day without a
// log also gets a thick dotted ring drawn outside the fill, on the white page, so it shows on every
// step, dark green included: a shape cue, not a colour cue, that survives greyscale print.
const FRAME = "border border-slate-900/20";
const NO_LOG_RING = "outline-2 outline-offset-1 outline-dotted outline-slate-900";
/** Narrow no-break space: "100 %" stays on one line and fits a phone-width cell. */
const NNBSP = "\u202f";

/** "12 Mar 2026: 75 % of prescribed sessions, logged" — the whole cell in words. */
export function describeDay(day: AdherenceDay): string {
  const done =
    day.ratio === null || !Number.isFinite(day.ratio)
      ? "nothing prescribed"
      : `${formatPercent(day.ratio)} of prescribed sessions`;
  return `${formatDate(day.date)}: ${done}, ${day.logged ? "logged" : "no log"}`;
}

/** Monday of the week holding `date`, as a UTC midnight instant. */
function mondayOf(date: string): number {
  const t = parseIsoDate(date).getTime();
  const weekday = (new Date(t).getUTCDay() + 6) % 7; // Mon = 0 … Sun = 6
  return t - weekday * DAY_MS;
}

/** Days laid out in Monday-to-Sunday weeks; cells outside the period are null. */
function weeks(days: readonly AdherenceDay[]): { monday: Date; cells: (AdherenceDay | null)[] }[] {
  // One cell per date (a repeated date keeps its last entry), placed by its own date so a missing
  // day leaves an empty cell instead of shifting the rest of the week.
  const byDate = new Map(days.map((d) => [d.date, d]));
  const dates = [...byDate.keys()].sort();
  const first = dates[0];
  const last = dates.at(-1);
  if (first === undefined || last === undefined) return [];
  const start = mondayOf(first);
  const count = Math.floor((mondayOf(last) - start) / DAY_MS / 7) + 1;
  const out: { monday: Date; cells: (AdherenceDay | null)[] }[] = [];
  for (let w = 0; w < count; w++) {
    const monday = new Date(start + w * 7 * DAY_MS);
    const cells = WEEKDAYS.map((_, i) => {
      const date = new Date(monday.getTime() + i * DAY_MS).toISOString().slice(0, 10);
      return byDate.get(date) ?? null;
    });
    out.push({ monday, cells });
  }
  return out;
}

/** The printed figure of a cell: "75 %", or "–" when nothing was prescribed. */
function cellFigure(day: AdherenceDay): string {
  return day.ratio === null || !Number.isFinite(day.ratio)
    ? "–"
    : `${wholePercent(day.ratio)}${NNBSP}%`;
}

function DayCell({ day }: { day: AdherenceDay }) {
  const band = adherenceBand(day.ratio);
  const label = describeDay(day);
  const dayOfMonth = parseIsoDate(day.date).getUTCDate();
  return (
    <td className="p-1" data-date={day.date} data-band={band} title={label}>
      <div
        aria-hidden="true"
        className={`cal-day ${ADHERENCE_BAND_STYLE[band].classes}${day.logged ? "" : ` ${NO_LOG_RING}`}`}
      >
        <span className="cal-day-date">
          {dayOfMonth}
          {/* The first of a month names it, so a range across months stays readable (room from sm up). */}
          {dayOfMonth === 1 ? (
            <span className="max-sm:hidden"> {MONTH.format(parseIsoDate(day.date))}</span>
          ) : null}
        </span>
        <span className="cal-day-figure">{cellFigure(day)}</span>
      </div>
      <span className="sr-only">{label}</span>
    </td>
  );
}

/** A small sample cell for the legend. */
function Sample({ band, logged, text }: { band: AdherenceBand; logged: boolean; text: string }) {
  return (
    <span
      aria-hidden="true"
      className={`inline-flex h-6 min-w-11 shrink-0 items-center justify-center rounded px-1 text-xs font-semibold whitespace-nowrap [print-color-adjust:exact] ${ADHERENCE_BAND_STYLE[band].classes} ${FRAME} ${logged ? "" : NO_LOG_RING}`}
    >
      {text}
    </span>
  );
}

/**
 * Day-by-day adherence as a calendar: one row per week (Monday to Sunday), one cell per day with
 * the day of the month and the share of prescribed sessions done, printed and on a green
 * sequential fill; "–" when nothing was prescribed; a dotted frame on days without a log. Every
 * cell also carries its meaning in words for screen readers and as a hover title. A legend below
 * explains the steps.
 */
export function AdherenceCalendar({
  days,
  caption,
}: {
  /** Oldest first, consecutive dates. */
  days: AdherenceDay[];
  /** Visible table caption, e.g. "Sessions done, last 28 days". */
  caption: string;
}) {
  const rows = weeks(days);
  return (
    <div className="space-y-3">
      <div className="overflow-x-auto">
        <table className="border-separate border-spacing-0 text-slate-900 tabular-nums">
          <caption className="pb-2 text-left text-sm font-medium text-slate-900">{caption}</caption>
          <thead>
            <tr>
              <th
                scope="col"
                className="px-1 pb-1 text-left text-xs font-medium text-slate-700 max-sm:sr-only"
              >
                Week of
              </th>
              {WEEKDAYS.map(([short, long]) => (
                <th
                  key={short}
                  scope="col"
                  className="px-0.5 pb-1 text-center text-xs font-medium text-slate-700"
                >
                  <span aria-hidden="true">{short}</span>
                  <span className="sr-only">{long}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map(({ monday, cells }) => (
              <tr key={monday.getTime()}>
                <th
                  scope="row"
                  className="pr-2 pl-1 text-left text-xs font-medium whitespace-nowrap text-slate-700 max-sm:sr-only"
                >
                  {formatAxisDate(monday, "day")}
                </th>
                {cells.map((day, i) =>
                  day ? (
                    <DayCell key={day.date} day={day} />
                  ) : (
                    // Outside the period: an empty cell keeps the weekday columns aligned.
                    // biome-ignore lint/suspicious/noArrayIndexKey: fixed Monday-to-Sunday slots
                    <td key={i} className="p-1" />
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul
        aria-label="How to read the calendar"
        className="flex flex-wrap gap-x-5 gap-y-2 text-sm text-slate-700"
      >
        <li className="flex items-center gap-2">
          <Sample band="high" logged text={`80${NNBSP}%`} />
          {ADHERENCE_BAND_STYLE.high.meaning}
        </li>
        <li className="flex items-center gap-2">
          <Sample band="mid" logged text={`60${NNBSP}%`} />
          {ADHERENCE_BAND_STYLE.mid.meaning}
        </li>
        <li className="flex items-center gap-2">
          <Sample band="low" logged text={`20${NNBSP}%`} />
          {ADHERENCE_BAND_STYLE.low.meaning}
        </li>
        <li className="flex items-center gap-2">
          <Sample band="none" logged text="–" />
          {ADHERENCE_BAND_STYLE.none.meaning}
        </li>
        <li className="flex items-center gap-2">
          <Sample band="none" logged={false} text="" />
          Dotted frame: no log sent that day
        </li>
      </ul>
    </div>
  );
}
