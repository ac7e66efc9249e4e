import { describe, expect, it } from "vitest";
import { formatAxisDate, formatDate, parseIsoDate } from "./format-date";

describe("format date", () => {
  it("formats calendar dates in UTC, whatever the process time zone", () => {
    expect(formatDate("2026-03-12")).toBe("12 Mar 2026");
    expect(formatDate("2026-01-01")).toBe("1 Jan 2026");
    expect(formatDate("2025-12-31")).toBe("31 Dec 2025");
    expect(parseIsoDate("2026-03-12").toISOString()).toBe("2026-03-12T00:00:00.000Z");
  });

  it("formats axis ticks by month or by day", () => {
    expect(formatAxisDate(parseIsoDate("2026-03-01"), "month")).toBe("Mar 2026");
    expect(formatAxisDate(parseIsoDate("2026-03-08"), "day")).toBe("8 Mar");
  });
});
