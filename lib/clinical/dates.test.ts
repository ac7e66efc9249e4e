import { describe, expect, it } from "vitest";
import { addDays, ageOn, daysBetween, todayIn } from "./dates";

describe("todayIn", () => {
  it("uses the clinic's time zone, not the server's", () => {
    const lateEveningUtc = new Date("2026-03-10T23:30:00Z");
    expect(todayIn("Europe/London", lateEveningUtc)).toBe("2026-03-10");
    expect(todayIn("Australia/Sydney", lateEveningUtc)).toBe("2026-03-11");
    expect(todayIn("America/Los_Angeles", new Date("2026-03-11T03:00:00Z"))).toBe("2026-03-10");
  });
});

describe("calendar arithmetic", () => {
  it("counts whole days across month ends and DST changes", () => {
    expect(daysBetween("2025-01-10", "2025-02-14")).toBe(35);
    expect(daysBetween("2025-03-29", "2025-03-31")).toBe(2);
    expect(daysBetween("2025-02-14", "2025-01-10")).toBe(-35);
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2025-01-01", -1)).toBe("2024-12-31");
  });

  it("computes age on a date, birthday not yet reached", () => {
    expect(ageOn("1980-06-15", "2026-06-14")).toBe(45);
    expect(ageOn("1980-06-15", "2026-06-15")).toBe(46);
  });
});
