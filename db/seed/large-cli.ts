// `npm run seed:large -- [--patients 300] [--days 730] [--seed 1] [--as-of YYYY-MM-DD]`: add the
// synthetic large clinic of the benchmark to DATABASE_URL or the embedded database (never while a
// server holds the embedded directory: PGlite does not lock it). Progress goes to stderr; the last
// line on stdout is the summary as one JSON object, which `npm run bench` reads.
import { parseArgs } from "node:util";
import type { PGlite } from "@electric-sql/pglite";
import { eq, sql } from "drizzle-orm";
import { connectPostgres, type Db, getDb, migratePostgresDb } from "../client";
import { clinics } from "../schema";
import { LARGE_CLINIC_NAME, LARGE_CLINIC_PASSWORD, seedLargeClinic } from "./large";

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

const usage =
  "Usage: npm run seed:large -- [--patients 300] [--days 730] [--seed 1] [--as-of YYYY-MM-DD]";
let values: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    options: {
      patients: { type: "string" },
      days: { type: "string" },
      seed: { type: "string" },
      "as-of": { type: "string" },
    },
  }).values;
}
try {
  values = parse();
} catch (error) {
  console.error(`${(error as Error).message}\n${usage}`);
  process.exit(2);
}
const whole = (name: string, value: string | undefined) => {
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value)) {
    console.error(`--${name} must be a whole number.\n${usage}`);
    process.exit(2);
  }
  return Number(value);
};
const options = {
  patients: whole("patients", values.patients),
  days: whole("days", values.days),
  seed: whole("seed", values.seed),
  asOf: values["as-of"],
};

if (process.env.NODE_ENV === "production") {
  console.error(
    "Refusing to add the synthetic large clinic (accounts with a known password) when NODE_ENV=production.",
  );
  process.exit(1);
}

let db: Db;
let close: () => Promise<void>;
if (process.env.DATABASE_URL) {
  const pg = connectPostgres(process.env.DATABASE_URL, { max: 1 });
  await migratePostgresDb(pg);
  db = pg;
  close = () => pg.$client.end({ timeout: 5 });
} else {
  process.env.EMBEDDED_SEED = "none"; // a new directory gets the large clinic only, not the demo
  db = await getDb();
  // getDb() opened PGlite (typed as postgres-js for the data layer): close it to flush and exit.
  close = () => (db as unknown as { $client: PGlite }).$client.close();
}
console.error(`Connected and migrated (${elapsed()})`);

const [existing] = await db
  .select({ id: clinics.id })
  .from(clinics)
  .where(eq(clinics.name, LARGE_CLINIC_NAME))
  .limit(1);
if (existing) {
  console.error(
    `A clinic named "${LARGE_CLINIC_NAME}" already exists (${existing.id}); nothing changed. Use a fresh database.`,
  );
  await close();
  process.exit(1);
}

try {
  const summary = await seedLargeClinic(db, {
    ...options,
    log: (message) => console.error(message),
  });
  // What autovacuum would have done on a live database: fresh planner statistics (without them
  // the first queries plan for empty tables) and the visibility map (index-only scans).
  await db.execute(sql`vacuum analyze`);
  console.error(
    `Large clinic seeded in ${elapsed()}. Password for every account: ${LARGE_CLINIC_PASSWORD}`,
  );
  console.info(JSON.stringify({ ...summary, elapsedMs: Date.now() - started }));
} catch (error) {
  console.error(error);
  await close();
  process.exit(1);
}
await close();
process.exit(0);
