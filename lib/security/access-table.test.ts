import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import {
  callAction,
  dataChecksum,
  demoWorld,
  loadActions,
  mockNextRequestContext,
  outcomeOf,
  runtime,
  validInput,
  type World,
} from "@/lib/testing/action-harness";
import { ACCESS_TABLE, ROLES } from "./access-table";

const APP = path.resolve(import.meta.dirname, "../../app");

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

/** app/(clinic)/patients/[patientId]/page.tsx → /patients/[patientId] (route groups vanish). */
function urlOf(file: string): string {
  const segments = path
    .relative(APP, path.dirname(file))
    .split(path.sep)
    .filter((s) => s && !/^\(.*\)$/.test(s));
  return `/${segments.join("/")}`;
}

/** What the app actually has: pages, route handlers (per method) and server actions. */
function discover() {
  const files = filesUnder(APP);
  const pages = files.filter((f) => f.endsWith(`${path.sep}page.tsx`)).map(urlOf);
  const routes = files
    .filter((f) => f.endsWith(`${path.sep}route.ts`))
    .flatMap((f) => {
      const source = readFileSync(f, "utf8");
      const methods = new Set<string>();
      for (const m of source.matchAll(/export (?:async )?function (GET|POST|PUT|PATCH|DELETE)\b/g))
        methods.add(m[1] as string);
      for (const m of source.matchAll(/export const \{([^}]*)\}/g))
        for (const name of (m[1] as string).split(",").map((s) => s.trim()))
          if (/^(GET|POST|PUT|PATCH|DELETE)$/.test(name)) methods.add(name);
      return [...methods].map((method) => `${method} ${urlOf(f)}`);
    });
  const actions = files
    .filter((f) => /\.tsx?$/.test(f) && /^\s*["']use server["']/m.test(readFileSync(f, "utf8")))
    .flatMap((f) => {
      const source = readFileSync(f, "utf8");
      const relative = path.relative(path.dirname(APP), f).split(path.sep).join("/");
      return [...source.matchAll(/^export (?:async function|const) (\w+)/gm)].map(
        (m) => `${relative}#${m[1]}`,
      );
    });
  return { pages, routes, actions };
}

const keysOf = (kind: "page" | "route" | "action") =>
  ACCESS_TABLE.filter((r) => r.kind === kind)
    .map((r) => r.key)
    .sort();

describe("the access table lists everything the app serves", () => {
  const found = discover();
  it("every page", () => expect(keysOf("page")).toEqual([...found.pages].sort()));
  it("every route handler and method", () =>
    expect(keysOf("route")).toEqual([...found.routes].sort()));
  it("every server action", () => expect(keysOf("action")).toEqual([...found.actions].sort()));
  it("each key once", () => {
    const keys = ACCESS_TABLE.map((r) => `${r.kind} ${r.key}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe("every server action, called directly as every role", () => {
  let world: World;
  let actions: Awaited<ReturnType<typeof loadActions>>;
  beforeAll(async () => {
    mockNextRequestContext();
    world = await demoWorld(await getDb());
    actions = await loadActions();
  }, 120_000);

  it("answers exactly as the table says, writes nothing when refused, and leaks nothing", async () => {
    const mismatches: string[] = [];
    const rows = ACCESS_TABLE.filter((r) => r.kind === "action");
    expect(Object.keys(actions).sort()).toEqual(rows.map((r) => r.key).sort());
    for (const row of rows) {
      const action = actions[row.key];
      if (!action) throw new Error(`no action ${row.key}`);
      for (const role of ROLES) {
        runtime.session = await world.sessionOf(role);
        const input = await validInput(world, row.key);
        const before = await dataChecksum(world.db);
        const result = await callAction(action, input);
        const outcome = outcomeOf(result);
        const expected = row.expected[role];
        const refused = outcome === "404" || outcome === "login" || expected === "public";
        if (expected === "public") {
          if (outcome.startsWith("unexpected: threw"))
            mismatches.push(`${row.key} as ${role}: ${outcome}`);
        } else if (outcome !== expected) {
          mismatches.push(`${row.key} as ${role}: expected ${expected}, got ${outcome}`);
        }
        if (refused) {
          if ((await dataChecksum(world.db)) !== before)
            mismatches.push(`${row.key} as ${role}: refused, yet data changed`);
        }
      }
    }
    runtime.session = null;
    expect(mismatches).toEqual([]);
  }, 300_000);
});
