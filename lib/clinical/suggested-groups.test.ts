import { describe, expect, it } from "vitest";
import { summariseKeys } from "./mas-history";
import { suggestedGroups } from "./suggested-groups";

describe("suggestedGroups", () => {
  it("suggests muscle groups whose latest grade is 1+ or higher, never 0 or 1", () => {
    const summaries = summariseKeys([
      {
        id: "a",
        assessedOn: "2026-01-01",
        seq: 1,
        scores: [
          { muscleGroup: "ankle_plantarflexors", side: "left", grade: "3" },
          { muscleGroup: "ankle_plantarflexors", side: "right", grade: "1+" },
          { muscleGroup: "knee_flexors", side: "left", grade: "1" },
          { muscleGroup: "hip_flexors", side: "left", grade: "0" },
        ],
      },
    ]);
    expect(suggestedGroups(summaries)).toEqual({
      ankle_plantarflexors: "Calf graded left 3, right 1+",
    });
  });
});
