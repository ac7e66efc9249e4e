import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { syncBuiltInExercises } from "./library/sync";
import * as schema from "./schema";

/**
 * One database type for both drivers. PGlite's drizzle instance has the same query API; we
 * type it as postgres-js so the data layer is written once. (Raw `execute` results differ in
 * shape between drivers, so the data layer uses the query builder only.)
 */
export type Db = PostgresJsDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export const migrationsFolder = path.join(
  /*turbopackIgnore: true*/ process.cwd(),
  "db",
  "migrations",
);

declare global {
  // Next bundles route handlers and server components separately: keep one instance per process.
  var __spasticityDb: Promise<Db> | undefined;
  var __spasticityDbFactory: (() => Promise<Db>) | undefined;
}

/** The process-wide database: postgres.js when DATABASE_URL is set, else embedded PGlite. */
export function getDb(): Promise<Db> {
  globalThis.__spasticityDb ??= (globalThis.__spasticityDbFactory ?? connect)().catch(
    (error: unknown) => {
      // Let the next request try again (e.g. PostgreSQL was down at start).
      globalThis.__spasticityDb = undefined;
      throw error;
    },
  );
  return globalThis.__spasticityDb;
}

/** For tests: build the database on first use with `factory` (or forget it, with undefined). */
export function setDbFactory(factory: (() => Promise<Db>) | undefined) {
  globalThis.__spasticityDbFactory = factory;
  globalThis.__spasticityDb = undefined;
}

export function usesEmbeddedDb() {
  return !process.env.DATABASE_URL;
}

export function embeddedDir() {
  return path.resolve(
    /*turbopackIgnore: true*/ process.env.PGLITE_DIR ?? path.join(".data", "pglite"),
  );
}

async function connect(): Promise<Db> {
  const url = process.env.DATABASE_URL;
  if (url) return connectPostgres(url);
  return openEmbedded(embeddedDir());
}

export function connectPostgres(url: string, options: { max?: number } = {}) {
  const client = postgres(url, {
    max: options.max ?? Number(process.env.DB_POOL_MAX ?? 10),
    // PgBouncer in transaction mode needs prepare: false (DB_PREPARE=false).
    prepare: process.env.DB_PREPARE !== "false",
    onnotice: () => {},
    connect_timeout: 5,
  });
  return drizzlePostgres(client, { schema });
}

async function openEmbedded(dir: string): Promise<Db> {
  const isNew = !existsSync(path.join(dir, "PG_VERSION"));
  mkdirSync(dir, { recursive: true });
  const client = new PGlite(dir);
  await client.waitReady;
  const db = drizzlePglite(client, { schema });
  await migratePglite(db, { migrationsFolder });
  const typed = db as unknown as Db;
  await syncBuiltInExercises(typed);
  if (isNew && process.env.EMBEDDED_SEED !== "none") {
    // Dynamic import: the seed (and its password hashing) is only needed on a first start.
    const { seedDemo } = await import("./seed/demo");
    await seedDemo(typed);
    console.info(`Embedded database created in ${dir} and seeded with the demo clinic.`);
  }
  return typed;
}

/** An in-memory PGlite, migrated: the default database of the integration tests. */
export async function createMemoryDb(): Promise<{ db: Db; close: () => Promise<void> }> {
  const client = new PGlite();
  const db = drizzlePglite(client, { schema });
  await migratePglite(db, { migrationsFolder });
  await syncBuiltInExercises(db as unknown as Db);
  return { db: db as unknown as Db, close: () => client.close() };
}

/** Apply the SQL migrations to a PostgreSQL database, then bring the built-in library up to date. */
export async function migratePostgresDb(db: ReturnType<typeof connectPostgres>): Promise<void> {
  await migratePostgres(db, { migrationsFolder });
  await syncBuiltInExercises(db);
}
