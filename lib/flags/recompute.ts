/**
 * Recompute a patient's persisted escalation flags from their records. Not a data-layer entry
 * point (it takes no viewer): the data layer calls it inside the transaction of each clinical
 * write, and the seed and the daily job call it for every patient. Writes nothing when nothing
 * changed (but the day's "computed on" marker, once a day); otherwise one system audit event per
 * patient.
 */
import { createHash } from "node:crypto";
import { and, asc, eq, gte, inArray, or, sql } from "drizzle-orm";
import type { AnyPgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Db, Tx } from "@/db/client";
import {
  assessments,
  auditEvents,
  dailyLogs,
  flagComputations,
  flags,
  intrathecalPumps,
  masScores,
  oralTreatments,
  patients,
  toxinInjections,
} from "@/db/schema";
import { addDays } from "@/lib/clinical/dates";
import {
  type EscalationFlag,
  type EscalationInput,
  evaluateEscalation,
  type FlagKind,
} from "@/lib/clinical/escalation";
import type { Trigger } from "@/lib/clinical/log-options";
import { compareGrades, type MasGrade, type MuscleGroup, type Side } from "@/lib/clinical/mas";

type Conn = Db | Tx;
type OralStop = Extract<EscalationInput["treatments"][number], { kind: "oral_antispasticity" }>;

/** The longest look-back of a log-reported sign in the rules (R6: neuro signs in [asOf − 90, asOf]). */
const NEURO_WINDOW_DAYS = 90;

/** Log triggers → the escalation input's kinds (CLINICAL §4); heat, sleep, water, stress are not triggers. */
const TRIGGER_MAP: Partial<Record<Trigger, EscalationInput["triggers"][number]["kind"]>> = {
  uti: "uti",
  infection: "infection",
  relapse: "relapse",
  pressure_sore: "pressure_sore",
  constipation: "constipation",
};

export interface LoadedInput {
  input: Omit<EscalationInput, "asOf">;
  /** For the basis: the assessment that gave each key its latest score. */
  latestAssessment: Map<string, { assessmentId: string; date: string }>;
  /** What the last recompute recorded (flag_computations), or null if none ran. */
  computed: ComputedMarker | null;
}

export interface ComputedMarker {
  computedOn: string;
  highestLatestGrade: MasGrade | null;
  lastAssessedOn: string | null;
}

/**
 * Every record the rules read, for a set of patients of one clinic, in 3 queries. With `asOf`,
 * the daily logs that can only matter inside the rules' 90-day windows (neuro signs, spasm
 * frequency) are read for those 90 days only: the same flags, without reading years of logs.
 */
