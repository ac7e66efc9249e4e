/** @jsxImportSource preact */
import { type ScaleTime, scaleLinear, scaleUtc } from "d3-scale";
import { line } from "d3-shape";
import { keyLabel, MAS_GRADES, masRank } from "@/lib/clinical/mas";
import type { AssessmentDto } from "@/lib/data/assessments";
import type { ToxinInjectionDto, TreatmentsDto } from "@/lib/data/treatments";
import { ORAL_DRUG_LABEL } from "@/lib/validation/treatment";
import {
  axisTicks,
  CHART_FONT as FONT,
  gridPath,
  round,
  TEXT_MIDDLE,
  textWidth,
  tickMarksPath,
  CHART_WIDTH as WIDTH,
} from "./chart-axis";
import { formatDate, parseIsoDate } from "./format-date";
import { gradeStyle } from "./grade-style";
import { type KeySeries, keyId, keySeries } from "./key-series";
import { toxinDescription } from "./toxin-marker";

// Geometry in SVG user units. The SVG scales to its grid cell: about 310 px wide in the three-column
// desktop grid, 300 px in print, 236 px on a 360 px phone. 13-unit text therefore renders at 10 px
// or more everywhere (legible on screen and on paper), and at about 13 px on desktop.
const MARGIN = { top: 34, right: 22, left: 34 };
const PLOT_TOP = MARGIN.top;
const PLOT_BOTTOM = PLOT_TOP + 5 * 22; // five rank steps between grade 0 and grade 4
const PLOT_LEFT = MARGIN.left;
const PLOT_RIGHT = WIDTH - MARGIN.right;
const AXIS_Y = PLOT_BOTTOM + 10;
const TICK_LABEL_Y = AXIS_Y + 17;
const LANES_TOP = TICK_LABEL_Y + 10;
const LANE_HEIGHT = 16;
const LANE_STEP = 21;
// Space between the axis line and the first/last possible dot, so dots never sit on the frame.
const X_INSET = 8;
const MIN_SPAN_DAYS = 30;
const DAY_MS = 86_400_000;

const INK = "#0f172a"; // slate-900
const MUTED = "#475569"; // slate-600: ≥ 7:1 on white, still visible in greyscale print
const GRID = "#e2e8f0"; // slate-200

interface Lane {
  label: string;
  periods: { start: string; end: string; title: string }[];
}

function oralLabel(drug: TreatmentsDto["oral"][number]): string {
  // "Baclofen (first line)" → "Baclofen": the line of therapy is not needed on a chart band.
  return drug.drug === "other"
    ? (drug.drugOther ?? "Other drug")
    : ORAL_DRUG_LABEL[drug.drug].replace(/ \(.*\)$/, "");
}

/** Oral drugs (one lane per drug, all its periods) then pumps: the same lanes under every chart. */
function treatmentLanes(treatments: TreatmentsDto, asOf: string): Lane[] {
  const lanes = new Map<string, Lane>();
  const add = (label: string, start: string, stop: string | null, detail: string) => {
    const lane = lanes.get(label) ?? { label, periods: [] };
    const until = stop ? `to ${formatDate(stop)}` : "ongoing";
    lane.periods.push({
      start,
      end: stop ?? asOf,
      title: `${label}${detail}: ${formatDate(start)} ${until}`,
    });
    lanes.set(label, lane);
  };
  for (const oral of treatments.oral) {
    add(oralLabel(oral), oral.startedOn, oral.stoppedOn, `, ${oral.dose}`);
  }
  for (const pump of treatments.pumps) {
    add("Intrathecal baclofen pump", pump.startedOn, pump.stoppedOn, "");
  }
  return [...lanes.values()];
}

/**
 * The shared time domain: from the first plotted event (assessment or toxin injection of a charted
 * key) to `asOf`, so every small multiple lines up. Drug periods that began earlier are clipped at
 * the left edge rather than stretching the axis over years without scores.
 */
