import { describe, expect, it } from "vitest";
import { highestLatestGrade, summariseKeys } from "./mas-history";

const a = (
  id: string,
  assessedOn: string,
  seq: number,
  scores: [string, "left" | "right", string][],
) =>
  ({
    id,
    assessedOn,
    seq,
    scores: scores.map(([muscleGroup, side, grade]) => ({ muscleGroup, side, grade })),
  }) as Parameters<typeof summariseKeys>[0][number];

describe("summariseKeys", () => {
  it("gives each key its latest grade and the change since the previous one, lower limb first", () => {
    const out = summariseKeys([
      a("2", "2025-03-01", 2, [
        ["ankle_plantarflexors", "left", "3"],
        ["knee_flexors", "right", "1+"],
      ]),
      a("1", "2025-01-10", 1, [
        ["ankle_plantarflexors", "left", "2"],
        ["wrist_flexors", "left", "1"],
      ]),
    ]);
    expect(
      out.map((s) => [s.muscleGroup, s.side, s.latest.grade, s.previous?.grade ?? null, s.change]),
    ).toEqual([
      ["knee_flexors", "right", "1+", null, null],
      ["ankle_plantarflexors", "left", "3", "2", 1],
      ["wrist_flexors", "left", "1", null, null],
    ]);
    expect(highestLatestGrade(out)).toBe("3");
  });

  it("on one date the later-recorded assessment wins and does not count as a previous score", () => {
    const out = summariseKeys([
      a("1", "2025-01-10", 1, [["hip_flexors", "left", "2"]]),
      a("2", "2025-02-10", 2, [["hip_flexors", "left", "4"]]),
      a("3", "2025-02-10", 3, [["hip_flexors", "left", "1+"]]),
    ]);
    expect(out[0]).toMatchObject({ latest: { grade: "1+" }, previous: { grade: "2" }, change: -1 });
  });

  it("treats 1+ as higher than 1 for the highest grade", () => {
    expect(
      highestLatestGrade(
        summariseKeys([
          a("1", "2025-01-01", 1, [
            ["hip_flexors", "left", "1"],
            ["hip_flexors", "right", "1+"],
          ]),
        ]),
      ),
    ).toBe("1+");
    expect(highestLatestGrade([])).toBeNull();
  });
});
