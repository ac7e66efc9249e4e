import { createHash } from "node:crypto";
import { and, asc, count, eq, getTableColumns, inArray, ne, notInArray, or } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import {
  assessments,
  clinics,
  dailyLogs,
  exercises,
  flagComputations,
  flags,
  intrathecalPumps,
  logItems,
  logReviews,
  masScores,
  oralTreatments,
  patients,
  programItems,
  programPauses,
  programs,
  programTemplates,
  programVersions,
  templateItems,
  toxinInjections,
  users,
} from "@/db/schema";
import { createTestDb } from "@/db/test-db";
import { verifyLogin } from "@/lib/auth/login";
import { evaluateEscalation } from "@/lib/clinical/escalation";
import { loadEscalationInputs, recomputeFlags } from "@/lib/flags/recompute";
import {
  LARGE_ACCOUNTS,
  LARGE_CLINIC_PASSWORD,
  type LargeClinicSummary,
  seedLargeClinic,
} from "./large";

// Small enough for PGlite in a few seconds, large enough for every situation the generator plants.
const SIZE = { patients: 12, days: 120, seed: 7, asOf: "2026-06-30" };

let handle: Awaited<ReturnType<typeof createTestDb>>;
let db: Db;
let summary: LargeClinicSummary;

beforeAll(async () => {
  handle = await createTestDb();
  db = handle.db;
  summary = await seedLargeClinic(db, SIZE);
});
afterAll(async () => {
  await handle?.close();
});

/** `table`'s columns without `omit`, for a select. */
function columnsOf<T extends PgTable>(table: T, ...omit: string[]): Record<string, PgColumn> {
  return Object.fromEntries(
    Object.entries(getTableColumns(table)).filter(([key]) => !omit.includes(key)),
  ) as Record<string, PgColumn>;
}

/**
 * The clinic's generated content, table by table, as comparable JSON. Left out: the password
 * hash (salted), what the database numbers or dates itself (the built-in exercises' ids: slugs
 * instead; `seq`: its rank instead) and the engine's own ids and clock on flags.
 */
