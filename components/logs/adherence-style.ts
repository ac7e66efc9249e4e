import { wholePercent } from "./percent";

/** The adherence bands of a day (CLINICAL §6): nothing prescribed, then three steps of sessions done. */
export type AdherenceBand = "none" | "low" | "mid" | "high";

export interface AdherenceBandStyle {
  /** Tailwind background + text utilities, spelled out in full so Tailwind's source scan finds them. */
  classes: string;
  /** The same colours as hex, for the contrast test and any SVG use. */
  fillHex: string;
  textHex: string;
  /** What the band means, in words, for the legend. */
  meaning: string;
}

/**
 * One colour-blind-safe sequential scale (ColorBrewer BuGn, light to dark), deliberately green so it
 * is never mistaken for the MAS blues (DESIGN §7). The percent is always printed as well, and the
 * lightness steps survive greyscale print. Dark text on the two light steps, white on the dark one;
 * the test recomputes every contrast ratio.
 */
export const ADHERENCE_BAND_STYLE: Record<AdherenceBand, AdherenceBandStyle> = {
  none: {
    classes: "bg-slate-100 text-slate-600",
    fillHex: "#f1f5f9",
    textHex: "#475569",
    meaning: "Nothing prescribed that day",
  },
  low: {
    classes: "bg-[#ccece6] text-slate-900",
    fillHex: "#ccece6",
    textHex: "#0f172a",
    meaning: "Under 50 % of prescribed sessions",
  },
  mid: {
    classes: "bg-[#66c2a4] text-slate-900",
    fillHex: "#66c2a4",
    textHex: "#0f172a",
    meaning: "50 to 79 %",
  },
  high: {
    classes: "bg-[#006d2c] text-white",
    fillHex: "#006d2c",
    textHex: "#ffffff",
    meaning: "80 % or more",
  },
};

/**
 * The band of a day's ratio. Banded on the printed (rounded) percent, so a cell never shows "80 %"
 * on the 50–79 colour.
 */
export function adherenceBand(ratio: number | null): AdherenceBand {
  if (ratio === null || !Number.isFinite(ratio)) return "none";
  const percent = wholePercent(ratio);
  if (percent >= 80) return "high";
  if (percent >= 50) return "mid";
  return "low";
}