function timeDomain(
  series: readonly KeySeries[],
  toxin: readonly ToxinInjectionDto[],
  asOf: string,
) {
  const dates = [
    ...series.flatMap((s) => s.points.map((p) => p.assessedOn)),
    ...toxin.map((t) => t.injectedOn),
    asOf,
  ].sort();
  let start = parseIsoDate(dates[0] ?? asOf).getTime();
  let end = parseIsoDate(dates.at(-1) ?? asOf).getTime();
  // A single assessment (or a few days of them) still needs a readable axis.
  const missing = MIN_SPAN_DAYS * DAY_MS - (end - start);
  if (missing > 0) {
    start -= missing / 2;
    end += missing / 2;
  }
  return [new Date(start), new Date(end)] as const;
}

/** "Calf (ankle plantarflexors), left: 2 on 10 Jan 2026, 3 on 14 Feb 2026." plus toxin injections. */
export function chartSummary(series: KeySeries, toxin: readonly ToxinInjectionDto[]): string {
  const points = series.points.map((p) => `${p.grade} on ${formatDate(p.assessedOn)}`).join(", ");
  const injections = toxin.map((t) => ` ${toxinDescription(t)}.`).join("");
  return `${keyLabel(series.muscleGroup, series.side)}: ${points}.${injections}`;
}

/**
 * "High tone" sits just above the grade-3 line, at the right end, or the left end when a dot's
 * grade label would be under it there; with dots at both ends it is left out (the key above the
 * charts names the line in words anyway).
 */
function placeHighToneLabel(
  points: readonly { cx: number; cy: number }[],
  lineY: number,
): { x: number; anchor: "start" | "end" } | null {
  const span = textWidth("High tone") + 16;
  const clashes = (from: number, to: number) =>
    points.some((p) => p.cx + 30 >= from && p.cx - 8 <= to && Math.abs(p.cy - lineY) <= 20);
  if (!clashes(PLOT_RIGHT - span, PLOT_RIGHT)) return { x: PLOT_RIGHT, anchor: "end" };
  if (!clashes(PLOT_LEFT, PLOT_LEFT + span)) return { x: PLOT_LEFT + 2, anchor: "start" };
  return null;
}

const y = scaleLinear()
  .domain([0, masRank("4")])
  .range([PLOT_BOTTOM, PLOT_TOP]);

/** The grade gridlines, one subpath per grade in MAS_GRADES order: the same in every chart. */
const gradeGrid = gridPath(
  MAS_GRADES.map((g) => y(masRank(g))),
  PLOT_LEFT,
  PLOT_RIGHT,
);

