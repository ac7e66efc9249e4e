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
const render = (
  assessments: typeof history,
  historyFrom: string | null,
  more: Partial<Parameters<typeof AssessmentsSection>[0]> = {},
) =>
  renderToStaticMarkup(
    createElement(AssessmentsSection, {
      patientId: "00000000-0000-4000-8000-00000000abcd",
      assessments,
      treatments: { oral: [], toxin: [], pumps: [] },
      today: TODAY,
      recorded: false,
      historyFrom,
      ...more,
    }),
  );
/** The muscle groups that have a trend chart, by their captions. */
const charted = (html: string) =>
  [...html.matchAll(/<figcaption[^>]*>([^<]+)<\/figcaption>/g)].map((m) => m[1]);
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

describe("the trend charts on the patient page", () => {
  const mixed = [
    fakeAssessment("2026-06-02", [
      ["knee_flexors", "left", "3"],
      ["hip_flexors", "right", "1"],
      ["ankle_plantarflexors", "right", "1+"],
    ]),
    fakeAssessment("2026-09-14", [
      ["knee_flexors", "left", "2"],
      ["hip_flexors", "right", "1+"],
      ["ankle_plantarflexors", "right", "1"],
    ]),
  ];

  it("chart the muscle groups graded 2 or more, and link to all of them", () => {
    const html = render(mixed, "2025-11-21");
    expect(charted(html)).toEqual(["Hamstrings (knee flexors), left"]);
    expect(html).toContain("The other 2 stayed below 2");
    expect(html).toContain(
      'href="/patients/00000000-0000-4000-8000-00000000abcd?trends=all#trends">Show all 3 trends',
    );
    // The heatmap still shows every muscle group.
    expect(html).toContain("Hip flexors, right");
    // On the whole history, the link keeps it.
    expect(render(mixed, null)).toContain("?history=all&amp;trends=all#trends");
  });

  it("chart a flagged muscle group whatever its grade, and every group on request", () => {
    const flagged = render(mixed, "2025-11-21", {
      highlight: [{ muscleGroup: "ankle_plantarflexors", side: "right" }],
    });
    expect(charted(flagged)).toHaveLength(2);
    expect(charted(flagged)).toContain("Calf (ankle plantarflexors), right");
    const all = render(mixed, "2025-11-21", { allTrends: true });
    expect(charted(all)).toHaveLength(3);
    expect(all).not.toContain("Show all");
  });

  it("chart every muscle group when none stands out", () => {
    const mild = [
      fakeAssessment("2026-06-02", [
        ["knee_flexors", "left", "1"],
        ["hip_flexors", "left", "0"],
      ]),
    ];
    const html = render(mild, "2025-11-21");
    expect(charted(html)).toHaveLength(2);
    expect(html).not.toContain("Show all");
  });
});