export async function loadEscalationInputs(
  db: Conn,
  clinicId: string,
  patientIds: string[],
  asOf?: string,
): Promise<Map<string, LoadedInput>> {
  const out = new Map<string, LoadedInput>();
  if (patientIds.length === 0) return out;
  for (const id of patientIds)
    out.set(id, {
      input: { scores: [], treatments: [], triggers: [], neuroSigns: [], spasmFrequency: [] },
      latestAssessment: new Map(),
      computed: null,
    });
  const scope = (t: { clinicId: AnyPgColumn; patientId: AnyPgColumn }) =>
    and(eq(t.clinicId, clinicId), inArray(t.patientId, patientIds));

  // Treatments as JSON (a date is its ISO string), with the last recompute's marker: one row
  // per patient. (Subqueries qualified by hand, as above.)
  const jsonList = (table: PgTable, fields: string) =>
    sql`(select coalesce(json_agg(json_build_object(${sql.raw(fields)})), '[]') from ${table} t where t.patient_id = "patients"."id" and t.clinic_id = "patients"."clinic_id")`;
  const [scoreRows, perPatient, logs] = await Promise.all([
    // One row per effective assessment, its scores packed as "group:side:grade,…": a caseload's
    // 70,000 scores arrive as 6,000 rows. (Qualified by hand: drizzle leaves a one-table
    // select's columns unqualified, and these subqueries name other tables.)
    db
      .select({
        patientId: assessments.patientId,
        assessmentId: assessments.id,
        assessedOn: assessments.assessedOn,
        fasciculations: assessments.fasciculations,
        weakness: assessments.weakness,
        wasting: assessments.wasting,
        scores: sql<
          string | null
        >`(select string_agg(s.muscle_group || ':' || s.side || ':' || s.grade, ',') from ${masScores} s where s.assessment_id = "assessments"."id")`,
      })
      .from(assessments)
      .where(
        and(
          scope(assessments),
          sql`not exists (select 1 from ${assessments} later where later.supersedes_id = "assessments"."id")`,
        ),
      )
      // Recording order: of two assessments on one date, the later-recorded one wins.
      .orderBy(asc(assessments.seq)),
    db
      .select({
        patientId: patients.id,
        oral: sql<
          {
            startedOn: string;
            endedOn: string | null;
            stoppedBecause: OralStop["stoppedBecause"];
          }[]
        >`${jsonList(oralTreatments, "'startedOn', t.started_on, 'endedOn', t.stopped_on, 'stoppedBecause', t.stop_reason")}`,
        toxin: sql<
          { startedOn: string; muscleGroup: MuscleGroup; side: Side }[]
        >`${jsonList(toxinInjections, "'startedOn', t.injected_on, 'muscleGroup', t.muscle_group, 'side', t.side")}`,
        pumps: sql<
          { startedOn: string; endedOn: string | null }[]
        >`${jsonList(intrathecalPumps, "'startedOn', t.started_on, 'endedOn', t.stopped_on")}`,
        computedOn: flagComputations.computedOn,
        highestLatestGrade: flagComputations.highestLatestGrade,
        lastAssessedOn: flagComputations.lastAssessedOn,
      })
      .from(patients)
      .leftJoin(flagComputations, eq(flagComputations.patientId, patients.id))
      .where(and(eq(patients.clinicId, clinicId), inArray(patients.id, patientIds))),
    // Only the logs that carry something the rules read: triggers at any date (R1a looks back
    // from the runs' last score), neuro signs and spasm frequency within R4's 28 and R6's 90 days.
    db
      .select({
        patientId: dailyLogs.patientId,
        date: dailyLogs.logDate,
        triggers: dailyLogs.triggers,
        symptoms: dailyLogs.symptoms,
        newWeakness: dailyLogs.newWeakness,
        wasting: dailyLogs.wasting,
        pennFrequency: dailyLogs.pennFrequency,
      })
      .from(dailyLogs)
      .where(
        and(
          scope(dailyLogs),
          or(
            sql`${dailyLogs.triggers} && array['uti','infection','relapse','pressure_sore','constipation']::log_trigger[]`,
            and(
              asOf ? gte(dailyLogs.logDate, addDays(asOf, -NEURO_WINDOW_DAYS)) : undefined,
              or(
                eq(dailyLogs.newWeakness, true),
                eq(dailyLogs.wasting, true),
                sql`'twitching' = any(${dailyLogs.symptoms})`,
                // R4 reads only Penn 3 or more.
                sql`${dailyLogs.pennFrequency} >= 3`,
              ),
            ),
          ),
        ),
      ),
  ]);

  for (const r of scoreRows) {
    const entry = out.get(r.patientId);
    if (!entry) continue;
    for (const packed of r.scores?.split(",") ?? []) {
      const [muscleGroup, side, grade] = packed.split(":") as [MuscleGroup, Side, MasGrade];
      entry.input.scores.push({ muscleGroup, side, grade, assessedOn: r.assessedOn });
      const key = `${muscleGroup}:${side}`;
      const known = entry.latestAssessment.get(key);
      if (!known || r.assessedOn >= known.date)
        entry.latestAssessment.set(key, { assessmentId: r.assessmentId, date: r.assessedOn });
    }
    if (r.fasciculations)
      entry.input.neuroSigns.push({ kind: "fasciculations", reportedOn: r.assessedOn });
    if (r.weakness) entry.input.neuroSigns.push({ kind: "weakness", reportedOn: r.assessedOn });
    if (r.wasting) entry.input.neuroSigns.push({ kind: "wasting", reportedOn: r.assessedOn });
  }
  for (const row of perPatient) {
    const entry = out.get(row.patientId);
    if (!entry) continue;
    for (const t of row.oral) entry.input.treatments.push({ kind: "oral_antispasticity", ...t });
    for (const t of row.toxin) entry.input.treatments.push({ kind: "botulinum_toxin", ...t });
    for (const t of row.pumps) entry.input.treatments.push({ kind: "intrathecal_baclofen", ...t });
    if (row.computedOn)
      entry.computed = {
        computedOn: row.computedOn,
        highestLatestGrade: row.highestLatestGrade,
        lastAssessedOn: row.lastAssessedOn,
      };
  }
  for (const l of logs) {
    const entry = out.get(l.patientId);
    if (!entry) continue;
    for (const trigger of l.triggers) {
      const kind = TRIGGER_MAP[trigger];
      if (kind) entry.input.triggers.push({ kind, reportedOn: l.date });
    }
    if (l.symptoms.includes("twitching"))
      entry.input.neuroSigns.push({ kind: "fasciculations", reportedOn: l.date });
    if (l.newWeakness) entry.input.neuroSigns.push({ kind: "weakness", reportedOn: l.date });
    if (l.wasting) entry.input.neuroSigns.push({ kind: "wasting", reportedOn: l.date });
    if (l.pennFrequency !== null)
      entry.input.spasmFrequency.push({
        score: l.pennFrequency as 0 | 1 | 2 | 3 | 4,
        reportedOn: l.date,
      });
  }
  return out;
}

