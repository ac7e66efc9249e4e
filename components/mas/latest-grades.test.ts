import { describe, expect, it } from "vitest";
import { describeChange } from "./latest-grades";

const was = (grade: "0" | "1" | "1+" | "2" | "3" | "4") => ({ grade, assessedOn: "2026-01-10" });

describe("describeChange", () => {
  it("says the change in steps of rank, in words", () => {
    expect(describeChange({ change: null, previous: null })).toBe("First assessment");
    expect(describeChange({ change: 0, previous: was("2") })).toBe("No change");
    expect(describeChange({ change: 1, previous: was("1") })).toBe("Worse by 1 step (was 1)");
    expect(describeChange({ change: 1, previous: was("2") })).toBe("Worse by 1 step (was 2)");
    expect(describeChange({ change: -2, previous: was("3") })).toBe("Better by 2 steps (was 3)");
  });
});
