// `npm run flags:recompute`: recompute every patient's escalation flags as of each clinic's today.
// Run it daily (e.g. cron at 02:00): the rules depend on the date (toxin windows, the 90-day
// neuro window, six-week drug trials). Patients whose flags do not change are not written.
import { and, eq, isNull } from "drizzle-orm";
import { todayIn } from "@/lib/clinical/dates";
import { recomputeFlags } from "@/lib/flags/recompute";
import { getDb } from "./client";
import { clinics, patients } from "./schema";

const db = await getDb();
let changed = 0;
let total = 0;
for (const clinic of await db
  .select({ id: clinics.id, timeZone: clinics.timeZone })
  .from(clinics)) {
  const ids = (
    await db
      .select({ id: patients.id })
      .from(patients)
      .where(and(eq(patients.clinicId, clinic.id), isNull(patients.archivedAt)))
  ).map((p) => p.id);
  total += ids.length;
  const results = await db.transaction((tx) =>
    recomputeFlags(tx, clinic.id, ids, todayIn(clinic.timeZone)),
  );
  changed += results.size;
}
console.info(`Flags recomputed for ${total} patients; ${changed} changed.`);
process.exit(0);