async function content(target: Db, clinicId: string): Promise<Record<string, string>> {
  const ofPrograms = target
    .select({ id: programs.id })
    .from(programs)
    .where(eq(programs.clinicId, clinicId));
  const seqRows = await target
    .select({ id: assessments.id, seq: assessments.seq })
    .from(assessments)
    .where(eq(assessments.clinicId, clinicId))
    .orderBy(asc(assessments.seq));
  const rank = new Map(seqRows.map((r, i) => [r.id, i]));
  const tables: Record<string, unknown[]> = {
    clinics: await target.select().from(clinics).where(eq(clinics.id, clinicId)),
    users: await target
      .select(columnsOf(users, "passwordHash"))
      .from(users)
      .where(eq(users.clinicId, clinicId))
      .orderBy(asc(users.id)),
    patients: await target
      .select()
      .from(patients)
      .where(eq(patients.clinicId, clinicId))
      .orderBy(asc(patients.id)),
    assessments: (
      await target
        .select()
        .from(assessments)
        .where(eq(assessments.clinicId, clinicId))
        .orderBy(asc(assessments.id))
    ).map(({ seq: _, ...a }) => ({ ...a, seqRank: rank.get(a.id) })),
    masScores: await target
      .select(columnsOf(masScores))
      .from(masScores)
      .innerJoin(assessments, eq(assessments.id, masScores.assessmentId))
      .where(eq(assessments.clinicId, clinicId))
      .orderBy(asc(masScores.id)),
    oralTreatments: await target
      .select()
      .from(oralTreatments)
      .where(eq(oralTreatments.clinicId, clinicId))
      .orderBy(asc(oralTreatments.id)),
    toxinInjections: await target
      .select()
      .from(toxinInjections)
      .where(eq(toxinInjections.clinicId, clinicId))
      .orderBy(asc(toxinInjections.id)),
    pumps: await target
      .select()
      .from(intrathecalPumps)
      .where(eq(intrathecalPumps.clinicId, clinicId))
      .orderBy(asc(intrathecalPumps.id)),
    templates: await target
      .select()
      .from(programTemplates)
      .where(eq(programTemplates.clinicId, clinicId))
      .orderBy(asc(programTemplates.id)),
    templateItems: await target
      .select({ ...columnsOf(templateItems, "exerciseId"), slug: exercises.slug })
      .from(templateItems)
      .innerJoin(exercises, eq(exercises.id, templateItems.exerciseId))
      .innerJoin(programTemplates, eq(programTemplates.id, templateItems.templateId))
      .where(eq(programTemplates.clinicId, clinicId))
      .orderBy(asc(templateItems.id)),
    programs: await target
      .select()
      .from(programs)
      .where(eq(programs.clinicId, clinicId))
      .orderBy(asc(programs.id)),
    programVersions: await target
      .select()
      .from(programVersions)
      .where(inArray(programVersions.programId, ofPrograms))
      .orderBy(asc(programVersions.id)),
    programItems: await target
      .select({ ...columnsOf(programItems, "exerciseId"), slug: exercises.slug })
      .from(programItems)
      .innerJoin(exercises, eq(exercises.id, programItems.exerciseId))
      .innerJoin(programVersions, eq(programVersions.id, programItems.versionId))
      .where(inArray(programVersions.programId, ofPrograms))
      .orderBy(asc(programItems.id)),
    programPauses: await target
      .select()
      .from(programPauses)
      .where(inArray(programPauses.programId, ofPrograms))
      .orderBy(asc(programPauses.id)),
    dailyLogs: await target
      .select()
      .from(dailyLogs)
      .where(eq(dailyLogs.clinicId, clinicId))
      .orderBy(asc(dailyLogs.id)),
    logItems: await target
      .select(columnsOf(logItems))
      .from(logItems)
      .innerJoin(dailyLogs, eq(dailyLogs.id, logItems.logId))
      .where(eq(dailyLogs.clinicId, clinicId))
      .orderBy(asc(logItems.id)),
    logReviews: await target
      .select()
      .from(logReviews)
      .where(eq(logReviews.clinicId, clinicId))
      .orderBy(asc(logReviews.id)),
    flags: await target
      .select(columnsOf(flags, "id", "createdAt", "updatedAt", "statusAt"))
      .from(flags)
      .where(eq(flags.clinicId, clinicId))
      .orderBy(asc(flags.patientId), asc(flags.kind)),
    flagComputations: await target
      .select({ patientId: flagComputations.patientId, computedOn: flagComputations.computedOn })
      .from(flagComputations)
      .innerJoin(patients, eq(patients.id, flagComputations.patientId))
      .where(eq(patients.clinicId, clinicId))
      .orderBy(asc(flagComputations.patientId)),
  };
  return Object.fromEntries(
    Object.entries(tables).map(([name, rows]) => [
      name,
      `${rows.length}:${createHash("sha256").update(JSON.stringify(rows)).digest("hex")}`,
    ]),
  );
}

