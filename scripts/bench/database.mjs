// The bench's own database: a fresh PostgreSQL database (or PGlite directory) per run.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";

export const DEFAULT_SERVER_URL = "postgres://postgres@127.0.0.1:5432/postgres";

/** The server to create the bench database on: BENCH_DATABASE_URL, DATABASE_URL, or local. */
export function serverUrl(env = process.env) {
  return env.BENCH_DATABASE_URL || env.DATABASE_URL || DEFAULT_SERVER_URL;
}

function withDatabase(url, database) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Credentials hidden, for printing. */
export function redact(url) {
  const u = new URL(url);
  if (u.password) u.password = "***";
  return u.toString();
}

async function withSql(url, fn) {
  const sql = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  try {
    return await fn(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** Creates `spasticity_bench_<timestamp>` on the server; returns its URL and how to drop it. */
export async function createPostgresDatabase(baseUrl) {
  const name = `spasticity_bench_${Date.now()}`;
  await withSql(baseUrl, (sql) => sql.unsafe(`CREATE DATABASE "${name}"`));
  return {
    kind: "postgres",
    name,
    url: withDatabase(baseUrl, name),
    describe: `PostgreSQL database ${name} on ${redact(baseUrl)}`,
    drop: () =>
      withSql(baseUrl, (sql) => sql.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)),
  };
}

/** A fresh directory for PGlite (the generator creates the database in it). */
export function createPgliteDir() {
  const parent = mkdtempSync(path.join(os.tmpdir(), "spasticity-bench-"));
  const dir = path.join(parent, "pglite");
  return {
    kind: "pglite",
    name: dir,
    dir,
    describe: `PGlite in ${dir}`,
    drop: async () => rmSync(parent, { recursive: true, force: true }),
  };
}

/** `select version()` of a PostgreSQL database. */
export function postgresVersion(url) {
  return withSql(url, async (sql) => (await sql`select version() as v`)[0].v);
}

/** Runs one query against a PostgreSQL database (e.g. to look up ids for the demo mode). */
export function queryPostgres(url, text, params = []) {
  return withSql(url, (sql) => sql.unsafe(text, params));
}
