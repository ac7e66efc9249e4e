import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { connectPostgres, createMemoryDb, type Db, migratePostgresDb } from "./client";

/**
 * A fresh, migrated database for one test file: a new PostgreSQL database when
 * TEST_DATABASE_URL is set (dropped afterwards), else PGlite in memory.
 */
export async function createTestDb(): Promise<{
  db: Db;
  url: string | null;
  close: () => Promise<void>;
}> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) {
    const { db, close } = await createMemoryDb();
    return { db, url: null, close };
  }
  const name = `spasticity_t_${Date.now()}_${randomBytes(3).toString("hex")}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE "${name}"`);
  const url = withDatabase(base, name);
  const db = connectPostgres(url, { max: 25 });
  await migratePostgresDb(db);
  return {
    db,
    url,
    close: async () => {
      await db.$client.end({ timeout: 5 });
      await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end({ timeout: 5 });
    },
  };
}

export function withDatabase(url: string, database: string) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
