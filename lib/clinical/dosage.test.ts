import { describe, expect, it } from "vitest";
import { describeDosage } from "./dosage";

describe("describeDosage", () => {
  it("says a stretch the way a patient reads it", () => {
    expect(
      describeDosage({
        kind: "stretch",
        holdSeconds: 30,
        repetitions: 3,
        sets: null,
        sessionsPerDay: 2,
        daysPerWeek: 7,
        side: "both",
      }),
    ).toBe("Hold 30 seconds, 3 times, twice a day — left and right");
    expect(
      describeDosage({
        kind: "stretch",
        holdSeconds: 45,
        repetitions: 2,
        sets: null,
        sessionsPerDay: 1,
        daysPerWeek: 5,
        side: "left",
      }),
    ).toBe("Hold 45 seconds, twice, once a day, 5 days a week — left side only");
  });

  it("says strength as sets and repetitions, with days a week", () => {
    expect(
      describeDosage({
        kind: "strength",
        holdSeconds: null,
        repetitions: 10,
        sets: 2,
        sessionsPerDay: 1,
        daysPerWeek: 3,
        side: "both",
      }),
    ).toBe("2 sets of 10, once a day, 3 days a week — left and right");
  });

  it("says movement as a count", () => {
    expect(
      describeDosage({
        kind: "movement",
        holdSeconds: null,
        repetitions: 10,
        sets: null,
        sessionsPerDay: 5,
        daysPerWeek: 7,
        side: "right",
      }),
    ).toBe("10 times, 5 times a day — right side only");
  });
});
