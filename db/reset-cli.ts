// `npm run db:reset`: drop everything and start again (embedded: delete .data/pglite; PostgreSQL: drop schemas).
import { rmSync } from "node:fs";
import postgres from "postgres";
import { embeddedDir } from "./client";

if (process.env.NODE_ENV === "production" && process.env.ALLOW_DB_RESET !== "1") {
  console.error(
    "Refusing to reset a database when NODE_ENV=production. Set ALLOW_DB_RESET=1 to override.",
  );
  process.exit(1);
}
const url = process.env.DATABASE_URL;
if (url) {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  await sql.unsafe(
    "DROP SCHEMA IF EXISTS drizzle CASCADE; DROP SCHEMA public CASCADE; CREATE SCHEMA public;",
  );
  await sql.end();
  console.info(
    "PostgreSQL database emptied. Run `npm run db:migrate` (and `npm run db:seed -- --demo` for demo data).",
  );
} else {
  rmSync(embeddedDir(), { recursive: true, force: true });
  console.info(`Removed ${embeddedDir()}. The next start recreates it with the demo clinic.`);
}
process.exit(0);
