import "server-only";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { z } from "zod";
import { getDb } from "@/db/client";
import { prepared } from "@/db/prepared";
import { intrathecalPumps, oralTreatments, toxinInjections } from "@/db/schema";
import type { Viewer } from "@/lib/auth/viewer-type";
import { todayIn } from "@/lib/clinical/dates";
import type { MuscleGroup, Side } from "@/lib/clinical/mas";
import { recomputeFlags } from "@/lib/flags/recompute";
import type {
  OralDrug,
  oralTreatmentSchema,
  pumpSchema,
  StopReason,
  stopPumpSchema,
  stopTreatmentSchema,
  toxinInjectionSchema,
} from "@/lib/validation/treatment";
import { audit, auditPatientRead } from "./audit";
import { FieldError, NotFoundError } from "./errors";
import { requireStaff } from "./guards";
import { readVisiblePatient, requireVisiblePatient } from "./patient-access";

export interface OralTreatmentDto {
  id: string;
  drug: OralDrug;
  drugOther: string | null;
  dose: string;
  startedOn: string;
  stoppedOn: string | null;
  stopReason: StopReason | null;
}
export interface ToxinInjectionDto {
  id: string;
  injectedOn: string;
  muscleGroup: MuscleGroup;
  side: Side;
  units: number;
  product: string;
}
export interface PumpDto {
  id: string;
  startedOn: string;
  stoppedOn: string | null;
}
export interface TreatmentsDto {
  oral: OralTreatmentDto[];
  toxin: ToxinInjectionDto[];
  pumps: PumpDto[];
}

function notInFuture(viewer: Viewer, field: string, date: string) {
  if (date > todayIn(viewer.clinicTimeZone))
    throw new FieldError({ [field]: ["The date cannot be in the future."] });
}

/** Staff of the clinic: the patient's antispasticity treatments, oldest first. */
/** The three kinds in one statement (db/prepared: the patient page reads it on every view). */
const treatmentsQuery = prepared((db) =>
  db.query.patients
    .findFirst({
      columns: { id: true },
      where: (p) =>
        and(eq(p.id, sql.placeholder("patientId")), eq(p.clinicId, sql.placeholder("clinicId"))),
      with: {
        oralTreatments: {
          columns: {
            id: true,
            drug: true,
            drugOther: true,
            dose: true,
            startedOn: true,
            stoppedOn: true,
            stopReason: true,
          },
          orderBy: (t) => [asc(t.startedOn)],
        },
        toxinInjections: {
          columns: {
            id: true,
            injectedOn: true,
            muscleGroup: true,
            side: true,
            units: true,
            product: true,
          },
          orderBy: (t) => [asc(t.injectedOn)],
        },
        pumps: {
          columns: { id: true, startedOn: true, stoppedOn: true },
          orderBy: (t) => [asc(t.startedOn)],
        },
      },
    })
    .prepare("treatments"),
);

export async function listTreatments(viewer: Viewer, patientId: string): Promise<TreatmentsDto> {
  const db = await getDb();
  await requireStaff(db, viewer, "treatment.read");
  await readVisiblePatient(db, viewer, patientId, "treatment.read");
  await auditPatientRead(db, viewer, patientId, "patient.read");
  const row = await treatmentsQuery(db).execute({ patientId, clinicId: viewer.clinicId });
  const { oralTreatments: oral = [], toxinInjections: toxin = [], pumps = [] } = row ?? {};
  return { oral, toxin, pumps };
}

/** Staff: start an oral antispasticity drug. */
export async function addOralTreatment(viewer: Viewer, input: z.infer<typeof oralTreatmentSchema>) {
  const db = await getDb();
  await requireStaff(db, viewer, "treatment.oral.create");
  await requireVisiblePatient(db, viewer, input.patientId, "treatment.oral.create");
  notInFuture(viewer, "startedOn", input.startedOn);
  await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(oralTreatments)
      .values({
        clinicId: viewer.clinicId,
        patientId: input.patientId,
        drug: input.drug,
        drugOther: input.drug === "other" ? (input.drugOther ?? null) : null,
        dose: input.dose,
        startedOn: input.startedOn,
        recordedBy: viewer.userId,
      })
      .returning({ id: oralTreatments.id });
    await audit(tx, viewer, {
      action: "treatment.oral.create",
      entityType: "oral_treatment",
      entityId: row?.id,
      patientId: input.patientId,
    });
    await recomputeFlags(
      tx,
      viewer.clinicId,
      [input.patientId],
      todayIn(viewer.clinicTimeZone),
      viewer,
    );
  });
}

