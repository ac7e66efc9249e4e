import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { MAS_GRADES } from "@/lib/clinical/mas";
import { GRADE_STYLE, gradeClasses } from "./grade-style";

/** WCAG 2.x relative luminance of an sRGB hex colour. */
function luminance(hex: string): number {
  const channels = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r, g, b] = channels.map((c) =>
    c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4,
  ) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

describe("grade style", () => {
  it("has a style for every grade, with 1+ on its own step", () => {
    for (const grade of MAS_GRADES) {
      const style = GRADE_STYLE[grade];
      expect(style.bg).toMatch(/^bg-mas-(0|1|1p|2|3|4)$/);
      expect(style.fillHex).toMatch(/^#[0-9a-f]{6}$/);
    }
    expect(GRADE_STYLE["1+"].bg).toBe("bg-mas-1p");
    for (const other of ["1", "2"] as const) {
      expect(GRADE_STYLE["1+"].bg).not.toBe(GRADE_STYLE[other].bg);
      expect(GRADE_STYLE["1+"].fillHex).not.toBe(GRADE_STYLE[other].fillHex);
    }
    expect(new Set(MAS_GRADES.map((g) => GRADE_STYLE[g].fillHex)).size).toBe(6);
    expect(gradeClasses("1+")).toBe("bg-mas-1p text-slate-900");
  });

  it("prints every grade with at least 4.5:1 contrast on its colour", () => {
    for (const grade of MAS_GRADES) {
      const { fillHex, textHex } = GRADE_STYLE[grade];
      expect(contrast(fillHex, textHex), `grade ${grade}`).toBeGreaterThanOrEqual(4.5);
    }
  });

  it("uses the same hex values as the theme in app/globals.css", () => {
    const css = readFileSync(new URL("../../app/globals.css", import.meta.url), "utf8");
    for (const grade of MAS_GRADES) {
      const { bg, fillHex } = GRADE_STYLE[grade];
      const token = bg.replace(/^bg-/, "--color-");
      const match = css.match(new RegExp(`${token}:\\s*(#[0-9a-fA-F]{6})`));
      expect(match?.[1]?.toLowerCase(), token).toBe(fillHex);
    }
  });

  it("matches the Tailwind text colours it names", () => {
    // slate-900 is #0f172a in Tailwind's palette; white is white.
    for (const grade of MAS_GRADES) {
      const { text, textHex } = GRADE_STYLE[grade];
      expect(text === "text-white" ? "#ffffff" : text === "text-slate-900" ? "#0f172a" : "?").toBe(
        textHex,
      );
    }
  });
});
