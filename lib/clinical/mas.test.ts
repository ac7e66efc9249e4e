import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  compareGrades,
  isHighGrade,
  keyLabel,
  MAS_GRADES,
  MUSCLE_GROUP_INFO,
  MUSCLE_GROUPS,
  masRank,
} from "./mas";

describe("Modified Ashworth grades", () => {
  it("orders 1+ between 1 and 2 and keeps it a grade of its own", () => {
    expect(MAS_GRADES.map(masRank)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(compareGrades("1+", "1")).toBeGreaterThan(0);
    expect(compareGrades("1+", "2")).toBeLessThan(0);
  });

  it("calls only 3 and 4 high", () => {
    expect(MAS_GRADES.filter(isHighGrade)).toEqual(["3", "4"]);
  });

  it("ranks are a strict total order consistent with the list order", () => {
    fc.assert(
      fc.property(fc.constantFrom(...MAS_GRADES), fc.constantFrom(...MAS_GRADES), (a, b) => {
        expect(Math.sign(compareGrades(a, b))).toBe(
          Math.sign(MAS_GRADES.indexOf(a) - MAS_GRADES.indexOf(b)),
        );
      }),
    );
  });

  it("names every key with its muscle group label and side, lower limb first", () => {
    expect(keyLabel("knee_flexors", "left")).toBe("Hamstrings (knee flexors), left");
    const limbs = MUSCLE_GROUPS.map((g) => MUSCLE_GROUP_INFO[g].limb);
    expect(limbs.lastIndexOf("lower")).toBeLessThan(limbs.indexOf("upper"));
  });
});