function TrendChart({
  series,
  toxin,
  lanes,
  x,
}: {
  series: KeySeries;
  toxin: ToxinInjectionDto[];
  lanes: Lane[];
  x: ScaleTime<number, number>;
}) {
  const summary = chartSummary(series, toxin);
  const height = lanes.length > 0 ? LANES_TOP + lanes.length * LANE_STEP : TICK_LABEL_Y + 8;
  const points = series.points.map((p) => ({
    ...p,
    cx: round(x(parseIsoDate(p.assessedOn))),
    cy: round(y(masRank(p.grade))),
  }));
  // Linear segments: MAS is ordinal, so a smoothed curve would suggest grades between the steps.
  const path = line<(typeof points)[number]>()
    .x((p) => p.cx)
    .y((p) => p.cy)(points);
  const bandX = x.copy().clamp(true);
  const [rangeLeft, rangeRight] = x.range() as [number, number];
  const highTone = y(masRank("3"));
  const highToneLabel = placeHighToneLabel(points, highTone);
  const ticks = axisTicks(x);

  return (
    <svg
      role="img"
      aria-label={summary}
      viewBox={`0 0 ${WIDTH} ${height}`}
      className="h-auto w-full overflow-visible"
      // Kebab-case: preact-render-to-string converts camelCase SVG attributes only inside <svg>.
      font-size={FONT}
      font-family="inherit"
    >
      {/* Y axis: one gridline and label per grade, at its rank, so 1+ sits between 1 and 2. The
          gridlines are one path (in grade order); the labels share their presentation attributes,
          set once on the group. (No <title>: it would repeat the accessible name above.) */}
      <path data-grid="" d={gradeGrid} stroke={GRID} />
      <g textAnchor="end" fill={INK}>
        {MAS_GRADES.map((grade) => (
          <text
            key={grade}
            data-y-tick={grade}
            x={PLOT_LEFT - 8}
            y={round(y(masRank(grade)) + TEXT_MIDDLE)}
          >
            {grade}
          </text>
        ))}
      </g>

      {/* Grade 3 is where escalation starts (CLINICAL: high tone is 3 or 4). */}
      <line
        x1={PLOT_LEFT}
        x2={PLOT_RIGHT}
        y1={highTone}
        y2={highTone}
        stroke={MUTED}
        strokeWidth={1.5}
        strokeDasharray="6 4"
      />
      {highToneLabel ? (
        <text x={highToneLabel.x} y={highTone - 5} textAnchor={highToneLabel.anchor} fill={MUTED}>
          High tone
        </text>
      ) : null}

      {/* X axis */}
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

      {/* Toxin injections into this muscle group on this side. */}
      {toxin.map((t) => {
        const tx = round(x(parseIsoDate(t.injectedOn)));
        const half = textWidth("Toxin") / 2;
        const anchor = tx - half < 0 ? "start" : tx + half > WIDTH ? "end" : "middle";
        return (
          <g key={t.id}>
            <title>{toxinDescription(t)}</title>
            <line
              x1={tx}
              x2={tx}
              y1={PLOT_TOP - 18}
              y2={AXIS_Y}
              stroke={INK}
              strokeWidth={1.5}
              strokeDasharray="2 3"
            />
            <text x={tx} y={PLOT_TOP - 22} textAnchor={anchor} fill={INK}>
              Toxin
            </text>
          </g>
        );
      })}

      {/* Oral drug and pump periods: thin bands under the axis, same lanes in every chart. */}
      {lanes.map((lane, i) => {
        const top = LANES_TOP + i * LANE_STEP;
        return (
          <g key={lane.label}>
            {lane.periods.map((period) => {
              const x0 = round(bandX(parseIsoDate(period.start)));
              const x1 = round(bandX(parseIsoDate(period.end)));
              // Entirely before or after the axis: clamped to a zero-width sliver, so skip it.
              if (x1 - x0 < 1 && (x1 <= rangeLeft || x0 >= rangeRight)) return null;
              const width = Math.max(x1 - x0, 2);
              const needed = textWidth(lane.label) + 8;
              const [tx, anchor]: [number, "start" | "end"] =
                width >= needed
                  ? [x0 + 4, "start"]
                  : WIDTH - (x0 + width) >= needed
                    ? [x0 + width + 4, "start"]
                    : x0 >= needed
                      ? [x0 - 4, "end"]
                      : [x0 + 4, "start"];
              return (
                <g key={`${period.start}-${period.end}`}>
                  <title>{period.title}</title>
                  <rect
                    x={x0}
                    y={top}
                    width={width}
                    height={LANE_HEIGHT}
                    rx={3}
                    fill={GRID}
                    stroke={MUTED}
                  />
                  <text x={tx} y={top + LANE_HEIGHT / 2} dy="0.35em" textAnchor={anchor} fill={INK}>
                    {lane.label}
                  </text>
                </g>
              );
            })}
          </g>
        );
      })}

      {path ? <path d={path} fill="none" stroke="#334155" strokeWidth={2} /> : null}

      {/* Dots on the grade colour, outlined, with the grade printed beside: readable without colour.
          Dots first, then every label over them with a white halo; what all dots or all labels
          share is set once, on their group. */}
      <g stroke={INK} strokeWidth={1.25}>
        {points.map((p) => (
          <circle
            key={p.assessedOn}
            data-grade={p.grade}
            cx={p.cx}
            cy={p.cy}
            r={5.5}
            fill={gradeStyle(p.grade).fillHex}
          />
        ))}
      </g>
      <g
        fill={INK}
        stroke="#ffffff"
        strokeWidth={3}
        paintOrder="stroke"
        fontSize={FONT + 1}
        fontWeight={700}
      >
        {points.map((p) => {
          const right = p.cx + 8 + textWidth(p.grade) <= WIDTH;
          return (
            <text
              key={p.assessedOn}
              x={right ? p.cx + 8 : p.cx - 8}
              y={p.cy - 7}
              textAnchor={right ? undefined : "end"}
            >
              {p.grade}
            </text>
          );
        })}
      </g>
    </svg>
  );
}

