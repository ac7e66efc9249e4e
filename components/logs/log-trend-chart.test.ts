// A .ts file (vitest only collects *.test.ts), so the element is built with h().
import { h } from "preact";
import { renderToString } from "preact-render-to-string";
import { describe, expect, it } from "vitest";
import { type LogMetric, type LogPoint, LogTrendChart, logTrendSummary } from "./log-trend-chart";

const render = (points: LogPoint[], metric: LogMetric, from = "2026-03-01", to = "2026-03-10") =>
  renderToString(h(LogTrendChart, { points, metric, from, to }));

const lineOf = (html: string) => html.match(/<path d="([^"]+)"[^>]*data-line/)?.[1] ?? "";
const ariaLabel = (html: string) => html.match(/<svg[^>]*aria-label="([^"]+)"/)?.[1] ?? "";

const points: LogPoint[] = [
  { date: "2026-03-01", value: 4 },
  { date: "2026-03-02", value: 6 },
  { date: "2026-03-03", value: null },
  { date: "2026-03-04", value: 3 },
  { date: "2026-03-05", value: 5 },
];

describe("LogTrendChart", () => {
  it("breaks the line at a day without a report", () => {
    const d = lineOf(render(points, "nrs"));
    expect(d.match(/M/g)).toHaveLength(2);
    expect(
      lineOf(
        render(
          points.filter((p) => p.value !== null),
          "nrs",
        ),
      ).match(/M/g),
    ).toHaveLength(1);
    // Every report is a dot, the gap is not.
    expect(render(points, "nrs").match(/<circle/g)).toHaveLength(4);
  });

  it("summarises count, latest value and date, average and range in its accessible name", () => {
    const html = render(points, "nrs");
    const label = ariaLabel(html);
    expect(label).toBe(
      "Spasticity (0–10), 1 Mar 2026 to 10 Mar 2026: 4 reports. Latest 5 on 5 Mar 2026. " +
        "Average 4.5, lowest 3, highest 6.",
    );
    expect(html).toContain('role="img"');
    // Said once: no <title> repeating it.
    expect(html).not.toContain("<title>");
    expect(html).toContain(">Spasticity (0–10)</figcaption>");
  });

  it("uses the Penn scale 0–4, in words in the summary", () => {
    const html = render(
      [
        { date: "2026-03-02", value: 1 },
        { date: "2026-03-06", value: 2 },
      ],
      "penn",
    );
    expect(html).toContain(">Spasm frequency (Penn 0–4)</figcaption>");
    expect(html.match(/data-y-tick="/g)).toHaveLength(5);
    expect(html).toContain('data-y-tick="4"');
    // Grade 4 at the top of the plot, its label centred on its gridline (the grid's last subpath).
    const grid = [
      ...(html.match(/<path d="(M[^"]+)" stroke="#e2e8f0"/)?.[1] ?? "").matchAll(/ ([\d.]+)H/g),
    ];
    expect(grid).toHaveLength(5);
    const top = Number(grid[4]?.[1]);
    const label4 = Number(html.match(/data-y-tick="4" x="[\d.]+" y="([\d.]+)"/)?.[1]);
    expect(label4 - top).toBeGreaterThan(0);
    expect(label4 - top).toBeLessThan(6);
    expect(ariaLabel(html)).toContain("Latest 2 (fewer than one full spasm an hour) on 6 Mar 2026");
    expect(html).toContain("More than ten spasms an hour");
  });

  it("says so when there is nothing to show, and ignores points outside the range", () => {
    expect(logTrendSummary([], "pain", "2026-03-01", "2026-03-10")).toBe(
      "Pain (0–10), 1 Mar 2026 to 10 Mar 2026: no reports.",
    );
    const html = render([{ date: "2026-02-20", value: 9 }], "pain");
    expect(html).toContain("No reports in this period");
    expect(html).not.toContain("<circle");
    expect(html).not.toContain("data-line");
  });
});
