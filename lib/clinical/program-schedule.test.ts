import { describe, expect, it } from "vitest";
import {
  isProgramActiveOn,
  lastDay,
  plannedEnd,
  programStatus,
  versionInForce,
} from "./program-schedule";

const program = { startDate: "2026-01-01", endDate: plannedEnd("2026-01-01", 4), endedOn: null };

describe("program schedule", () => {
  it("runs for whole weeks from the start date", () => {
    expect(program.endDate).toBe("2026-01-28");
    expect(isProgramActiveOn(program, [], "2026-01-28")).toBe(true);
    expect(isProgramActiveOn(program, [], "2026-01-29")).toBe(false);
    expect(isProgramActiveOn(program, [], "2025-12-31")).toBe(false);
  });

  it("a pause covers its first day up to the day before it resumes", () => {
    const pauses = [{ pausedFrom: "2026-01-10", resumedOn: "2026-01-13" }];
    expect(
      ["2026-01-09", "2026-01-10", "2026-01-12", "2026-01-13"].map((d) =>
        isProgramActiveOn(program, pauses, d),
      ),
    ).toEqual([true, false, false, true]);
    expect(
      programStatus(program, [{ pausedFrom: "2026-01-10", resumedOn: null }], "2026-01-20"),
    ).toBe("paused");
  });

  it("ending a program early makes that day its last", () => {
    const ended = { ...program, endedOn: "2026-01-15" };
    expect(lastDay(ended)).toBe("2026-01-15");
    expect(programStatus(ended, [], "2026-01-16")).toBe("ended");
    expect(programStatus(program, [], "2025-12-01")).toBe("planned");
  });

  it("a version is in force until the next one; on the same date the later version wins", () => {
    const versions = [
      { versionNo: 1, effectiveFrom: "2026-01-01" },
      { versionNo: 2, effectiveFrom: "2026-01-10" },
      { versionNo: 3, effectiveFrom: "2026-01-10" },
    ];
    expect(versionInForce(versions, "2026-01-09")?.versionNo).toBe(1);
    expect(versionInForce(versions, "2026-01-10")?.versionNo).toBe(3);
    expect(versionInForce(versions, "2025-12-31")).toBeNull();
  });
});
