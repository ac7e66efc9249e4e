import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, inArray, max, notExists } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { countQueries } from "@/db/query-count";
import {
  assessments,
  dailyLogs,
  flagComputations,
  intrathecalPumps,
  masScores,
  oralTreatments,
  toxinInjections,
} from "@/db/schema";
import { seedLargeClinic } from "@/db/seed/large";
import { addDays } from "@/lib/clinical/dates";
import { type EscalationInput, evaluateEscalation } from "@/lib/clinical/escalation";
import { loadEscalationInputs, recomputeFlags } from "./recompute";

/**
 * The recompute reads only what the rules can use (scores packed per assessment, neuro signs and
 * Penn 3+ within the 90-day window, triggers at any date) so that a whole caseload is fast. This
 * checks that the flags are exactly those of a plain reading of every record, built here
 * independently, on a generated clinic and at several dates.
 */
const AS_OF = "2026-06-30";
let clinicId: string;
let patientIds: string[];
let therapistUserId: string;

beforeAll(async () => {
  const summary = await seedLargeClinic(await getDb(), {
    patients: 16,
    days: 420,
    seed: 11,
    asOf: AS_OF,
  });
  clinicId = summary.clinicId;
  patientIds = summary.patientIds;
  therapistUserId = summary.therapistUserId;
}, 120_000);

const TRIGGERS = new Set(["uti", "infection", "relapse", "pressure_sore", "constipation"]);

/** Every record of one patient, read plainly, as the rules' input. */
async function plainInput(patientId: string): Promise<Omit<EscalationInput, "asOf">> {
  const db = await getDb();
  const later = alias(assessments, "later");
  const scores = await db
    .select({
      muscleGroup: masScores.muscleGroup,
      side: masScores.side,
      grade: masScores.grade,
      assessedOn: assessments.assessedOn,
      assessmentId: assessments.id,
      fasciculations: assessments.fasciculations,
      weakness: assessments.weakness,
      wasting: assessments.wasting,
    })
    .from(assessments)
    .innerJoin(masScores, eq(masScores.assessmentId, assessments.id))
    .where(
      and(
        eq(assessments.patientId, patientId),
        notExists(db.select().from(later).where(eq(later.supersedesId, assessments.id))),
      ),
    )
    .orderBy(asc(assessments.seq));
  const logs = await db.select().from(dailyLogs).where(eq(dailyLogs.patientId, patientId));
  const oral = await db
    .select()
    .from(oralTreatments)
    .where(eq(oralTreatments.patientId, patientId));
  const toxin = await db
    .select()
    .from(toxinInjections)
    .where(eq(toxinInjections.patientId, patientId));
  const pumps = await db
    .select()
    .from(intrathecalPumps)
    .where(eq(intrathecalPumps.patientId, patientId));
  const neuroSigns: EscalationInput["neuroSigns"] = [];
  const seen = new Set<string>();
  for (const s of scores) {
    // An assessment's neuro signs once, not once per score.
    if (seen.has(s.assessmentId)) continue;
    seen.add(s.assessmentId);
    if (s.fasciculations) neuroSigns.push({ kind: "fasciculations", reportedOn: s.assessedOn });
    if (s.weakness) neuroSigns.push({ kind: "weakness", reportedOn: s.assessedOn });
    if (s.wasting) neuroSigns.push({ kind: "wasting", reportedOn: s.assessedOn });
  }
  for (const l of logs) {
    if (l.symptoms.includes("twitching"))
      neuroSigns.push({ kind: "fasciculations", reportedOn: l.logDate });
    if (l.newWeakness) neuroSigns.push({ kind: "weakness", reportedOn: l.logDate });
    if (l.wasting) neuroSigns.push({ kind: "wasting", reportedOn: l.logDate });
  }
  return {
    scores: scores.map(({ muscleGroup, side, grade, assessedOn }) => ({
      muscleGroup,
      side,
      grade,
      assessedOn,
    })),
    treatments: [
      ...oral.map((t) => ({
        kind: "oral_antispasticity" as const,
        startedOn: t.startedOn,
        endedOn: t.stoppedOn,
        stoppedBecause: t.stopReason,
      })),
      ...toxin.map((t) => ({
        kind: "botulinum_toxin" as const,
        startedOn: t.injectedOn,
        muscleGroup: t.muscleGroup,
        side: t.side,
      })),
      ...pumps.map((t) => ({
        kind: "intrathecal_baclofen" as const,
        startedOn: t.startedOn,
        endedOn: t.stoppedOn,
      })),
    ],
    triggers: logs.flatMap((l) =>
      l.triggers
        .filter((t) => TRIGGERS.has(t))
        .map((t) => ({
          kind: t as EscalationInput["triggers"][number]["kind"],
          reportedOn: l.logDate,
        })),
    ),
    neuroSigns,
    spasmFrequency: logs
      .filter((l) => l.pennFrequency !== null)
      .map((l) => ({ score: l.pennFrequency as 0 | 1 | 2 | 3 | 4, reportedOn: l.logDate })),
  };
}