/**
 * One small chart per muscle group and side with scores (clinical order), all on the same time
 * axis, with treatment context: toxin injections of that key, and oral drug and pump periods.
 * Server-rendered SVG: d3 computes the geometry, no client JavaScript.
 */
export function MasTrendCharts({
  assessments,
  treatments,
  asOf,
  only,
}: {
  /** Effective versions, as from `listAssessments`. */
  assessments: AssessmentDto[];
  treatments: TreatmentsDto;
  /** The clinic's today (YYYY-MM-DD): the right edge of every axis, where ongoing drugs end. */
  asOf: string;
  /** Only these keys ("group:side"); all when undefined. */
  only?: ReadonlySet<string>;
}) {
  const series = keySeries(assessments).filter(
    (s) => !only || only.has(keyId(s.muscleGroup, s.side)),
  );
  if (series.length === 0) return null;
  const charted = new Set(series.map((s) => keyId(s.muscleGroup, s.side)));
  const toxin = treatments.toxin.filter((t) => charted.has(keyId(t.muscleGroup, t.side)));
  const x = scaleUtc()
    .domain(timeDomain(series, toxin, asOf))
    .range([PLOT_LEFT + X_INSET, PLOT_RIGHT - X_INSET]);
  const lanes = treatmentLanes(treatments, asOf);

  return (
    <div className="space-y-4">
      <ChartKey hasLanes={lanes.length > 0} />
      <div className="grid gap-6 md:grid-cols-2 xl:grid-cols-3 print:grid-cols-2">
        {series.map((s) => {
          const id = keyId(s.muscleGroup, s.side);
          return (
            <figure
              key={id}
              className="break-inside-avoid rounded-lg border border-slate-200 bg-white p-3"
            >
              <figcaption className="mb-1 text-sm font-medium text-slate-900">
                {keyLabel(s.muscleGroup, s.side)}
              </figcaption>
              <TrendChart
                series={s}
                toxin={toxin.filter((t) => keyId(t.muscleGroup, t.side) === id)}
                lanes={lanes}
                x={x}
              />
            </figure>
          );
        })}
      </div>
    </div>
  );
}

/** How to read the marks: line styles are described in words, with a drawn sample of each. */
function ChartKey({ hasLanes }: { hasLanes: boolean }) {
  const sample = (dash: string, stroke: string, vertical = false) => (
    <svg aria-hidden="true" width="28" height="14" className="inline-block shrink-0">
      {vertical ? (
        <line
          x1={14}
          x2={14}
          y1={0}
          y2={14}
          stroke={stroke}
          strokeWidth={1.5}
          strokeDasharray={dash}
        />
      ) : (
        <line
          x1={0}
          x2={28}
          y1={7}
          y2={7}
          stroke={stroke}
          strokeWidth={1.5}
          strokeDasharray={dash}
        />
      )}
    </svg>
  );
  return (
    <ul className="flex flex-wrap gap-x-6 gap-y-1 text-sm text-slate-700">
      <li className="flex items-center gap-2">
        {sample("6 4", MUTED)}
        Grade 3: high tone
      </li>
      <li className="flex items-center gap-2">
        {sample("2 3", INK, true)}
        Botulinum toxin injection into that muscle group
      </li>
      {hasLanes ? (
        <li className="flex items-center gap-2">
          <svg aria-hidden="true" width="28" height="14" className="inline-block shrink-0">
            <rect x={1} y={2} width={26} height={10} rx={3} fill={GRID} stroke={MUTED} />
          </svg>
          Oral drug or intrathecal pump, while taken
        </li>
      ) : null}
      <li className="flex items-center gap-2">
        <span aria-hidden="true" className="inline-block w-7 text-center text-xs">
          ● 2
        </span>
        Each assessment, with its grade printed
      </li>
    </ul>
  );
}
