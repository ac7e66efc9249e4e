/** @jsxImportSource preact */
import { scaleLinear, scaleUtc } from "d3-scale";
import { line } from "d3-shape";
import {
  axisTicks,
  CHART_FONT as FONT,
  gridPath,
  round,
  TEXT_MIDDLE,
  textWidth,
  tickMarksPath,
  CHART_WIDTH as WIDTH,
} from "@/components/mas/chart-axis";
import { formatDate, parseIsoDate } from "@/components/mas/format-date";
import { PENN_FREQUENCY_LABEL } from "@/lib/clinical/log-options";

export type LogMetric = "nrs" | "pain" | "penn";

export interface LogPoint {
  /** YYYY-MM-DD. */
  date: string;
  /** The reported score; null for a day without one (the line breaks there). */
  value: number | null;
}

interface MetricSpec {
  title: string;
  max: number;
  ticks: number[];
}

export const LOG_METRIC: Record<LogMetric, MetricSpec> = {
  nrs: { title: "Spasticity (0–10)", max: 10, ticks: [0, 2, 4, 6, 8, 10] },
  pain: { title: "Pain (0–10)", max: 10, ticks: [0, 2, 4, 6, 8, 10] },
  penn: { title: "Spasm frequency (Penn 0–4)", max: 4, ticks: [0, 1, 2, 3, 4] },
};

// Geometry in SVG user units, as in the MAS trend charts: about 300 units wide, so 13-unit text
// renders at 10 px or more in a three-column grid, on a phone and in print.
const PLOT_TOP = 16; // room for the latest-value label above a top-of-scale dot
const PLOT_BOTTOM = PLOT_TOP + 110; // the same height for every metric, so charts line up
const PLOT_LEFT = 30;
const PLOT_RIGHT = WIDTH - 14;
const AXIS_Y = PLOT_BOTTOM + 8;
const TICK_LABEL_Y = AXIS_Y + 17;
const HEIGHT = TICK_LABEL_Y + 6;
const X_INSET = 6;

const INK = "#0f172a"; // slate-900
const LINE = "#334155"; // slate-700
const MUTED = "#475569"; // slate-600
const GRID = "#e2e8f0"; // slate-200

const ONE_DECIMAL = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 1 });
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** A value in words: "2 (fewer than one full spasm an hour)" on the Penn scale, else the number. */
function valueInWords(metric: LogMetric, value: number): string {
  const label = metric === "penn" ? PENN_FREQUENCY_LABEL[value] : undefined;
  return label ? `${value} (${label.toLowerCase()})` : ONE_DECIMAL.format(value);
}

