import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { describeEntry, type FlaggableReport, ReportFlags, reportEntries } from "./report-flags";

const report = (date: string, extra: Partial<FlaggableReport> = {}): FlaggableReport => ({
  date,
  triggers: [],
  newWeakness: false,
  wasting: false,
  twitching: false,
  ...extra,
});

describe("ReportFlags", () => {
  it("lists what needs attention, most recent first, in words", () => {
    const entries = reportEntries([
      report("2026-11-10", { triggers: ["heat", "poor_sleep"] }),
      report("2026-11-12"),
      report("2026-11-18", { triggers: ["stress", "uti"], newWeakness: true }),
      report("2026-11-15", { triggers: ["constipation"] }),
    ]);
    expect(entries.map(describeEntry)).toEqual([
      "18 Nov 2026: Urinary infection symptoms; New weakness; Stress",
      "15 Nov 2026: Constipation",
      "10 Nov 2026: Heat; Poor sleep",
    ]);
    expect(entries.map((e) => e.level)).toEqual(["attention", "trigger", "mention"]);
  });

  it("calls out twitching only together with weakness or wasting", () => {
    const [alone] = reportEntries([report("2026-11-01", { twitching: true })]);
    expect(alone?.level).toBe("mention");
    const [withWasting] = reportEntries([report("2026-11-01", { twitching: true, wasting: true })]);
    expect(withWasting?.level).toBe("attention");
    expect(withWasting?.items.map((i) => i.level)).toEqual(["attention", "attention"]);
    const [relapse] = reportEntries([report("2026-11-01", { triggers: ["relapse", "infection"] })]);
    expect(relapse?.level).toBe("attention");
  });

  it("marks urgent reports in words, and says so when there is nothing", () => {
    const html = renderToStaticMarkup(
      createElement(ReportFlags, {
        reports: [report("2026-11-18", { triggers: ["infection"] }), report("2026-11-19")],
      }),
    );
    expect(html).toContain("Needs attention");
    expect(html).toContain("Other infection or fever");
    expect(html).not.toContain("19 Nov 2026");
    expect(
      renderToStaticMarkup(createElement(ReportFlags, { reports: [report("2026-11-19")] })),
    ).toBe('<p class="text-sm text-slate-700">Nothing reported that needs attention.</p>');
  });
});
