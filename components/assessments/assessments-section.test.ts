import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { fakeAssessment } from "@/components/mas/test-fixtures";
import { AssessmentsSection } from "./assessments-section";

const TODAY = "2026-11-21";
const history = [
  fakeAssessment("2025-03-02", [["knee_flexors", "left", "2"]]),
  fakeAssessment("2025-09-14", [["knee_flexors", "left", "3"]]),
  fakeAssessment("2026-10-01", [["knee_flexors", "left", "1+"]]),
];
const render = (assessments: typeof history, historyFrom: string | null) =>
  renderToStaticMarkup(
    createElement(AssessmentsSection, {
      patientId: "00000000-0000-4000-8000-00000000abcd",
      assessments,
      treatments: { oral: [], toxin: [], pumps: [] },
      today: TODAY,
      recorded: false,
      historyFrom,
    }),
  );
/** The heatmap's date columns, as its column headers read. */
const heatmapColumns = (html: string) => (html.match(/<th scope="col"[^>]*>/g) ?? []).length;

describe("the MAS history window on the patient page", () => {
  it("shows the last 12 months and says how many earlier assessments are left out", () => {
    const windowed = render(history, "2025-11-21");
    expect(windowed).toContain("2 earlier assessments are not in the heatmap and trends");
    expect(windowed).toContain(
      'href="/patients/00000000-0000-4000-8000-00000000abcd?history=all#assessments"',
    );
    const whole = render(history, null);
    expect(whole).toContain("Show the last 12 months");
    expect(heatmapColumns(whole)).toBeGreaterThan(heatmapColumns(windowed));
    // The full list of assessments stays complete either way.
    expect(windowed).toContain("All assessments (3)");
  });

  it("still shows the latest assessment when it is older than the window", () => {
    const old = history.slice(0, 2);
    const html = render(old, "2025-11-21");
    expect(html).toMatch(/Showing assessments since 14 Sept? 2025; 1 earlier assessment is/);
  });
});
