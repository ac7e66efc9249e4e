// A .ts file (vitest only collects *.test.ts), so the element is built with h().
import { h } from "preact";
import { renderToString } from "preact-render-to-string";
import { describe, expect, it } from "vitest";
import { AdherenceCalendar, type AdherenceDay, describeDay } from "./adherence-calendar";
import { ADHERENCE_BAND_STYLE, adherenceBand } from "./adherence-style";

/** 28 consecutive days from Thu 26 Feb 2026 (so the weeks are partial at both ends). */
function fourWeeks(): AdherenceDay[] {
  const days: AdherenceDay[] = [];
  const start = Date.parse("2026-02-26T00:00:00Z");
  for (let i = 0; i < 28; i++) {
    const date = new Date(start + i * 86_400_000).toISOString().slice(0, 10);
    days.push({ date, ratio: [1, 0.75, 0.4, 0][i % 4] ?? null, logged: i % 4 !== 3 });
  }
  return days;
}

const render = (days: AdherenceDay[]) =>
  renderToString(h(AdherenceCalendar, { days, caption: "Sessions done" }));

const cell = (html: string, date: string) => {
  const match = html.match(new RegExp(`<td[^>]*data-date="${date}"[\\s\\S]*?</td>`));
  if (!match) throw new Error(`no cell for ${date}`);
  return match[0];
};

describe("AdherenceCalendar", () => {
  it("has every day exactly once, in Monday-to-Sunday rows", () => {
    const days = fourWeeks();
    const html = render(days);
    for (const day of days) {
      expect(html.split(`data-date="${day.date}"`).length - 1, day.date).toBe(1);
      expect(html.split(`<span class="sr-only">${describeDay(day)}</span>`).length - 1).toBe(1);
    }
    expect(html.match(/data-date=/g)).toHaveLength(28);
    // Thu 26 Feb to Wed 25 Mar: five week rows of seven cells, the gaps empty.
    const rows = html.split("<tbody>")[1]?.split("<tr>").slice(1) ?? [];
    expect(rows).toHaveLength(5);
    for (const row of rows) expect(row.match(/<td/g)).toHaveLength(7);
    expect(rows[0]?.match(/data-date=/g)).toHaveLength(4); // Thu to Sun
    expect(html).toContain("<caption");
    expect(html).toContain("Sessions done");
  });

  it("prints the percent, a dash for nothing prescribed, and says it in words", () => {
    const html = render([
      { date: "2026-03-12", ratio: 0.75, logged: true },
      { date: "2026-03-13", ratio: null, logged: true },
      { date: "2026-03-14", ratio: 0, logged: false },
    ]);
    const threeQuarters = cell(html, "2026-03-12");
    expect(threeQuarters).toContain(">75\u202f%<");
    expect(threeQuarters).toContain("12 Mar 2026: 75 % of prescribed sessions, logged");
    expect(threeQuarters).toContain('data-band="mid"');

    const none = cell(html, "2026-03-13");
    expect(none).toContain(">–<");
    expect(none).toContain("13 Mar 2026: nothing prescribed, logged");
    expect(none).toContain('data-band="none"');

    const missed = cell(html, "2026-03-14");
    expect(missed).toContain(">0\u202f%<");
    expect(missed).toContain("14 Mar 2026: 0 % of prescribed sessions, no log");
    expect(missed).toContain("outline-dotted");
    expect(threeQuarters).not.toContain("outline-dotted");
  });

  it("bands on the printed percent, rounded half up", () => {
    expect(adherenceBand(null)).toBe("none");
    expect(adherenceBand(0)).toBe("low");
    expect(adherenceBand(0.494)).toBe("low");
    expect(adherenceBand(0.495)).toBe("mid");
    expect(adherenceBand(0.79)).toBe("mid");
    expect(adherenceBand(0.795)).toBe("high");
    expect(adherenceBand(1)).toBe("high");
  });

  it("prints every band with at least 4.5:1 contrast on its fill", () => {
    for (const [band, { fillHex, textHex }] of Object.entries(ADHERENCE_BAND_STYLE)) {
      expect(contrast(fillHex, textHex), band).toBeGreaterThanOrEqual(4.5);
    }
  });

  it("renders an empty period as an empty table", () => {
    expect(render([])).not.toContain("data-date");
  });
});

/** WCAG 2.x contrast ratio of two sRGB hex colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5]
      .map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255)
      .map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [
      number,
      number,
      number,
    ];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
