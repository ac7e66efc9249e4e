import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { syncBuiltInExercises } from "./library/sync";
import { queryCounter, reportQueriesOnSignal } from "./query-count";
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
  reportQueriesOnSignal();
  const url = process.env.DATABASE_URL;
  if (url) return connectPostgres(url);
  return openEmbedded(embeddedDir());
}

export function connectPostgres(url: string, options: { max?: number } = {}) {
  const open = () => {
    const pool = postgres(url, {
      max: options.max ?? Number(process.env.DB_POOL_MAX ?? 10),
      onnotice: () => {},
      connect_timeout: 5,
    });
    drizzlePostgres(pool); // sets drizzle's type parsers on this pool's options
    return pool;
  };
  // Prepared statements: PostgreSQL parses and plans each statement once per connection, not on
  // every request (planning was a large part of a page's database time). drizzle asks postgres.js
  // to prepare only its named queries, so the client prepares every statement with parameters.
  // PgBouncer in transaction mode cannot keep them: DB_PREPARE=false.
  const prepare = process.env.DB_PREPARE !== "false";
  return drizzlePostgres(resilientClient(open, prepare), { schema, logger: queryCounter });
}

/**
 * Codes of a lost or refused database connection: postgres.js's own (the socket closed, the pool
 * was ended, the connect timed out), Node's socket errors, SQLSTATE class 08 (connection
 * exception) and 57P01–57P03 (the server terminated the backend, crashed, or is starting up).
 */
const CONNECTION_LOST_CODES = new Set([
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "57P01",
  "57P02",
  "57P03",
]);
/** Of those, the ones that mean an open connection died under us. */
const KILLED_CODES = new Set(["CONNECTION_CLOSED", "ECONNRESET", "EPIPE", "57P01", "57P02"]);

function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  const seen = new Set<unknown>();
  const visit = (e: unknown) => {
    for (; e && typeof e === "object" && !seen.has(e); e = (e as { cause?: unknown }).cause) {
      seen.add(e);
      const code = (e as { code?: unknown }).code;
      if (typeof code === "string") codes.push(code);
      // AggregateError (e.g. connection refused on both IPv4 and IPv6) holds the causes.
      const inner = (e as { errors?: unknown }).errors;
      if (Array.isArray(inner)) for (const i of inner) visit(i);
    }
  };
  visit(error);
  return codes;
}

/** The database connection was lost or could not be made (either driver, wrapped or not). */
export function isConnectionLost(error: unknown): boolean {
  return errorCodes(error).some((c) => CONNECTION_LOST_CODES.has(c) || /^08[0-9A-Z]{3}$/.test(c));
}

function killedConnection(error: unknown): boolean {
  return errorCodes(error).some((c) => KILLED_CODES.has(c) || /^08[0-9A-Z]{3}$/.test(c));
}

type Sql = ReturnType<typeof postgres>;
type Reserved = Awaited<ReturnType<Sql["reserve"]>>;

/**
 * A postgres.js pool that survives a connection killed mid-query (pg_terminate_backend, a
 * failover, a restart). postgres.js 3.4.9 does not on its own (porsager/postgres#1133, #1208):
 * - `begin()` sends ROLLBACK on the dead connection: the write hits a null socket in a timer, an
 *   uncaught TypeError, and leaves the connection unable to reconnect (CONNECT_TIMEOUT forever);
 * - a connection that received the server's "terminating connection" error keeps it and answers
 *   its next query with it after reconnecting, or drops out of the pool for good.
 * So transactions run on a reserved connection, and one lost that way is neither rolled back (the
 * server already did) nor handed back; and after any query sees its connection die, the pool is
 * replaced by a fresh one (the old one ends once its other queries are done, within 10 s). The handle stays
 * the same: callers keep their `db` and the next query simply reconnects. Statements with
 * parameters are sent prepared, or not, as `prepare` says.
 */