/**
 * What a flag rests on: its keys' latest assessments, and for trigger and neuro flags the
 * reports in their windows. A closed flag re-opens only when this changes.
 */
export function flagBasis(
  flag: EscalationFlag,
  loaded: LoadedInput,
  asOf: string,
): Record<string, unknown> {
  const assessmentsOfKeys = flag.keys.map((k) => {
    const latest = loaded.latestAssessment.get(`${k.muscleGroup}:${k.side}`);
    return {
      key: `${k.muscleGroup}:${k.side}`,
      assessmentId: latest?.assessmentId ?? null,
      date: latest?.date ?? null,
    };
  });
  const basis: Record<string, unknown> = {
    kind: flag.kind,
    action: flag.action ?? null,
    assessments: assessmentsOfKeys,
  };
  if (flag.kind === "TRIGGER_REVIEW") {
    basis.triggers = [
      ...new Set(
        loaded.input.triggers
          .filter((t) => t.reportedOn <= asOf)
          .map((t) => `${t.kind}:${t.reportedOn}`),
      ),
    ]
      .sort()
      .slice(-20);
  }
  if (flag.kind === "NEURO_REVIEW") {
    const from = addDays(asOf, -90);
    basis.neuroSigns = [
      ...new Set(
        loaded.input.neuroSigns
          .filter((n) => n.reportedOn >= from && n.reportedOn <= asOf)
          .map((n) => `${n.kind}:${n.reportedOn}`),
      ),
    ].sort();
  }
  return basis;
}

const hash = (value: unknown) => createHash("sha256").update(JSON.stringify(value)).digest("hex");

const ACTIVE = ["open", "acknowledged"] as const;

export interface RecomputeResult {
  opened: FlagKind[];
  updated: FlagKind[];
  resolved: FlagKind[];
}

/**
 * Recompute and persist the flags of the given patients as of `asOf` (the clinic's today). Call
 * inside the transaction of the write that changed the inputs.
 */
export async function recomputeFlags(
  db: Conn,
  clinicId: string,
  patientIds: string[],
  asOf: string,
  /** Whose write caused the recompute (and from where), or null for the daily job. */
  actor: { userId: string; role: string; ip?: string | null } | null = null,
): Promise<Map<string, RecomputeResult>> {
  const results = new Map<string, RecomputeResult>();
  if (patientIds.length === 0) return results;
  // Everything is read at once: one round trip on the transaction's connection.
  const [loaded, existing] = await Promise.all([
    loadEscalationInputs(db, clinicId, patientIds, asOf),
    db
      .select({
        id: flags.id,
        patientId: flags.patientId,
        kind: flags.kind,
        status: flags.status,
        basisHash: flags.basisHash,
        reason: flags.reason,
        keys: flags.keys,
        action: flags.action,
      })
      .from(flags)
      .where(and(eq(flags.clinicId, clinicId), inArray(flags.patientId, patientIds)))
      .orderBy(asc(flags.createdAt)),
  ]);
  await markComputed(db, loaded, asOf);

  const inserts: (typeof flags.$inferInsert)[] = [];
  const audits: (typeof auditEvents.$inferInsert)[] = [];
  for (const patientId of patientIds) {
    const data = loaded.get(patientId);
    if (!data) continue;
    const computed = evaluateEscalation({ asOf, ...data.input });
    const latestByKind = new Map<FlagKind, (typeof existing)[number]>();
    for (const f of existing) if (f.patientId === patientId) latestByKind.set(f.kind, f);
    const result: RecomputeResult = { opened: [], updated: [], resolved: [] };

    for (const flag of computed) {
      const basis = flagBasis(flag, data, asOf);
      const basisHash = hash(basis);
      const latest = latestByKind.get(flag.kind);
      const active = latest && (ACTIVE as readonly string[]).includes(latest.status);
      if (latest && (active || latest.status === "referred")) {
        // Still holds: refresh what it says, keep what the therapist decided.
        if (latest.basisHash !== basisHash || latest.reason !== flag.reason) {
          await db
            .update(flags)
            .set({
              keys: flag.keys,
              action: flag.action ?? null,
              reason: flag.reason,
              basis,
              basisHash,
              updatedAt: new Date(),
            })
            .where(eq(flags.id, latest.id));
          result.updated.push(flag.kind);
        }
        continue;
      }
      // Dismissed (or closed by data earlier): re-open only on a changed basis.
      if (latest && latest.status === "dismissed" && latest.basisHash === basisHash) continue;
      inserts.push({
        clinicId,
        patientId,
        kind: flag.kind,
        keys: flag.keys,
        action: flag.action ?? null,
        reason: flag.reason,
        basis,
        basisHash,
        raisedOn: asOf,
      });
      result.opened.push(flag.kind);
    }
    const stillHolding = new Set(computed.map((f) => f.kind));
    for (const [kind, latest] of latestByKind) {
      if (stillHolding.has(kind) || !(ACTIVE as readonly string[]).includes(latest.status))
        continue;
      await db
        .update(flags)
        .set({
          status: "resolved",
          statusAt: new Date(),
          statusBy: null,
          resolutionNote: `Resolved by data: the condition no longer holds as of ${asOf}.`,
          updatedAt: new Date(),
        })
        .where(and(eq(flags.id, latest.id), inArray(flags.status, [...ACTIVE])));
      result.resolved.push(kind);
    }
    if (result.opened.length + result.updated.length + result.resolved.length > 0) {
      audits.push({
        clinicId,
        actorUserId: actor?.userId ?? null,
        actorRole: actor ? actor.role : "system",
        ip: actor?.ip ?? null,
        action: "flags.recompute",
        entityType: "patient",
        entityId: patientId,
        patientId,
        outcome: "success",
        details: { asOf, ...result },
      });
      results.set(patientId, result);
    }
  }
  for (let i = 0; i < inserts.length; i += 500)
    await db.insert(flags).values(inserts.slice(i, i + 500));
  for (let i = 0; i < audits.length; i += 500)
    await db.insert(auditEvents).values(audits.slice(i, i + 500));
  return results;
}

