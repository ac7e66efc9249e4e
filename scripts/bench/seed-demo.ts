// `npm run bench -- --demo`: seeds the small demo clinic instead of the large one (a quick check
// of the bench itself; its numbers say little). Prints, as its last line, the same JSON object
// as db/seed/large-cli.ts: { clinicId, richPatientId, therapistUserId, patientIds, counts }.
import { and, eq, isNull } from "drizzle-orm";
import { connectPostgres, type Db, getDb, migratePostgresDb } from "@/db/client";
import { patients, users } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";

const started = Date.now();
let db: Db;
if (process.env.DATABASE_URL) {
  const pg = connectPostgres(process.env.DATABASE_URL, { max: 1 });
  await migratePostgresDb(pg);
  db = pg;
} else {
  process.env.EMBEDDED_SEED = "none"; // seeded explicitly below
  db = await getDb();
}
await seedDemo(db);

const [patientUser] = await db
  .select({ clinicId: users.clinicId, patientId: patients.id })
  .from(users)
  .innerJoin(patients, eq(patients.userId, users.id))
  .where(eq(users.email, "patient@demo.clinic"));
const [therapist] = await db
  .select({ id: users.id })
  .from(users)
  .where(eq(users.email, "therapist@demo.clinic"));
if (!patientUser || !therapist) throw new Error("The demo seed did not create its accounts.");
const ids = await db
  .select({ id: patients.id })
  .from(patients)
  .where(and(eq(patients.clinicId, patientUser.clinicId), isNull(patients.archivedAt)));

console.info(
  JSON.stringify({
    clinicId: patientUser.clinicId,
    richPatientId: patientUser.patientId,
    therapistUserId: therapist.id,
    patientIds: ids.map((p) => p.id),
    counts: { patients: ids.length },
    elapsedMs: Date.now() - started,
  }),
);
process.exit(0);