describe("seedLargeClinic", () => {
  it("scales as designed: monthly assessments of ~12 keys, logs on most days, programs with versions", async () => {
    const { counts } = summary;
    const { patients: n, days } = SIZE;
    expect(counts.patients).toBe(n);
    // About one assessment every 36 days (plus amendments).
    expect(counts.assessments).toBeGreaterThanOrEqual(Math.round(((n * days) / 36) * 0.7));
    expect(counts.assessments).toBeLessThanOrEqual(Math.round(((n * days) / 36) * 1.6));
    expect(counts.amendments).toBeGreaterThanOrEqual(1);
    expect(counts.masScores / counts.assessments).toBeGreaterThanOrEqual(9.5);
    expect(counts.masScores / counts.assessments).toBeLessThanOrEqual(14);
    expect(counts.programVersions).toBeGreaterThan(counts.programs);
    expect(counts.programVersions).toBeLessThanOrEqual(counts.programs * 3);
    expect(counts.programItems).toBeGreaterThanOrEqual(counts.programVersions * 2);
    expect(counts.logItems).toBeGreaterThan(counts.dailyLogs * 2);
    expect(counts.oralTreatments).toBeGreaterThanOrEqual(1);
    expect(counts.toxinInjections).toBeGreaterThanOrEqual(1);
    expect(counts.pumps).toBeGreaterThanOrEqual(1);

    // The summary counts what is in the database.
    const clinicCount = async (table: PgTable & { clinicId: PgColumn }) =>
      (await db.select({ n: count() }).from(table).where(eq(table.clinicId, summary.clinicId)))[0]
        ?.n;
    expect(await clinicCount(assessments)).toBe(counts.assessments);
    expect(await clinicCount(dailyLogs)).toBe(counts.dailyLogs);
    expect(await clinicCount(programs)).toBe(counts.programs);
    expect(await clinicCount(oralTreatments)).toBe(counts.oralTreatments);
    expect(await clinicCount(toxinInjections)).toBe(counts.toxinInjections);
    expect(await clinicCount(flags)).toBe(counts.flags);
    const [scores] = await db.select({ n: count() }).from(masScores);
    expect(scores?.n).toBe(counts.masScores);
    const [items] = await db.select({ n: count() }).from(logItems);
    expect(items?.n).toBe(counts.logItems);

    // Every assessment version has its scores.
    const unscored = await db
      .select({ id: assessments.id })
      .from(assessments)
      .leftJoin(masScores, eq(masScores.assessmentId, assessments.id))
      .where(eq(assessments.clinicId, summary.clinicId))
      .groupBy(assessments.id)
      .having(eq(count(masScores.id), 0));
    expect(unscored).toEqual([]);

    // Only patients with a portal login log, and they log on most days up to yesterday.
    const perPatient = await db
      .select({ userId: patients.userId, logs: count(dailyLogs.id) })
      .from(patients)
      .leftJoin(dailyLogs, eq(dailyLogs.patientId, patients.id))
      .where(eq(patients.clinicId, summary.clinicId))
      .groupBy(patients.id);
    const loggers = perPatient.filter((p) => p.userId);
    expect(perPatient.filter((p) => !p.userId).every((p) => p.logs === 0)).toBe(true);
    const share = counts.dailyLogs / (loggers.length * (days - 1));
    expect(share).toBeGreaterThanOrEqual(0.55);
    expect(share).toBeLessThanOrEqual(0.85);
  });

  it("builds the same rows from the same seed and date, and others from another seed", async () => {
    const twin = await createTestDb();
    const other = await createTestDb();
    try {
      const again = await seedLargeClinic(twin.db, SIZE);
      const changed = await seedLargeClinic(other.db, { ...SIZE, seed: SIZE.seed + 1 });
      expect(again.clinicId).toBe(summary.clinicId);
      expect(again.counts).toEqual(summary.counts);
      const mine = await content(db, summary.clinicId);
      expect(await content(twin.db, again.clinicId)).toEqual(mine);
      const theirs = await content(other.db, changed.clinicId);
      expect(theirs.dailyLogs).not.toBe(mine.dailyLogs);
      expect(theirs.assessments).not.toBe(mine.assessments);
    } finally {
      await twin.close();
      await other.close();
    }
  });

  it("keeps every row in the new clinic, with its own patients and staff", async () => {
    const { clinicId } = summary;
    const [otherClinics] = await db
      .select({ n: count() })
      .from(clinics)
      .where(ne(clinics.id, clinicId));
    expect(otherClinics?.n).toBe(0); // a fresh database: everything below is the seed's

    const staff = db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.clinicId, clinicId), ne(users.role, "patient")));
    const ownPatients = db
      .select({ id: patients.id })
      .from(patients)
      .where(eq(patients.clinicId, clinicId));
    const strays = async (
      table: PgTable & { clinicId: PgColumn; patientId: PgColumn },
      staffColumn: PgColumn,
    ) =>
      (
        await db
          .select({ n: count() })
          .from(table)
          .where(
            or(
              ne(table.clinicId, clinicId),
              notInArray(table.patientId, ownPatients),
              notInArray(staffColumn, staff),
            ),
          )
      )[0]?.n;
    expect(await strays(assessments, assessments.assessorId)).toBe(0);
    expect(await strays(oralTreatments, oralTreatments.recordedBy)).toBe(0);
    expect(await strays(toxinInjections, toxinInjections.recordedBy)).toBe(0);
    expect(await strays(intrathecalPumps, intrathecalPumps.recordedBy)).toBe(0);
    expect(await strays(programs, programs.createdBy)).toBe(0);
    expect(await strays(logReviews, logReviews.reviewedBy)).toBe(0);
    // The check can fail: a patient is not staff, so every log counts as a stray here.
    expect(await strays(dailyLogs, dailyLogs.patientId)).toBe(summary.counts.dailyLogs);
    const [unassigned] = await db
      .select({ n: count() })
      .from(patients)
      .where(and(eq(patients.clinicId, clinicId), notInArray(patients.primaryTherapistId, staff)));
    expect(unassigned?.n).toBe(0);

    // therapist@large.example has a caseload of their own, about patients / therapists.
    const [caseload] = await db
      .select({ n: count() })
      .from(patients)
      .where(eq(patients.primaryTherapistId, summary.therapistUserId));
    expect(caseload?.n).toBeGreaterThanOrEqual(Math.floor(SIZE.patients / 2) - 1);
    expect(summary.patientIds).toHaveLength(SIZE.patients);
    expect(summary.patientIds[0]).toBe(summary.richPatientId);
  });

  it("records amendments after the versions they correct", async () => {
    const rows = await db
      .select({
        id: assessments.id,
        rootId: assessments.rootId,
        supersedesId: assessments.supersedesId,
        seq: assessments.seq,
      })
      .from(assessments)
      .where(eq(assessments.clinicId, summary.clinicId));
    const byId = new Map(rows.map((r) => [r.id, r]));
    const amendments = rows.filter((r) => r.supersedesId);
    expect(amendments.length).toBe(summary.counts.amendments);
    for (const a of amendments) {
      const target = byId.get(a.supersedesId as string);
      expect(target?.seq).toBeLessThan(a.seq);
      expect(a.rootId).toBe(target?.rootId);
    }
  });

  it("holds exactly the flags the escalation engine computes, the rich patient's open", async () => {
    const { clinicId, patientIds } = summary;
    expect(summary.counts.flags).toBeGreaterThanOrEqual(1);
    // A second run of the engine finds nothing to change.
    expect((await recomputeFlags(db, clinicId, patientIds, SIZE.asOf)).size).toBe(0);

    const loaded = await loadEscalationInputs(db, clinicId, patientIds, SIZE.asOf);
    const stored = await db
      .select({
        patientId: flags.patientId,
        kind: flags.kind,
        action: flags.action,
        keys: flags.keys,
        status: flags.status,
      })
      .from(flags)
      .where(and(eq(flags.clinicId, clinicId), inArray(flags.status, ["open", "acknowledged"])));
    for (const patientId of patientIds) {
      const input = loaded.get(patientId)?.input;
      if (!input) throw new Error(`no escalation input for ${patientId}`);
      const computed = evaluateEscalation({ asOf: SIZE.asOf, ...input }).map((f) => ({
        kind: f.kind,
        action: f.action ?? null,
        keys: f.keys,
      }));
      const held = stored
        .filter((f) => f.patientId === patientId)
        .map(({ kind, action, keys }) => ({ kind, action, keys }))
        .sort((a, b) => (a.kind < b.kind ? -1 : 1));
      expect(held).toEqual(computed.sort((a, b) => (a.kind < b.kind ? -1 : 1)));
    }
    const rich = stored.filter((f) => f.patientId === summary.richPatientId);
    expect(rich.length).toBeGreaterThanOrEqual(1);
    expect(rich.every((f) => f.status === "open")).toBe(true);
  });

  it("lets patient@large.example and therapist@large.example sign in with the bench password", async () => {
    const patient = await verifyLogin(db, {
      email: LARGE_ACCOUNTS.patient,
      password: LARGE_CLINIC_PASSWORD,
      ip: "192.0.2.10",
    });
    expect(patient).toMatchObject({ role: "patient", mfa: "none", clinicId: summary.clinicId });
    const [richLogin] = await db
      .select({ id: patients.id })
      .from(patients)
      .where(eq(patients.userId, patient?.id ?? ""));
    expect(richLogin?.id).toBe(summary.richPatientId);

    // The bench signs in as the therapist: no two-step enrolment in its way.
    const therapist = await verifyLogin(db, {
      email: LARGE_ACCOUNTS.therapist,
      password: LARGE_CLINIC_PASSWORD,
      ip: "192.0.2.10",
    });
    expect(therapist).toMatchObject({ id: summary.therapistUserId, mfa: "none" });

    expect(
      await verifyLogin(db, {
        email: LARGE_ACCOUNTS.patient,
        password: "not-the-password",
        ip: "192.0.2.11",
      }),
    ).toBeNull();
  });
});
