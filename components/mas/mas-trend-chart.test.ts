// A .ts file (vitest only collects *.test.ts), so the element is built with h().
import { h } from "preact";
import { renderToString } from "preact-render-to-string";
import { describe, expect, it } from "vitest";
import { MAS_GRADES, type MasGrade } from "@/lib/clinical/mas";
import { MasTrendCharts } from "./mas-trend-chart";
import { fakeAssessment } from "./test-fixtures";

const assessments = [
  fakeAssessment("2026-01-10", [
    ["ankle_plantarflexors", "left", "2"],
    ["knee_flexors", "right", "1"],
  ]),
  fakeAssessment("2026-02-14", [
    ["ankle_plantarflexors", "left", "3"],
    ["knee_flexors", "right", "1+"],
  ]),
];
const treatments = {
  oral: [
    {
      id: "o1",
      drug: "baclofen" as const,
      drugOther: null,
      dose: "10 mg three times a day",
      startedOn: "2025-06-01",
      stoppedOn: null,
      stopReason: null,
    },
  ],
  toxin: [
    {
      id: "t1",
      injectedOn: "2026-02-03",
      muscleGroup: "ankle_plantarflexors" as const,
      side: "left" as const,
      units: 200,
      product: "onabotulinumtoxinA",
    },
  ],
  pumps: [],
};

const html = renderToString(h(MasTrendCharts, { assessments, treatments, asOf: "2026-03-01" }));
const charts = html.split("<figure").slice(1);
const chartFor = (label: string) => {
  const chart = charts.find((c) =>
    c.includes(`<figcaption class="mb-1 text-sm font-medium text-slate-900">${label}<`),
  );
  if (!chart) throw new Error(`no chart for ${label}`);
  return chart;
};
/** The y of a grade's gridline: the grid path has one subpath per grade, in MAS_GRADES order. */
const tickY = (chart: string, grade: string) => {
  const d = chart.match(/<path data-grid d="([^"]+)"/)?.[1];
  const ys = [...(d ?? "").matchAll(/M[\d.]+ ([\d.]+)H/g)].map((m) => Number(m[1]));
  const y = ys[MAS_GRADES.indexOf(grade as MasGrade)];
  if (ys.length !== MAS_GRADES.length || y === undefined) throw new Error(`no gridline ${grade}`);
  return y;
};
/** The y a grade's axis label is drawn at (its baseline, a little below the gridline). */
const labelY = (chart: string, grade: string) =>
  Number(
    chart.match(
      new RegExp(`data-y-tick="${grade.replace("+", "\\+")}" x="[\\d.]+" y="([\\d.]+)"`),
    )?.[1],
  );

describe("MasTrendCharts", () => {
  it("draws one chart per key, in clinical order", () => {
    expect(charts).toHaveLength(2);
    expect(charts[0]).toContain("Hamstrings (knee flexors), right");
    expect(charts[1]).toContain("Calf (ankle plantarflexors), left");
  });

  it("prints 1+ as 1+ and plots it strictly between grades 1 and 2", () => {
    const chart = chartFor("Hamstrings (knee flexors), right");
    const dot = chart.match(/<circle data-grade="1\+" cx="([\d.]+)" cy="([\d.]+)"/);
    expect(dot?.[2]).toBeDefined();
    const [cx, cy] = [Number(dot?.[1]), Number(dot?.[2])];
    // Its grade is printed beside it, just above.
    expect(chart).toContain(`<text x="${cx + 8}" y="${cy - 7}">1+</text>`);
    const [y1, y2] = [tickY(chart, "1"), tickY(chart, "2")];
    // SVG y grows downwards: grade 2 is above grade 1.
    expect(cy).toBeLessThan(y1);
    expect(cy).toBeGreaterThan(y2);
    expect(tickY(chart, "1+")).toBe(cy);
    // Each axis label sits on its own gridline (centred on it: a few units below, in SVG y).
    for (const grade of MAS_GRADES) {
      const offset = labelY(chart, grade) - tickY(chart, grade);
      expect(offset).toBeGreaterThan(0);
      expect(offset).toBeLessThan(6);
    }
  });

  it("summarises every point, and the injection, in the accessible name", () => {
    const chart = chartFor("Calf (ankle plantarflexors), left");
    expect(chart).toContain(
      'aria-label="Calf (ankle plantarflexors), left: 2 on 10 Jan 2026, 3 on 14 Feb 2026. Botulinum toxin injected 3 Feb 2026, 200 units (onabotulinumtoxinA)."',
    );
    expect(chart).toContain('role="img"');
    expect(chart).toContain(">Toxin</text>");
    // The toxin went into the left calf only.
    expect(chartFor("Hamstrings (knee flexors), right")).not.toContain(">Toxin</text>");
  });

  it("shares one time axis and shows drug periods under every chart", () => {
    const ticks = (chart: string) =>
      [
        ...chart.matchAll(
          /<text x="([\d.]+)" y="\d+" text-anchor="\w+">(\d+ \w+|\w+ \d{4})<\/text>/g,
        ),
      ].map((m) => `${m[2]}@${m[1]}`);
    const first = ticks(charts[0] ?? "");
    expect(first.length).toBeGreaterThanOrEqual(2);
    expect(first.length).toBeLessThanOrEqual(5);
    expect(ticks(charts[1] ?? "")).toEqual(first);
    for (const chart of charts) expect(chart).toContain(">Baclofen</text>");
  });

  it("never sets text below 12 user units", () => {
    for (const size of html.matchAll(/font-size="(\d+)"/g))
      expect(Number(size[1])).toBeGreaterThanOrEqual(12);
  });
});
