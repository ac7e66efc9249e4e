import { randomUUID } from "node:crypto";
import { and, count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { assessments, auditEvents, masScores } from "@/db/schema";
import { addDays, todayIn } from "@/lib/clinical/dates";
import { concurrentStatements } from "@/lib/testing/concurrency";
import { caseloadRow, makeClinic } from "@/lib/testing/fixtures";
import { amendmentSchema, assessmentSchema, scoreFieldName } from "@/lib/validation/assessment";
import {
  amendAssessment,
  listAssessments,
  listAssessmentVersions,
  recordAssessment,
} from "./assessments";
import { ConflictError, NotFoundError, RuleError } from "./errors";

const today = () => todayIn("Europe/London");

function input(patientId: string, overrides: Record<string, unknown> = {}) {
  const parsed = assessmentSchema.parse({
    patientId,
    assessedOn: addDays(today(), -1),
    position: "supine",
    [scoreFieldName("ankle_plantarflexors", "left")]: "3",
    [scoreFieldName("knee_flexors", "right")]: "1+",
    [scoreFieldName("hip_flexors", "left")]: "",
    ...overrides,
  });
  return parsed;
}

async function countRows() {
  const db = await getDb();
  const [a] = await db.select({ n: count() }).from(assessments);
  const [s] = await db.select({ n: count() }).from(masScores);
  return { assessments: a?.n, scores: s?.n };
}

describe("assessments", () => {
  it("records grades as codes, 1+ included, and lists them for staff and for the patient", async () => {
    const c = await makeClinic();
    const { id } = await recordAssessment(c.as.therapist(), input(c.patient.id));
    const list = await listAssessments(c.as.therapist(), c.patient.id);
    expect(list).toHaveLength(1);
    expect(list[0]?.id).toBe(id);
    expect(list[0]?.scores.map((s) => [s.muscleGroup, s.side, s.grade]).sort()).toEqual([
      ["ankle_plantarflexors", "left", "3"],
      ["knee_flexors", "right", "1+"],
    ]);
    expect((await listAssessments(c.as.patient(), c.patient.id))[0]?.id).toBe(id);
    const row = await caseloadRow(c.as.therapist(), c.patient.id);
    expect({
      highestLatestGrade: row?.highestLatestGrade,
      lastAssessedOn: row?.lastAssessedOn,
    }).toEqual({
      highestLatestGrade: "3",
      lastAssessedOn: addDays(today(), -1),
    });
  });

  it("is refused to other clinics and to other patients, and audited", async () => {
    const a = await makeClinic();
    const b = await makeClinic();
    await recordAssessment(a.as.therapist(), input(a.patient.id));
    const before = await countRows();
    await expect(recordAssessment(b.as.therapist(), input(a.patient.id))).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(recordAssessment(a.as.patient(), input(a.patient.id))).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(listAssessments(a.as.patient2(), a.patient.id)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(listAssessments(b.as.admin(), a.patient.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await countRows()).toEqual(before);
    const db = await getDb();
    const writes = await db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "assessment.create"));
    expect(writes.filter((w) => w.patientId === a.patient.id)).toHaveLength(1);
  });

  it("rejects bad input with a clear message and writes nothing", async () => {
    const c = await makeClinic();
    const before = await countRows();
    const noScore = assessmentSchema.safeParse({
      patientId: c.patient.id,
      assessedOn: today(),
      position: "supine",
      [scoreFieldName("hip_flexors", "left")]: "",
    });
    expect(noScore.error?.issues[0]).toMatchObject({
      path: ["scores"],
      message: expect.stringContaining("at least one"),
    });
    const badGrade = assessmentSchema.safeParse({
      patientId: c.patient.id,
      assessedOn: today(),
      position: "supine",
      [scoreFieldName("hip_flexors", "left")]: "5",
    });
    expect(badGrade.error?.issues[0]?.message).toContain("0, 1, 1+, 2, 3 or 4");
    const numericOnePlus = assessmentSchema.safeParse({
      patientId: c.patient.id,
      assessedOn: today(),
      position: "supine",
      [scoreFieldName("hip_flexors", "left")]: "1.5",
    });
    expect(numericOnePlus.success).toBe(false);
    const badGroup = assessmentSchema.safeParse({
      patientId: c.patient.id,
      assessedOn: today(),
      position: "supine",
      "score:toes:left": "2",
    });
    expect(badGroup.error?.issues[0]?.message).toBe("Unknown muscle group.");
    await expect(
      recordAssessment(c.as.therapist(), input(c.patient.id, { assessedOn: addDays(today(), 1) })),
    ).rejects.toHaveProperty("fieldErrors.assessedOn");
    expect(await countRows()).toEqual(before);
  });

  it("an amendment supersedes the original, which stays readable and unchanged", async () => {
    const c = await makeClinic();
    const db = await getDb();
    const { id: originalId } = await recordAssessment(c.as.therapist(), input(c.patient.id));
    const [originalBefore] = await db
      .select()
      .from(assessments)
      .where(eq(assessments.id, originalId));
    const amendment = amendmentSchema.parse({
      patientId: c.patient.id,
      supersedesId: originalId,
      amendmentReason: "Left and right swapped",
      assessedOn: addDays(today(), -1),
      position: "supine",
      [scoreFieldName("ankle_plantarflexors", "right")]: "3",
      [scoreFieldName("knee_flexors", "left")]: "1+",
    });
    const { id: newId, rootId } = await amendAssessment(c.as.therapist2(), amendment);
    expect(rootId).toBe(originalId);

    const effective = await listAssessments(c.as.therapist(), c.patient.id);
    expect(effective.map((a) => a.id)).toEqual([newId]);
    expect(effective[0]).toMatchObject({
      amended: true,
      amendmentReason: "Left and right swapped",
    });

    const versions = await listAssessmentVersions(c.as.therapist(), c.patient.id, originalId);
    expect(versions.map((v) => v.id)).toEqual([originalId, newId]);
    expect(versions[0]?.scores.map((s) => `${s.muscleGroup}:${s.side}:${s.grade}`).sort()).toEqual([
      "ankle_plantarflexors:left:3",
      "knee_flexors:right:1+",
    ]);
    const [originalAfter] = await db
      .select()
      .from(assessments)
      .where(eq(assessments.id, originalId));
    expect(originalAfter).toEqual(originalBefore);

    // The database itself refuses to change a clinical record.
    await expect(
      db.update(assessments).set({ notes: "tampered" }).where(eq(assessments.id, originalId)),
    ).rejects.toThrow();
    await expect(
      db.delete(masScores).where(eq(masScores.assessmentId, originalId)),
    ).rejects.toThrow();

    // Correcting the superseded version again is a conflict, not a second branch.
    await expect(
      amendAssessment(c.as.therapist(), { ...amendment, amendmentReason: "late" }),
    ).rejects.toBeInstanceOf(ConflictError);
  });
});

// Truly concurrent on PostgreSQL (CI sets TEST_DATABASE_URL); interleaved on PGlite's single connection.
describe("a form sent twice", () => {
  it("records the assessment once: a retry, a double click, or both at once", async () => {
    const c = await makeClinic();
    const db = await getDb();
    const requestId = randomUUID();
    const once = input(c.patient.id, { requestId });
    const first = await recordAssessment(c.as.therapist(), once);
    expect(first.id).toBe(requestId);
    // The answer was lost; the same form is sent again: the same assessment, nothing new.
    expect(await recordAssessment(c.as.therapist(), once)).toEqual(first);
    // Two sends at once, on a new form.
    const both = input(c.patient.id, { requestId: randomUUID() });
    const [x, y] = await Promise.all([
      recordAssessment(c.as.therapist(), both),
      recordAssessment(c.as.therapist(), both),
    ]);
    expect(x).toEqual(y);
    const rows = await db
      .select({ id: assessments.id })
      .from(assessments)
      .where(eq(assessments.patientId, c.patient.id));
    expect(rows.map((r) => r.id).sort()).toEqual([first.id, x.id].sort());
    const audited = await db
      .select({ n: count() })
      .from(auditEvents)
      .where(
        and(eq(auditEvents.action, "assessment.create"), eq(auditEvents.patientId, c.patient.id)),
      );
    expect(audited[0]?.n).toBe(2);
    // A form whose id is not one records anyway, under a fresh id.
    const odd = await recordAssessment(c.as.therapist(), input(c.patient.id, { requestId: "x" }));
    expect(odd.id).not.toBe("x");
    // The id of one patient's form cannot record (or reveal) anything for another.
    await expect(
      recordAssessment(c.as.therapist(), input(c.patient2.id, { requestId })),
    ).rejects.toBeInstanceOf(RuleError);
  });
});

describe("concurrent amendments", () => {
  it("one of two simultaneous corrections of the same version wins; the other gets a conflict", async () => {
    const c = await makeClinic();
    const { id } = await recordAssessment(c.as.therapist(), input(c.patient.id));
    const amend = (reason: string, viewer = c.as.therapist()) =>
      amendAssessment(
        viewer,
        amendmentSchema.parse({
          ...Object.fromEntries([[scoreFieldName("hip_flexors", "left"), "2"]]),
          patientId: c.patient.id,
          supersedesId: id,
          amendmentReason: reason,
          assessedOn: addDays(today(), -1),
          position: "sitting",
        }),
      );
    let results: PromiseSettledResult<unknown>[] = [];
    const parallel = await concurrentStatements("assessments", async () => {
      results = await Promise.allSettled([
        amend("first", c.as.therapist()),
        amend("second", c.as.therapist2()),
        amend("third", c.as.admin()),
      ]);
    });
    // On PostgreSQL the three corrections really overlap, each on its own connection.
    if (process.env.TEST_DATABASE_URL) expect(parallel).toBeGreaterThan(1);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(rejected).toHaveLength(2);
    for (const r of rejected) expect(r.reason).toBeInstanceOf(ConflictError);
    const versions = await listAssessmentVersions(c.as.therapist(), c.patient.id, id);
    expect(versions).toHaveLength(2);
  });
});
