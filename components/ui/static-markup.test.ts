// A .ts file (vitest only collects *.test.ts), so elements are built with h().
import { h, type VNode } from "preact";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { AdherenceCalendar } from "@/components/logs/adherence-calendar";
import { LogTrendChart } from "@/components/logs/log-trend-chart";
import { MasHeatmap } from "@/components/mas/mas-heatmap";
import { MasTrendCharts } from "@/components/mas/mas-trend-chart";
import { fakeAssessment } from "@/components/mas/test-fixtures";
import { StaticMarkup } from "./static-markup";

const ATTACK = `"><img src=x onerror="alert(1)"><script>alert(2)</script>`;

const assessments = [
  fakeAssessment("2026-01-10", [["ankle_plantarflexors", "left", "3"]]),
  fakeAssessment("2026-02-14", [["ankle_plantarflexors", "left", "1+"]]),
];
const treatments = {
  // "Other drug" is free text typed by staff: it is drawn as a band label under every chart.
  oral: [
    {
      id: "o1",
      drug: "other" as const,
      drugOther: ATTACK,
      dose: "5 mg",
      startedOn: "2025-12-01",
      stoppedOn: null,
      stopReason: null,
    },
  ],
  toxin: [
    {
      id: "t1",
      injectedOn: "2026-01-20",
      muscleGroup: "ankle_plantarflexors" as const,
      side: "left" as const,
      units: 100,
      product: ATTACK,
    },
  ],
  pumps: [],
};

/** What a React server component puts in the page: the Preact element rendered inside a div. */
const page = <Props>(element: VNode<Props>) =>
  renderToStaticMarkup(StaticMarkup({ children: element }));

describe("StaticMarkup", () => {
  it("puts the Preact element's markup in the React page, text escaped", () => {
    const html = page(h(MasTrendCharts, { assessments, treatments, asOf: "2026-03-01" }));
    expect(html.startsWith("<div><div")).toBe(true);
    expect(html).toContain("<svg");
    // The free text is in the chart, as text, in labels and titles alike.
    expect(html).toContain("&lt;script>alert(2)&lt;/script>");
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
    expect(html).not.toMatch(/="[^"]*"\s*onerror=/);
  });

  it("escapes attribute values (the heatmap's injection marker titles)", () => {
    const html = page(h(MasHeatmap, { assessments, toxin: treatments.toxin, highlight: [] }));
    expect(html).toContain("<table");
    expect(html).toContain("&quot;>&lt;img");
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<script");
  });

  it("writes SVG and HTML attributes as the browser reads them (no React-style camelCase)", () => {
    // preact-render-to-string converts camelCase SVG attributes inside an <svg>, but not on the
    // <svg> element itself: `fontSize` there was sent as is, which browsers ignore (the charts'
    // text then fell back to 16 px and grew with the chart).
    const pages = [
      page(h(MasTrendCharts, { assessments, treatments, asOf: "2026-03-01" })),
      page(h(MasHeatmap, { assessments, toxin: treatments.toxin, highlight: [] })),
      page(
        h(LogTrendChart, {
          metric: "nrs",
          points: [
            { date: "2026-02-01", value: 4 },
            { date: "2026-02-10", value: 6 },
          ],
          from: "2026-01-20",
          to: "2026-02-20",
        }),
      ),
      page(
        h(AdherenceCalendar, {
          days: [{ date: "2026-02-02", ratio: 0.5, logged: true }],
          caption: "Sessions done",
        }),
      ),
    ];
    for (const html of pages) {
      const camel = [...html.matchAll(/\s([a-z]+[A-Z][A-Za-z]*)=/g)].map((m) => m[1]);
      // viewBox is the one camelCase attribute SVG defines.
      expect(camel.filter((name) => name !== "viewBox")).toEqual([]);
    }
    expect(pages[0]).toContain('font-size="13"');
  });
});
