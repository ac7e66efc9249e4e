import type { ScaleTime } from "d3-scale";
import { formatAxisDate } from "./format-date";

// What the MAS trend charts and the log charts share: the same width and type, so that they line
// up in one grid, and the same date axis.

/** SVG user units; the SVG scales to its grid cell (about 236–310 px). */
export const CHART_WIDTH = 300;
/** 13-unit text renders at 10 px or more at every chart width the grids give. */
export const CHART_FONT = 13;
/** Baseline offset that centres CHART_FONT-unit digits on a y coordinate (as dy="0.35em" would). */
export const TEXT_MIDDLE = CHART_FONT * 0.35;

/** Coordinates to 0.1 unit: finer than any screen or printer, and much shorter markup. */
export const round = (n: number) => Math.round(n * 10) / 10;

/** Rough width of CHART_FONT-unit system-font text, to decide where a label fits. */
export const textWidth = (text: string) => text.length * CHART_FONT * 0.56;

export interface AxisTick {
  key: number;
  tx: number;
  /** null: the tick mark is drawn, its label would run into the previous one. */
  label: string | null;
  anchor: "start" | "middle" | "end";
}

/**
 * Date ticks with labels that never overlap. d3 picks the interval (weeks, months, years) but on
 * spans of a few weeks still returns up to eight weekly ticks, so keep every n-th; then labels are
 * centred on their tick, shifted inwards at the frame's edges, and dropped (tick mark kept) when
 * they would run into the previous label.
 */
export function axisTicks(x: ScaleTime<number, number>): AxisTick[] {
  const all = x.ticks(4);
  const every = Math.ceil(all.length / 4);
  const ticks = all.filter((_, i) => i % every === 0);
  const granularity = ticks.every((t) => t.getUTCDate() === 1) ? "month" : "day";
  let lastEnd = Number.NEGATIVE_INFINITY;
  return ticks.map((t) => {
    const tx = round(x(t));
    const label = formatAxisDate(t, granularity);
    const w = textWidth(label);
    const anchor: AxisTick["anchor"] =
      tx - w / 2 < 0 ? "start" : tx + w / 2 > CHART_WIDTH ? "end" : "middle";
    const left = anchor === "start" ? tx : anchor === "end" ? tx - w : tx - w / 2;
    if (left < lastEnd + 8) return { key: t.getTime(), tx, label: null, anchor };
    lastEnd = left + w;
    return { key: t.getTime(), tx, label, anchor };
  });
}

/** The tick marks under an axis line at `axisY`, as one path: 4 units down from each tick. */
export const tickMarksPath = (ticks: readonly AxisTick[], axisY: number) =>
  ticks.map((t) => `M${t.tx} ${axisY}v4`).join("");

/** Horizontal gridlines from `left` to `right` at each y, as one path (one subpath per y, in order). */
export const gridPath = (ys: readonly number[], left: number, right: number) =>
  ys.map((y) => `M${left} ${y}H${right}`).join("");
