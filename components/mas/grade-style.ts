import type { MasGrade } from "@/lib/clinical/mas";

export interface GradeStyle {
  /** Tailwind background utility from the `--color-mas-*` theme scale in app/globals.css. */
  bg: string;
  /** Tailwind text utility with at least 4.5:1 contrast on `bg` (WCAG 2.2 AA, normal text). */
  text: string;
  /** The same colours as hex, for SVG fills and for the contrast test. */
  fillHex: string;
  textHex: string;
}

// slate-900 and white: the two text colours of the app. Dark text on the four light steps, white
// on the two dark ones; mas-2 (#6baed6) is too light for white text (≈ 2.4:1) and mas-3 too dark
// for slate-900 (≈ 3.6:1), so the switch sits between 2 and 3. The test recomputes every ratio.
const DARK_TEXT = { text: "text-slate-900", textHex: "#0f172a" } as const;
const LIGHT_TEXT = { text: "text-white", textHex: "#ffffff" } as const;

/**
 * The one MAS colour scale (DESIGN §7): heatmap, chips, charts and PDF all read it from here.
 * Class names are spelled out in full so Tailwind's source scan finds them. The hex values must
 * match app/globals.css (the test checks).
 */
export const GRADE_STYLE: Record<MasGrade, GradeStyle> = {
  "0": { bg: "bg-mas-0", fillHex: "#f7fbff", ...DARK_TEXT },
  "1": { bg: "bg-mas-1", fillHex: "#c6dbef", ...DARK_TEXT },
  "1+": { bg: "bg-mas-1p", fillHex: "#9ecae1", ...DARK_TEXT },
  "2": { bg: "bg-mas-2", fillHex: "#6baed6", ...DARK_TEXT },
  "3": { bg: "bg-mas-3", fillHex: "#2171b5", ...LIGHT_TEXT },
  "4": { bg: "bg-mas-4", fillHex: "#08306b", ...LIGHT_TEXT },
};

export function gradeStyle(grade: MasGrade): GradeStyle {
  return GRADE_STYLE[grade];
}

/** Background + text classes together, for a cell or badge coloured by grade. */
export function gradeClasses(grade: MasGrade): string {
  const { bg, text } = GRADE_STYLE[grade];
  return `${bg} ${text}`;
}
