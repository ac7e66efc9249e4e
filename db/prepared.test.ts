import { asc, desc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMemoryDb, type Db } from "./client";
import { prepared, preparedVariants } from "./prepared";
import { countQueries } from "./query-count";
import { clinics } from "./schema";

describe("prepared statements (db/prepared)", () => {
  let first: { db: Db; close: () => Promise<void> };
  let second: { db: Db; close: () => Promise<void> };
  beforeAll(async () => {
    [first, second] = await Promise.all([createMemoryDb(), createMemoryDb()]);
    await first.db.insert(clinics).values({ name: "North", timeZone: "Europe/London" });
    await second.db.insert(clinics).values({ name: "South", timeZone: "Europe/Berlin" });
  });
  afterAll(async () => {
    await Promise.all([first?.close(), second?.close()]);
  });

  let builds = 0;
  const clinicByName = prepared((db) => {
    builds++;
    return db
      .select({ name: clinics.name, timeZone: clinics.timeZone })
      .from(clinics)
      .where(eq(clinics.name, sql.placeholder("name")))
      .prepare("clinic_by_name");
  });

  it("builds a statement once per database and runs it on that database, with the values of each call", async () => {
    const north = await clinicByName(first.db).execute({ name: "North" });
    expect(await clinicByName(first.db).execute({ name: "South" })).toEqual([]);
    // Another database (a test's, or the server after reconnecting) gets its own statement:
    // never one bound to a database it was not built on.
    const south = await clinicByName(second.db).execute({ name: "South" });
    expect(await clinicByName(second.db).execute({ name: "North" })).toEqual([]);
    expect(north).toEqual([{ name: "North", timeZone: "Europe/London" }]);
    expect(south).toEqual([{ name: "South", timeZone: "Europe/Berlin" }]);
    expect(builds).toBe(2);
  });

  it("counts each execution as a statement (the query counter of the bench and of the N+1 test)", async () => {
    const { queries } = await countQueries(async () => {
      await clinicByName(first.db).execute({ name: "North" });
      await clinicByName(first.db).execute({ name: "North" });
    });
    expect(queries).toBe(2);
  });

  it("builds one statement per variant of a query (say, its sort order) and reuses it", async () => {
    const built: string[] = [];
    const clinicNames = preparedVariants(
      (order: "asc" | "desc") => order,
      (db, order) => {
        built.push(order);
        return db
          .select({ name: clinics.name })
          .from(clinics)
          .orderBy(order === "asc" ? asc(clinics.name) : desc(clinics.name))
          .limit(sql.placeholder("limit"))
          .prepare(`clinic_names_${order}`);
      },
    );
    await first.db.insert(clinics).values({ name: "East" });
    const names = async (order: "asc" | "desc") =>
      (await clinicNames(first.db, order).execute({ limit: 2 })).map((r) => r.name);
    expect(await names("asc")).toEqual(["East", "North"]);
    expect(await names("desc")).toEqual(["North", "East"]);
    expect(await names("asc")).toEqual(["East", "North"]);
    expect(built).toEqual(["asc", "desc"]);
  });
});