describe("the recompute's reading of the records", () => {
  // Forward: the daily job's dates, read from the kept digests. Back: scores after asOf, read whole.
  it.each([0, 1, 30, 200, -20, -90, -200])(
    "gives every patient the flags of a plain reading (asOf %i days)",
    async (shift) => {
      const asOf = addDays(AS_OF, shift);
      const loaded = await loadEscalationInputs(await getDb(), clinicId, patientIds, asOf);
      let flagged = 0;
      for (const patientId of patientIds) {
        const fast = evaluateEscalation({ asOf, ...(loaded.get(patientId)?.input ?? plainEmpty) });
        const plain = evaluateEscalation({ asOf, ...(await plainInput(patientId)) });
        expect(fast, patientId).toEqual(plain);
        if (plain.length > 0) flagged++;
      }
      // The comparison means something only if some patients have flags.
      expect(flagged).toBeGreaterThan(0);
    },
  );
});

describe("the kept score digest", () => {
  const scoreReads = (statements: string[]) =>
    statements.filter((q) => q.includes('"mas_scores"')).length;
  const load = async (asOf = AS_OF) =>
    countQueries(async () => loadEscalationInputs(await getDb(), clinicId, patientIds, asOf));

  it("is read instead of every score, and rebuilt when an assessment or injection is added", async () => {
    const db = await getDb();
    // The seed's recompute kept a digest for every patient: one round trip, no score read.
    const fresh = await load();
    expect(scoreReads(fresh.statements)).toBe(0);
    expect(fresh.statements).toHaveLength(2);
    expect([...fresh.result.values()].every((l) => l.newDigest === null)).toBe(true);

    // Records written without a recompute (as a forgotten write path would) are still seen.
    const patientId = patientIds[3] as string;
    const assessmentId = randomUUID();
    await db.insert(assessments).values({
      id: assessmentId,
      rootId: assessmentId,
      clinicId,
      patientId,
      assessorId: therapistUserId,
      assessedOn: AS_OF,
      position: "supine",
    });
    await db.insert(masScores).values({
      assessmentId,
      muscleGroup: "elbow_flexors",
      side: "left",
      grade: "4",
    });
    const afterAssessment = await load();
    expect(scoreReads(afterAssessment.statements)).toBe(1);
    const rebuilt = [...afterAssessment.result].filter(([, l]) => l.newDigest !== null);
    expect(rebuilt.map(([id]) => id)).toEqual([patientId]);
    const flagsNow = evaluateEscalation({
      asOf: AS_OF,
      ...(afterAssessment.result.get(patientId)?.input ?? plainEmpty),
    });
    expect(flagsNow.find((f) => f.kind === "MAS4_REVIEW")?.keys).toContainEqual({
      muscleGroup: "elbow_flexors",
      side: "left",
    });
    await recomputeFlags(db, clinicId, [patientId], AS_OF);
    expect(scoreReads((await load()).statements)).toBe(0);

    await db.insert(toxinInjections).values({
      clinicId,
      patientId,
      injectedOn: addDays(AS_OF, -40),
      muscleGroup: "elbow_flexors",
      side: "left",
      units: 50,
      product: "Botox",
      recordedBy: therapistUserId,
    });
    const afterInjection = await load();
    expect(scoreReads(afterInjection.statements)).toBe(1);
    expect(
      [...afterInjection.result].filter(([, l]) => l.newDigest !== null).map(([id]) => id),
    ).toEqual([patientId]);
    // And the flags still match a plain reading of every record.
    expect(
      evaluateEscalation({
        asOf: AS_OF,
        ...(afterInjection.result.get(patientId)?.input ?? plainEmpty),
      }),
    ).toEqual(evaluateEscalation({ asOf: AS_OF, ...(await plainInput(patientId)) }));
  });
});

describe("the caseload's MAS figures", () => {
  it("are what a plain reading of the effective scores gives, for every patient", async () => {
    const db = await getDb();
    const later = alias(assessments, "later");
    // The latest score of each key (by date, then recording order), as SQL says it.
    const latest = db
      .selectDistinctOn([assessments.patientId, masScores.muscleGroup, masScores.side], {
        patientId: assessments.patientId,
        grade: masScores.grade,
        assessedOn: assessments.assessedOn,
      })
      .from(assessments)
      .innerJoin(masScores, eq(masScores.assessmentId, assessments.id))
      .where(
        and(
          inArray(assessments.patientId, patientIds),
          notExists(db.select().from(later).where(eq(later.supersedesId, assessments.id))),
        ),
      )
      .orderBy(
        assessments.patientId,
        masScores.muscleGroup,
        masScores.side,
        desc(assessments.assessedOn),
        desc(assessments.seq),
      )
      .as("latest");
    const plain = await db
      .select({
        patientId: latest.patientId,
        highestLatestGrade: max(latest.grade),
        lastAssessedOn: max(latest.assessedOn),
      })
      .from(latest)
      .groupBy(latest.patientId);
    const kept = await db
      .select({
        patientId: flagComputations.patientId,
        highestLatestGrade: flagComputations.highestLatestGrade,
        lastAssessedOn: flagComputations.lastAssessedOn,
      })
      .from(flagComputations)
      .where(inArray(flagComputations.patientId, patientIds));
    const byPatient = (rows: { patientId: string }[]) =>
      [...rows].sort((a, b) => a.patientId.localeCompare(b.patientId));
    expect(plain.length).toBeGreaterThan(10);
    expect(byPatient(kept.filter((k) => k.lastAssessedOn !== null))).toEqual(byPatient(plain));
  });
});

const plainEmpty = { scores: [], treatments: [], triggers: [], neuroSigns: [], spasmFrequency: [] };
