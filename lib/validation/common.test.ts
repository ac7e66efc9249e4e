import { describe, expect, it } from "vitest";
import { isoDate, NO_NUL, noNul } from "./common";

describe("isoDate", () => {
  const date = isoDate("date");

  it("refuses years PostgreSQL cannot store or that overflow later arithmetic", () => {
    // Found by fuzzing: "0000-01-01" passed and failed the insert (PostgreSQL has no year 0).
    for (const bad of ["0000-01-01", "0001-01-01", "1899-12-31", "3000-01-01", "9999-12-31"])
      expect(date.safeParse(bad).success, bad).toBe(false);
  });

  it("keeps every date the clinic uses", () => {
    for (const good of ["1900-01-01", "1970-03-04", "2024-02-29", "2999-01-01", "2999-12-31"])
      expect(date.safeParse(good).success, good).toBe(true);
  });
});

describe("noNul", () => {
  it("spots the NUL character, which PostgreSQL text cannot hold", () => {
    expect(noNul("a\u0000b")).toBe(false);
    expect(noNul("plain text, é 😀")).toBe(true);
    expect(NO_NUL).toMatch(/NUL/);
  });
});