function resilientClient(open: () => Sql, prepare: boolean): Sql {
  let current = open();
  const replace = (failed: Sql) => {
    if (current !== failed) return; // someone else already did
    current = open();
    failed.end({ timeout: 10 }).catch(() => {});
  };
  const watch = (pool: Sql) => (error: unknown) => {
    if (killedConnection(error)) replace(pool);
  };
  /** A lazy postgres.js query whose failure is watched, without starting it early. */
  const watched = <Q extends object>(query: Q, onError: (e: unknown) => void): Q =>
    new Proxy(query, {
      get(target, prop) {
        if (prop === "then")
          return (resolve?: (v: unknown) => unknown, reject?: (e: unknown) => unknown) =>
            (target as unknown as Promise<unknown>).then(resolve, (error) => {
              onError(error);
              if (reject) return reject(error);
              throw error;
            });
        const value = Reflect.get(target, prop, target);
        // .values(), .raw() etc. return the query itself: keep returning the watched one.
        return typeof value === "function"
          ? (...args: unknown[]) => {
              const out = value.apply(target, args);
              return out === target ? watched(target, onError) : out;
            }
          : value;
      },
    });

  async function begin(...args: unknown[]) {
    const fn = args.at(-1) as (sql: Reserved) => unknown;
    const mode = typeof args[0] === "string" && args.length > 1 ? args[0] : "";
    const pool = current;
    const conn = await pool.reserve();
    let lost = false;
    const noteLoss = (error: unknown) => {
      if (killedConnection(error)) {
        lost = true;
        replace(pool);
      }
    };
    const run = (statement: string) =>
      watched(conn.unsafe(statement), noteLoss) as unknown as Promise<unknown>;
    const tx = new Proxy(conn, {
      apply: (target, self, callArgs) =>
        watched(Reflect.apply(target, self, callArgs) as object, noteLoss),
      get(target, prop) {
        if (prop === "unsafe")
          return (...[query, args, opts]: Parameters<Reserved["unsafe"]>) =>
            watched(target.unsafe(query, args, { ...opts, prepare }), noteLoss);
        if (prop === "savepoint") return savepoint;
        return Reflect.get(target, prop, target);
      },
    });
    let savepoints = 0;
    async function savepoint(inner: (sql: Reserved) => unknown) {
      const name = `s${++savepoints}`;
      await run(`savepoint ${name}`);
      try {
        const result = await inner(tx);
        await run(`release savepoint ${name}`);
        return result;
      } catch (error) {
        noteLoss(error);
        if (!lost) await run(`rollback to savepoint ${name}`);
        throw error;
      }
    }
    try {
      await run(`begin ${mode.replace(/[^a-z ]/gi, "")}`);
      const result = await fn(tx);
      await run("commit");
      return result;
    } catch (error) {
      noteLoss(error);
      if (!lost) await run("rollback").catch(noteLoss);
      throw error;
    } finally {
      if (!lost) conn.release();
    }
  }

  return new Proxy(function client() {} as unknown as Sql, {
    apply: (_target, _self, args) =>
      watched(Reflect.apply(current, undefined, args) as object, watch(current)),
    get(_target, prop) {
      if (prop === "begin") return begin;
      if (prop === "unsafe")
        return (...[query, args, opts]: Parameters<Sql["unsafe"]>) => {
          const pool = current;
          return watched(pool.unsafe(query, args, { ...opts, prepare }), watch(pool));
        };
      return Reflect.get(current, prop, current);
    },
  });
}

async function openEmbedded(dir: string): Promise<Db> {
  const isNew = !existsSync(path.join(dir, "PG_VERSION"));
  mkdirSync(dir, { recursive: true });
  const client = new PGlite(dir);
  await client.waitReady;
  const db = drizzlePglite(client, { schema, logger: queryCounter });
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
  const db = drizzlePglite(client, { schema, logger: queryCounter });
  await migratePglite(db, { migrationsFolder });
  await syncBuiltInExercises(db as unknown as Db);
  return { db: db as unknown as Db, close: () => client.close() };
}

/** Apply the SQL migrations to a PostgreSQL database, then bring the built-in library up to date. */
export async function migratePostgresDb(db: ReturnType<typeof connectPostgres>): Promise<void> {
  await migratePostgres(db, { migrationsFolder });
  await syncBuiltInExercises(db);
}
