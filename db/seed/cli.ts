// `npm run db:seed -- --demo`: add the demo clinics (known passwords!) to DATABASE_URL or the embedded DB.
import { eq } from "drizzle-orm";
import { connectPostgres, type Db, getDb, migratePostgresDb } from "../client";
import { clinics } from "../schema";
import { seedDemo } from "./demo";

if (!process.argv.includes("--demo")) {
  console.error(
    "Usage: npm run db:seed -- --demo   (adds the demo clinics with their public demo passwords)",
  );
  process.exit(2);
}
if (process.env.NODE_ENV === "production" && process.env.ALLOW_DEMO_SEED !== "1") {
  console.error(
    "Refusing to seed demo accounts with known passwords when NODE_ENV=production. Set ALLOW_DEMO_SEED=1 to override.",
  );
  process.exit(1);
}

let db: Db;
if (process.env.DATABASE_URL) {
  const pg = connectPostgres(process.env.DATABASE_URL, { max: 1 });
  await migratePostgresDb(pg);
  db = pg;
} else {
  process.env.EMBEDDED_SEED = "none"; // seed explicitly below, once
  db = await getDb();
}
const [existing] = await db
  .select({ id: clinics.id })
  .from(clinics)
  .where(eq(clinics.isDemo, true))
  .limit(1);
if (existing) {
  console.info("The demo clinic is already there; nothing changed.");
} else {
  await seedDemo(db);
  console.info("Demo clinics seeded. Password for every demo account: demo-spasticity-2026");
}
process.exit(0);
