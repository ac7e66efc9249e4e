// `npm run db:migrate`: apply db/migrations to DATABASE_URL (or the embedded database).
import { connectPostgres, getDb, migratePostgresDb } from "./client";

const url = process.env.DATABASE_URL;
if (url) {
  const db = connectPostgres(url, { max: 1 });
  await migratePostgresDb(db);
  await db.$client.end();
} else {
  // Opening the embedded database migrates it (and seeds the demo on first creation).
  await getDb();
}
console.info("Migrations applied.");
process.exit(0);
