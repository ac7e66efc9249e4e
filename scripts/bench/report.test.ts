import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain ES module of the bench, without type declarations
import { outputsOf } from "./report.mjs";

describe("where the bench writes its results", () => {
  it("PostgreSQL's run writes results.json, RESULTS.md and the README's table", () => {
    expect(outputsOf({ pglite: false })).toEqual({
      json: "results.json",
      markdown: "RESULTS.md",
      readme: true,
    });
  });

  it("a PGlite run writes its own files and leaves PostgreSQL's results and the README alone", () => {
    expect(outputsOf({ pglite: true })).toEqual({
      json: "results-pglite.json",
      markdown: "RESULTS-pglite.md",
      readme: false,
    });
  });
});
