// Only db/: lib/data imports "server-only", which throws outside Next.
import { connectPostgres, migratePostgresDb } from "../db/client";
import { seedDemo } from "../db/seed/demo";
import { recordDemoSeedDay } from "./support/demo-day";

/**
 * On PostgreSQL (E2E_DATABASE_URL, a fresh database made by scripts/test.mjs): migrate it and
 * seed the demo clinic. On the embedded database nothing is needed: the server migrates and seeds
 * its fresh PGlite directory on first use.
 *
 * Playwright runs this after the web server is up but before any test, and the server does not
 * touch the database until a request needs it.
 */
export default async function globalSetup() {
  recordDemoSeedDay();
  const url = process.env.E2E_DATABASE_URL;
  if (!url) return;
  const db = connectPostgres(url, { max: 1 });
  try {
    await migratePostgresDb(db);
    await seedDemo(db);
  } finally {
    await db.$client.end({ timeout: 5 });
  }
}