/** Staff: stop an active oral drug, with the reason (an input of the escalation rules). */
export async function stopOralTreatment(
  viewer: Viewer,
  input: z.infer<typeof stopTreatmentSchema>,
) {
  const db = await getDb();
  await requireStaff(db, viewer, "treatment.oral.stop");
  await requireVisiblePatient(db, viewer, input.patientId, "treatment.oral.stop");
  notInFuture(viewer, "stoppedOn", input.stoppedOn);
  const where = and(
    eq(oralTreatments.id, input.treatmentId),
    eq(oralTreatments.patientId, input.patientId),
    eq(oralTreatments.clinicId, viewer.clinicId),
    isNull(oralTreatments.stoppedOn),
  );
  const [current] = await db
    .select({ startedOn: oralTreatments.startedOn })
    .from(oralTreatments)
    .where(where);
  if (!current) throw new NotFoundError("treatment");
  if (input.stoppedOn < current.startedOn)
    throw new FieldError({ stoppedOn: ["The stop date cannot be before the start date."] });
  await db.transaction(async (tx) => {
    await tx
      .update(oralTreatments)
      .set({ stoppedOn: input.stoppedOn, stopReason: input.stopReason })
      .where(where);
    await audit(tx, viewer, {
      action: "treatment.oral.stop",
      entityType: "oral_treatment",
      entityId: input.treatmentId,
      patientId: input.patientId,
      details: { stopReason: input.stopReason },
    });
    await recomputeFlags(
      tx,
      viewer.clinicId,
      [input.patientId],
      todayIn(viewer.clinicTimeZone),
      viewer,
    );
  });
}

/** Staff: record a botulinum toxin injection into one muscle group on one side. */
export async function addToxinInjection(
  viewer: Viewer,
  input: z.infer<typeof toxinInjectionSchema>,
) {
  const db = await getDb();
  await requireStaff(db, viewer, "treatment.toxin.create");
  await requireVisiblePatient(db, viewer, input.patientId, "treatment.toxin.create");
  notInFuture(viewer, "injectedOn", input.injectedOn);
  await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(toxinInjections)
      .values({ clinicId: viewer.clinicId, recordedBy: viewer.userId, ...input })
      .returning({ id: toxinInjections.id });
    await audit(tx, viewer, {
      action: "treatment.toxin.create",
      entityType: "toxin_injection",
      entityId: row?.id,
      patientId: input.patientId,
    });
    await recomputeFlags(
      tx,
      viewer.clinicId,
      [input.patientId],
      todayIn(viewer.clinicTimeZone),
      viewer,
    );
  });
}

/** Staff: record an intrathecal baclofen pump. */
export async function addPump(viewer: Viewer, input: z.infer<typeof pumpSchema>) {
  const db = await getDb();
  await requireStaff(db, viewer, "treatment.pump.create");
  await requireVisiblePatient(db, viewer, input.patientId, "treatment.pump.create");
  notInFuture(viewer, "startedOn", input.startedOn);
  await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(intrathecalPumps)
      .values({
        clinicId: viewer.clinicId,
        patientId: input.patientId,
        startedOn: input.startedOn,
        recordedBy: viewer.userId,
      })
      .returning({ id: intrathecalPumps.id });
    await audit(tx, viewer, {
      action: "treatment.pump.create",
      entityType: "intrathecal_pump",
      entityId: row?.id,
      patientId: input.patientId,
    });
    await recomputeFlags(
      tx,
      viewer.clinicId,
      [input.patientId],
      todayIn(viewer.clinicTimeZone),
      viewer,
    );
  });
}

/** Staff: record that an intrathecal pump was stopped or removed. */
export async function stopPump(viewer: Viewer, input: z.infer<typeof stopPumpSchema>) {
  const db = await getDb();
  await requireStaff(db, viewer, "treatment.pump.stop");
  await requireVisiblePatient(db, viewer, input.patientId, "treatment.pump.stop");
  notInFuture(viewer, "stoppedOn", input.stoppedOn);
  const where = and(
    eq(intrathecalPumps.id, input.pumpId),
    eq(intrathecalPumps.patientId, input.patientId),
    eq(intrathecalPumps.clinicId, viewer.clinicId),
    isNull(intrathecalPumps.stoppedOn),
  );
  const [current] = await db
    .select({ startedOn: intrathecalPumps.startedOn })
    .from(intrathecalPumps)
    .where(where);
  if (!current) throw new NotFoundError("pump");
  if (input.stoppedOn < current.startedOn)
    throw new FieldError({ stoppedOn: ["The stop date cannot be before the start date."] });
  await db.transaction(async (tx) => {
    await tx.update(intrathecalPumps).set({ stoppedOn: input.stoppedOn }).where(where);
    await audit(tx, viewer, {
      action: "treatment.pump.stop",
      entityType: "intrathecal_pump",
      entityId: input.pumpId,
      patientId: input.patientId,
    });
    await recomputeFlags(
      tx,
      viewer.clinicId,
      [input.patientId],
      todayIn(viewer.clinicTimeZone),
      viewer,
    );
  });
}
