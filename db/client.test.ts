import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { connectPostgres } from "./client";

const pg = process.env.TEST_DATABASE_URL;
const setting = process.env.DB_PREPARE;
afterEach(() => {
  if (setting === undefined) delete process.env.DB_PREPARE;
  else process.env.DB_PREPARE = setting;
});

/** The statements prepared on the connection that ran parameterized queries in and out of a transaction. */
async function preparedAfterQueries(prepareSetting: string | undefined) {
  if (prepareSetting === undefined) delete process.env.DB_PREPARE;
  else process.env.DB_PREPARE = prepareSetting;
  const db = connectPostgres(pg as string, { max: 1 }); // one connection: the same session
  try {
    await db.execute(sql`select ${41}::int + 1 as answer`);
    const inTransaction = await db.transaction(async (tx) => {
      await tx.execute(sql`select ${"tx"}::text as inside`);
      return tx.execute(sql`select statement from pg_prepared_statements`);
    });
    return (inTransaction as unknown as { statement: string }[]).map((r) => r.statement).sort();
  } finally {
    await db.$client.end({ timeout: 5 });
  }
}

describe.skipIf(!pg)("prepared statements (PostgreSQL)", () => {
  it("statements with parameters are prepared once per connection, unless DB_PREPARE=false", async () => {
    const ours = ["select $1::int + 1 as answer", "select $1::text as inside"];
    expect(await preparedAfterQueries(undefined)).toEqual(expect.arrayContaining(ours));
    // PgBouncer in transaction mode: none of them may stay prepared on a server connection.
    const without = await preparedAfterQueries("false");
    for (const statement of ours) expect(without).not.toContain(statement);
  });
});