/** The points inside [from, to] that carry a value, oldest first. */
function reported(points: readonly LogPoint[], from: string, to: string) {
  return points
    .filter((p): p is { date: string; value: number } => p.value !== null)
    .filter((p) => Number.isFinite(p.value) && p.date >= from && p.date <= to)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/**
 * The chart in one sentence, for its accessible name: "Spasticity (0–10), 1 Mar 2026 to 28 Mar
 * 2026: 20 reports. Latest 5 on 27 Mar 2026. Average 4.3, lowest 2, highest 7."
 */
export function logTrendSummary(
  points: readonly LogPoint[],
  metric: LogMetric,
  from: string,
  to: string,
): string {
  const head = `${LOG_METRIC[metric].title}, ${formatDate(from)} to ${formatDate(to)}`;
  const values = reported(points, from, to);
  const latest = values.at(-1);
  if (!latest) return `${head}: no reports.`;
  const numbers = values.map((p) => p.value);
  const average = numbers.reduce((sum, v) => sum + v, 0) / numbers.length;
  const min = Math.min(...numbers);
  const max = Math.max(...numbers);
  return (
    `${head}: ${plural(values.length, "report", "reports")}. ` +
    `Latest ${valueInWords(metric, latest.value)} on ${formatDate(latest.date)}. ` +
    `Average ${ONE_DECIMAL.format(average)}, lowest ${ONE_DECIMAL.format(min)}, highest ${ONE_DECIMAL.format(max)}.`
  );
}

/**
 * A patient-reported score over time: one small SVG line chart, server-rendered (d3 computes the
 * geometry, no client JavaScript). Days without a score break the line rather than bridging it;
 * every report is a dot and the latest value is printed beside its dot. All charts given the same
 * `from`/`to` share one time axis. The Penn chart lists what each number means underneath.
 * Text stays ≥ 10 px while the chart is ≥ 236 px wide: at most three per row on desktop, two in
 * print (`print:grid-cols-2`), one on a phone — the same grid as the MAS trend charts.
 */
export function LogTrendChart({
  points,
  metric,
  from,
  to,
}: {
  /** Oldest first; a null value is a day without a report. Points outside from–to are left out. */
  points: LogPoint[];
  metric: LogMetric;
  /** YYYY-MM-DD: the shared time axis. */
  from: string;
  to: string;
}) {
  const spec = LOG_METRIC[metric];
  const summary = logTrendSummary(points, metric, from, to);
  const x = scaleUtc()
    .domain([parseIsoDate(from), parseIsoDate(to)])
    .range([PLOT_LEFT + X_INSET, PLOT_RIGHT - X_INSET]);
  const y = scaleLinear().domain([0, spec.max]).range([PLOT_BOTTOM, PLOT_TOP]).clamp(true);

  const inRange = points
    .filter((p) => p.date >= from && p.date <= to)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
    .map((p) => ({
      date: p.date,
      value: p.value !== null && Number.isFinite(p.value) ? p.value : null,
      cx: round(x(parseIsoDate(p.date))),
    }));
  type Plotted = (typeof inRange)[number];
  // Straight segments between reports; a null value is a gap, never bridged.
  const path = line<Plotted>()
    .defined((p) => p.value !== null)
    .x((p) => p.cx)
    .y((p) => round(y(p.value ?? 0)))(inRange);
  const dots = inRange.flatMap((p) =>
    p.value === null ? [] : [{ date: p.date, value: p.value, cx: p.cx, cy: round(y(p.value)) }],
  );
  const latest = dots.at(-1);
  const radius = dots.length > 40 ? 2.5 : 3.5;
  const ticks = axisTicks(x);

  let latestLabel: { x: number; y: number; anchor: "start" | "end"; text: string } | null = null;
  if (latest) {
    const text = ONE_DECIMAL.format(latest.value);
    const right = latest.cx + 7 + textWidth(text) <= WIDTH;
    latestLabel = {
      x: right ? latest.cx + 7 : latest.cx - 7,
      y: latest.cy - 6 < PLOT_TOP - 2 ? latest.cy + 16 : latest.cy - 6,
      anchor: right ? "start" : "end",
      text,
    };
  }

  return (
    <figure className="break-inside-avoid rounded-lg border border-slate-200 bg-white p-3">
      <figcaption className="mb-1 text-sm font-medium text-slate-900">{spec.title}</figcaption>
      <svg
        role="img"
        aria-label={summary}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        className="h-auto w-full overflow-visible"
        // Kebab-case: preact-render-to-string converts camelCase SVG attributes only inside <svg>.
        font-size={FONT}
        font-family="inherit"
        data-metric={metric}
      >
        {/* Gridlines as one path, ticks as one path; labels share their presentation
            attributes on a group. (No <title>: it would repeat the accessible name above.) */}
        <path
          d={gridPath(
            spec.ticks.map((tick) => round(y(tick))),
            PLOT_LEFT,
            PLOT_RIGHT,
          )}
          stroke={GRID}
        />
        <g textAnchor="end" fill={INK}>
          {spec.ticks.map((tick) => (
            <text key={tick} data-y-tick={tick} x={PLOT_LEFT - 8} y={round(y(tick) + TEXT_MIDDLE)}>
              {tick}
            </text>
          ))}
        </g>

        <line x1={PLOT_LEFT} x2={PLOT_RIGHT} y1={AXIS_Y} y2={AXIS_Y} stroke={MUTED} />
        <path d={tickMarksPath(ticks, AXIS_Y)} stroke={MUTED} />
        <g fill={INK}>
          {ticks.map((t) =>
            t.label ? (
              <text key={t.key} x={t.tx} y={TICK_LABEL_Y} textAnchor={t.anchor}>
                {t.label}
              </text>
            ) : null,
          )}
        </g>

        {path ? (
          <path
            d={path}
            fill="none"
            stroke={LINE}
            strokeWidth={1.75}
            strokeLinejoin="round"
            data-line
          />
        ) : null}

        <g fill={INK} stroke="#ffffff" strokeWidth={1}>
          {dots.map((p) => (
            <circle key={p.date} cx={p.cx} cy={p.cy} r={radius} />
          ))}
        </g>

        {latestLabel ? (
          <text
            x={latestLabel.x}
            y={latestLabel.y}
            textAnchor={latestLabel.anchor}
            fontSize={FONT + 1}
            fontWeight={700}
            fill={INK}
            stroke="#ffffff"
            strokeWidth={3}
            paintOrder="stroke"
            data-latest
          >
            {latestLabel.text}
          </text>
        ) : (
          <text
            x={(PLOT_LEFT + PLOT_RIGHT) / 2}
            y={(PLOT_TOP + PLOT_BOTTOM) / 2}
            dy="0.35em"
            textAnchor="middle"
            fill={MUTED}
          >
            No reports in this period
          </text>
        )}
      </svg>
      {metric === "penn" ? (
        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-2 text-xs text-slate-700">
          {PENN_FREQUENCY_LABEL.map((label, score) => (
            <div key={label} className="contents">
              <dt className="text-right font-semibold tabular-nums">{score}</dt>
              <dd>{label}</dd>
            </div>
          ))}
        </dl>
      ) : null}
    </figure>
  );
}
