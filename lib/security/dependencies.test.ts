import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const security = readFileSync(path.join(root, "docs/SECURITY.md"), "utf8");
const installed = (name: string): string =>
  JSON.parse(readFileSync(path.join(root, "node_modules", name, "package.json"), "utf8")).version;
const pinned = (name: string): string => {
  const manifest = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
  return manifest.dependencies[name] ?? manifest.devDependencies[name];
};

/** The minimum recorded in docs/SECURITY.md as "Minimum `next`: 16.3.4". */
function recordedMinimum(name: string): string {
  const match = new RegExp(`Minimum \`${name}\`: (\\d+\\.\\d+\\.\\d+)`).exec(security);
  if (!match?.[1]) throw new Error(`docs/SECURITY.md records no minimum for ${name}`);
  return match[1];
}

/** Numeric comparison of plain x.y.z release versions (no pre-releases are used here). */
function atLeast(version: string, minimum: string): boolean {
  const a = version.split(".").map(Number);
  const b = minimum.split(".").map(Number);
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  return true;
}

describe("dependencies carry every published security fix", () => {
  for (const name of ["next", "react", "react-dom", "next-auth"]) {
    it(`${name} is pinned exactly and at or above the minimum in docs/SECURITY.md`, () => {
      const version = installed(name);
      expect(pinned(name), "pinned to an exact version").toBe(version);
      if (name === "next-auth") return; // a beta line: pinned, tracked in SECURITY.md by hand
      expect(atLeast(version, recordedMinimum(name)), `${name} ${version}`).toBe(true);
    });
  }

  it("the comparison itself", () => {
    expect(atLeast("16.4.5", "16.3.4")).toBe(true);
    expect(atLeast("16.3.4", "16.3.4")).toBe(true);
    expect(atLeast("16.3.3", "16.3.4")).toBe(false);
    expect(atLeast("16.10.0", "16.9.9")).toBe(true);
    expect(atLeast("15.9.9", "16.0.0")).toBe(false);
  });
});
