import { describe, expect, it } from "vitest";
import { logStreaks } from "./streaks";

describe("logStreaks", () => {
  it("counts the current run up to today, or up to yesterday while today is not logged", () => {
    expect(logStreaks(["2026-03-08", "2026-03-09", "2026-03-10"], "2026-03-10")).toEqual({
      current: 3,
      longest: 3,
    });
    expect(logStreaks(["2026-03-08", "2026-03-09"], "2026-03-10")).toEqual({
      current: 2,
      longest: 2,
    });
    expect(logStreaks(["2026-03-07", "2026-03-08"], "2026-03-10")).toEqual({
      current: 0,
      longest: 2,
    });
  });

  it("finds the longest run across gaps and month ends", () => {
    expect(
      logStreaks(["2026-01-30", "2026-01-31", "2026-02-01", "2026-02-05"], "2026-02-05"),
    ).toEqual({ current: 1, longest: 3 });
    expect(logStreaks([], "2026-02-05")).toEqual({ current: 0, longest: 0 });
  });
});
