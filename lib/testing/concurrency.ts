import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";

/**
 * The most statements on `table` seen running at the same moment, each on its own PostgreSQL
 * connection, while `work` ran: a temporary statement-level trigger (it fires even when an
 * UPDATE's WHERE matches nothing, as for the losers of a race) holds each statement for 100 ms
 * in pg_sleep, and pg_stat_activity is polled meanwhile. On PostgreSQL (TEST_DATABASE_URL) the
 * test pool has many connections, so Promise.all really runs in parallel; PGlite has one
 * connection (no probe, 1).
 */
export async function concurrentStatements(
  table: string,
  work: () => Promise<unknown>,
): Promise<number> {
  if (!process.env.TEST_DATABASE_URL) {
    await work();
    return 1;
  }
  const db = await getDb();
  await db.execute(
    sql.raw(`CREATE OR REPLACE FUNCTION concurrency_probe() RETURNS trigger AS $$
      BEGIN PERFORM pg_sleep(0.1); RETURN NULL; END; $$ LANGUAGE plpgsql`),
  );
  await db.execute(
    sql.raw(`CREATE TRIGGER concurrency_probe BEFORE INSERT OR UPDATE ON ${table}
      FOR EACH STATEMENT EXECUTE FUNCTION concurrency_probe()`),
  );
  try {
    let done = false;
    const running = work().finally(() => {
      done = true;
    });
    let most = 0;
    while (!done) {
      const rows = (await db.execute(
        sql`select count(*)::int as n from pg_stat_activity
            where datname = current_database() and wait_event = 'PgSleep'`,
      )) as unknown as { n: number }[];
      most = Math.max(most, Number(rows[0]?.n ?? 0));
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await running;
    return most;
  } finally {
    await db.execute(sql.raw(`DROP TRIGGER IF EXISTS concurrency_probe ON ${table}`));
  }
}