/**
 * Record that the patients' flags hold as of asOf (so that pages opened later that day read the
 * flags without recomputing) and their caseload MAS figures. Rows that already say so (read
 * with the inputs) are left alone: a recompute that changes nothing writes nothing at all, and
 * sends no statement for it.
 */
async function markComputed(db: Conn, loaded: Map<string, LoadedInput>, asOf: string) {
  const rows = [...loaded]
    .map(([patientId, { input, computed }]) => ({
      patientId,
      computedOn: asOf,
      ...masSummary(input.scores),
      known: computed,
    }))
    .filter(({ known, ...row }) => {
      return (
        !known ||
        known.computedOn < asOf ||
        known.highestLatestGrade !== row.highestLatestGrade ||
        known.lastAssessedOn !== row.lastAssessedOn
      );
    });
  for (let i = 0; i < rows.length; i += 1000)
    await db
      .insert(flagComputations)
      .values(rows.slice(i, i + 1000).map(({ known: _, ...row }) => row))
      .onConflictDoUpdate({
        target: flagComputations.patientId,
        set: {
          computedOn: sql`greatest(${flagComputations.computedOn}, excluded.computed_on)`,
          computedAt: new Date(),
          highestLatestGrade: sql`excluded.highest_latest_grade`,
          lastAssessedOn: sql`excluded.last_assessed_on`,
        },
        // A concurrent write may have marked the row since it was read.
        setWhere: sql`${flagComputations.computedOn} < excluded.computed_on
          or ${flagComputations.highestLatestGrade} is distinct from excluded.highest_latest_grade
          or ${flagComputations.lastAssessedOn} is distinct from excluded.last_assessed_on`,
      });
}

/**
 * The caseload's MAS figures from the effective scores (in recording order): the highest of the
 * keys' latest grades (of two scores of a key on one date, the later-recorded wins) and the date
 * of the last assessment.
 */
export function masSummary(scores: EscalationInput["scores"]): {
  highestLatestGrade: MasGrade | null;
  lastAssessedOn: string | null;
} {
  const latest = new Map<string, { grade: MasGrade; date: string }>();
  let lastAssessedOn: string | null = null;
  for (const s of scores) {
    const key = `${s.muscleGroup}:${s.side}`;
    const known = latest.get(key);
    if (!known || s.assessedOn >= known.date)
      latest.set(key, { grade: s.grade, date: s.assessedOn });
    if (!lastAssessedOn || s.assessedOn > lastAssessedOn) lastAssessedOn = s.assessedOn;
  }
  let highestLatestGrade: MasGrade | null = null;
  for (const { grade } of latest.values())
    if (!highestLatestGrade || compareGrades(grade, highestLatestGrade) > 0)
      highestLatestGrade = grade;
  return { highestLatestGrade, lastAssessedOn };
}
