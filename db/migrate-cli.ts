// `npm run db:migrate`: apply db/migrations to DATABASE_URL (or the embedded database).
import { migrate } from "drizzle-orm/postgres-js/migrator";
import { connectPostgres, getDb, migrationsFolder } from "./client";

const url = process.env.DATABASE_URL;
if (url) {
  const db = connectPostgres(url, { max: 1 });
  await migrate(db, { migrationsFolder });
  await db.$client.end();
} else {
  // Opening the embedded database migrates it (and seeds the demo on first creation).
  await getDb();
}
console.info("Migrations applied.");
process.exit(0);
