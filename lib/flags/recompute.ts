/**
 * Recompute a patient's persisted escalation flags from their records. Not a data-layer entry
 * point (it takes no viewer): the data layer calls it inside the transaction of each clinical
 * write, and the seed and the daily job call it for every patient. Writes nothing when nothing
 * changed (but the day's "computed on" marker, once a day); otherwise one system audit event per
 * patient.
 */
import { createHash } from "node:crypto";
import { and, asc, eq, gte, inArray, or, Param, type SQL, sql } from "drizzle-orm";
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
import { digestScores } from "@/lib/clinical/escalation-digest";
import type { Trigger } from "@/lib/clinical/log-options";
import { compareGrades, type MasGrade, type MuscleGroup, type Side } from "@/lib/clinical/mas";

type Conn = Db | Tx;

/**
 * `column = any($1::uuid[])`: the ids as ONE parameter. A caseload's 300 ids in the five
 * statements of a recompute were 1,500 parameters to build, send and bind.
 */
const anyOf = (column: AnyPgColumn, ids: string[]) =>
  sql`${column} = any(${new Param(ids)}::uuid[])`;
type OralStop = Extract<EscalationInput["treatments"][number], { kind: "oral_antispasticity" }>;

/** R6 reads neuro signs within [asOf − 90, asOf]. */
const NEURO_WINDOW_DAYS = 90;
/** R4 reads a Penn spasm frequency of 3 or more within [asOf − 28, asOf]. */
const PENN_WINDOW_DAYS = 28;

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
  /** A digest built from every score on this run, to be kept (null: the kept one still holds). */
  newDigest: StoredDigest | null;
}

export interface ComputedMarker {
  computedOn: string;
  highestLatestGrade: MasGrade | null;
  lastAssessedOn: string | null;
}

/**
 * flag_computations.inputs: a patient's score digest (lib/clinical/escalation-digest.ts) packed
 * as text, with what it was built from. It holds while the patient's number of assessments
 * (`assessments`) and their toxin injections (`toxins`) are the same, for dates on or after its
 * latest score. Assessments and their scores are append-only (an amendment is a new assessment),
 * so the assessments a digest was built from are among the patient's current ones, and all of
 * them exactly when the count is the same, even when two writes ran at once.
 */
export interface StoredDigest {
  v: typeof DIGEST_VERSION;
  assessments: number;
  toxins: string;
  maxDate: string | null;
  triggersFrom: string | null;
  /** Per key, its kept scores by date: "group:side:grade@date,grade@date…". */
  scores: string[];
  /** The keys' latest assessments: "assessmentId@date:group/side,group/side…". */
  latest: string[];
  /** Neuro signs recorded on assessments, those that can still count: "kind:date". */
  neuro: string[];
}

const DIGEST_VERSION = 1;
const NEURO_KINDS = ["fasciculations", "weakness", "wasting"] as const;

const toxinFingerprint = (toxin: { startedOn: string; muscleGroup: string; side: string }[]) =>
  toxin
    .map((t) => `${t.muscleGroup}:${t.side}:${t.startedOn}`)
    .sort()
    .join(",");

/**
 * Every record the rules read, for a set of patients of one clinic. Scores come from each
 * patient's kept digest when it still holds (one round trip in all: treatments with the digest,
 * and the logs); otherwise every effective score is read (a second round trip, for those
 * patients only) and a new digest built. The daily logs that can only matter inside the rules'
 * 90-day windows (neuro signs, spasm frequency) are read for those 90 days only, and triggers
 * from the digest's `triggersFrom`: the same flags, without reading years of records.
 */
export async function loadEscalationInputs(
  db: Conn,
  clinicId: string,
  patientIds: string[],
  asOf: string,
): Promise<Map<string, LoadedInput>> {
  const read = await readEscalationInputs(db, clinicId, patientIds, asOf);
  return new Map([...read].map(([patientId, r]) => [patientId, unpacked(r)]));
}

/**
 * A patient's inputs as read, with the scores of a kept digest still packed: a caseload's are
 * unpacked one patient at a time (`unpacked`), each dropped once evaluated, rather than all held
 * at once (what the young-generation GC would then copy, again and again).
 */
interface ReadInput {
  loaded: LoadedInput;
  /** The digest whose scores, latest assessments and neuro signs are still to be added. */
  packed: StoredDigest | null;
}

/** What `loadEscalationInputs` says, read: one or two round trips (see above). */
async function readEscalationInputs(
  db: Conn,
  clinicId: string,
  patientIds: string[],
  asOf: string,
): Promise<Map<string, ReadInput>> {
  const read = new Map<string, ReadInput>();
  if (patientIds.length === 0) return read;
  for (const id of patientIds) {
    const loaded: LoadedInput = {
      input: { scores: [], treatments: [], triggers: [], neuroSigns: [], spasmFrequency: [] },
      latestAssessment: new Map(),
      computed: null,
      newDigest: null,
    };
    read.set(id, { loaded, packed: null });
  }
  const loadedOf = (patientId: string) => read.get(patientId)?.loaded;
  const neuroFrom = addDays(asOf, -NEURO_WINDOW_DAYS);
  const pennFrom = addDays(asOf, -PENN_WINDOW_DAYS);
  const scope = (t: { clinicId: AnyPgColumn; patientId: AnyPgColumn }) =>
    and(eq(t.clinicId, clinicId), anyOf(t.patientId, patientIds));

  // Treatments as JSON lists (a date is its ISO string), each table grouped once by patient and
  // joined, with the last recompute's marker and digest and the patient's number of assessments:
  // one row per patient.
  const lists = <T>(
    table: PgTable & { clinicId: AnyPgColumn; patientId: AnyPgColumn },
    name: string,
    fields: SQL,
  ) =>
    db
      .select({
        patientId: table.patientId,
        list: sql<T[]>`json_agg(json_build_object(${fields}))`.as(name),
      })
      .from(table)
      .where(scope(table))
      .groupBy(table.patientId)
      .as(`${name}_lists`);
  const oral = lists<{
    startedOn: string;
    endedOn: string | null;
    stoppedBecause: OralStop["stoppedBecause"];
  }>(
    oralTreatments,
    "oral",
    sql`'startedOn', ${oralTreatments.startedOn}, 'endedOn', ${oralTreatments.stoppedOn}, 'stoppedBecause', ${oralTreatments.stopReason}`,
  );
  const toxin = lists<{ startedOn: string; muscleGroup: MuscleGroup; side: Side }>(
    toxinInjections,
    "toxin",
    sql`'startedOn', ${toxinInjections.injectedOn}, 'muscleGroup', ${toxinInjections.muscleGroup}, 'side', ${toxinInjections.side}`,
  );
  const pumps = lists<{ startedOn: string; endedOn: string | null }>(
    intrathecalPumps,
    "pumps",
    sql`'startedOn', ${intrathecalPumps.startedOn}, 'endedOn', ${intrathecalPumps.stoppedOn}`,
  );
  const { patientId: _, ...logColumns } = LOG_FIELDS;
  const logsOfPatient = db
    .select(logColumns)
    .from(dailyLogs)
    .where(
      and(
        sql`${dailyLogs.patientId} = "patients"."id"`,
        eq(dailyLogs.clinicId, clinicId),
        or(
          and(
            HAS_TRIGGER,
            sql`${dailyLogs.logDate} >= coalesce(("flag_computations"."inputs"->>'triggersFrom')::date, '-infinity'::date)`,
          ),
          // Neuro signs within 90 days, Penn 3 or more within 28 (inside the 90): one range of
          // daily_logs_escalation_sign_idx, its condition written with no parameter, so that a
          // generic plan (PostgreSQL's, after five runs of the prepared statement) can use it.
          and(
            gte(dailyLogs.logDate, neuroFrom),
            sql`(${dailyLogs.newWeakness} or ${dailyLogs.wasting} or 'twitching' = any(${dailyLogs.symptoms}) or (${dailyLogs.logDate} >= ${pennFrom} and ${dailyLogs.pennFrequency} >= 3))`,
          ),
        ),
      ),
    )
    .orderBy(asc(dailyLogs.logDate))
    .as("logs");
  const [perPatient, logs] = await Promise.all([
    db
      .select({
        patientId: patients.id,
        oral: oral.list,
        toxin: toxin.list,
        pumps: pumps.list,
        // (Qualified by hand: drizzle leaves a one-table select's columns unqualified.)
        assessments: sql<number>`(select count(*)::int from ${assessments} a where a.patient_id = "patients"."id")`,
        computedOn: flagComputations.computedOn,
        highestLatestGrade: flagComputations.highestLatestGrade,
        lastAssessedOn: flagComputations.lastAssessedOn,
        digest: flagComputations.inputs,
      })
      .from(patients)
      .leftJoin(flagComputations, eq(flagComputations.patientId, patients.id))
      .leftJoin(oral, eq(oral.patientId, patients.id))
      .leftJoin(toxin, eq(toxin.patientId, patients.id))
      .leftJoin(pumps, eq(pumps.patientId, patients.id))
      .where(and(eq(patients.clinicId, clinicId), anyOf(patients.id, patientIds))),
    // Only the logs that carry something the rules read: triggers from the kept digest's
    // triggersFrom (re-read below where it no longer holds), neuro signs within R6's 90 days,
    // Penn 3 or more within R4's 28. Per patient (a lateral read, in date order: the ORDER BY
    // keeps PostgreSQL from flattening it into one scan of every trigger the clinic ever logged),
    // so that each patient's triggersFrom bounds an index range. (Qualified by hand, as above.)
    db
      .select({
        patientId: patients.id,
        date: logsOfPatient.date,
        triggers: logsOfPatient.triggers,
        symptoms: logsOfPatient.symptoms,
        newWeakness: logsOfPatient.newWeakness,
        wasting: logsOfPatient.wasting,
        pennFrequency: logsOfPatient.pennFrequency,
      })
      .from(patients)
      .leftJoin(flagComputations, eq(flagComputations.patientId, patients.id))
      .innerJoinLateral(logsOfPatient, sql`true`)
      .where(and(eq(patients.clinicId, clinicId), anyOf(patients.id, patientIds))),
  ]);

  const digests = new Map<string, StoredDigest>();
  const stale: { patientId: string; assessments: number; toxins: string }[] = [];
  for (const row of perPatient) {
    const entry = loadedOf(row.patientId);
    if (!entry) continue;
    for (const t of row.oral ?? [])
      entry.input.treatments.push({ kind: "oral_antispasticity", ...t });
    for (const t of row.toxin ?? []) entry.input.treatments.push({ kind: "botulinum_toxin", ...t });
    for (const t of row.pumps ?? [])
      entry.input.treatments.push({ kind: "intrathecal_baclofen", ...t });
    if (row.computedOn)
      entry.computed = {
        computedOn: row.computedOn,
        highestLatestGrade: row.highestLatestGrade,
        lastAssessedOn: row.lastAssessedOn,
      };
    const kept = row.digest as StoredDigest | null;
    const toxins = toxinFingerprint(row.toxin ?? []);
    const holds =
      kept?.v === DIGEST_VERSION && kept.assessments === row.assessments && kept.toxins === toxins;
    if (holds) digests.set(row.patientId, kept);
    else stale.push({ patientId: row.patientId, assessments: row.assessments, toxins });
  }

  for (const l of logs) addTriggers(loadedOf(l.patientId), l, neuroFrom);

  // Where the kept digest no longer holds, or a score is dated after asOf (the rules ignore it,
  // the digest does not), every score and trigger is read: a second round trip, for those only.
  const reread = [
    ...stale.map((p) => p.patientId),
    ...[...digests].filter(([, d]) => d.maxDate !== null && asOf < d.maxDate).map(([id]) => id),
  ];
  const whole = new Map<string, PatientScores>();
  if (reread.length > 0) {
    const [scores, triggerLogs] = await Promise.all([
      readScores(db, clinicId, reread),
      db
        .select(LOG_FIELDS)
        .from(dailyLogs)
        .where(
          and(eq(dailyLogs.clinicId, clinicId), anyOf(dailyLogs.patientId, reread), HAS_TRIGGER),
        ),
    ]);
    for (const id of reread) {
      const entry = loadedOf(id);
      if (entry) entry.input.triggers = []; // those cut by a digest that does not hold
    }
    for (const l of triggerLogs) addTriggers(loadedOf(l.patientId), l, null);
    for (const { patientId, assessments: count, toxins } of stale) {
      const entry = loadedOf(patientId);
      if (!entry) continue;
      entry.newDigest = packDigest(
        scores.get(patientId) ?? noScores(),
        entry.input.treatments,
        count,
        toxins,
      );
      digests.set(patientId, entry.newDigest);
    }
    for (const [patientId, all] of scores) whole.set(patientId, all);
  }

  for (const [patientId, digest] of digests) {
    const entry = read.get(patientId);
    if (!entry) continue;
    if (digest.maxDate !== null && asOf < digest.maxDate) {
      const all = whole.get(patientId) ?? noScores();
      entry.loaded.input.scores = all.scores;
      entry.loaded.input.neuroSigns.push(...all.neuroSigns);
      entry.loaded.latestAssessment = all.latest;
    } else entry.packed = digest;
  }
  return read;
}

/**
 * `text` cut at each `sep`. (By hand: String#split goes through the runtime, and was ~4× slower
 * over a caseload's digests.)
 */
function cut(text: string, sep: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (let at = text.indexOf(sep); at >= 0; at = text.indexOf(sep, from)) {
    out.push(text.slice(from, at));
    from = at + 1;
  }
  out.push(text.slice(from));
  return out;
}

/** A patient's complete inputs: with a digest's scores unpacked (a new object), or as read. */
function unpacked({ loaded, packed: digest }: ReadInput): LoadedInput {
  if (digest === null) return loaded;
  const scores: EscalationInput["scores"] = [];
  for (const packed of digest.scores) {
    const [muscleGroup, side, history] = cut(packed, ":") as [MuscleGroup, Side, string];
    for (const dated of cut(history, ",")) {
      const [grade, assessedOn] = cut(dated, "@") as [MasGrade, string];
      scores.push({ muscleGroup, side, grade, assessedOn });
    }
  }
  const latestAssessment = new Map<string, { assessmentId: string; date: string }>();
  for (const packed of digest.latest) {
    const [assessment, keys] = cut(packed, ":") as [string, string];
    const [assessmentId, date] = cut(assessment, "@") as [string, string];
    for (const key of cut(keys, ",")) {
      const [muscleGroup, side] = cut(key, "/");
      latestAssessment.set(`${muscleGroup}:${side}`, { assessmentId, date });
    }
  }
  const neuroSigns = [...loaded.input.neuroSigns];
  for (const packed of digest.neuro) {
    const [kind, reportedOn] = cut(packed, ":") as [(typeof NEURO_KINDS)[number], string];
    neuroSigns.push({ kind, reportedOn });
  }
  // Triggers before the digest's triggersFrom change no flag (read from it, or cut here).
  const from = digest.triggersFrom;
  const triggers =
    from === null
      ? loaded.input.triggers
      : loaded.input.triggers.filter((t) => t.reportedOn >= from);
  return { ...loaded, input: { ...loaded.input, scores, triggers, neuroSigns }, latestAssessment };
}

const LOG_FIELDS = {
  patientId: dailyLogs.patientId,
  date: dailyLogs.logDate,
  triggers: dailyLogs.triggers,
  symptoms: dailyLogs.symptoms,
  newWeakness: dailyLogs.newWeakness,
  wasting: dailyLogs.wasting,
  pennFrequency: dailyLogs.pennFrequency,
};
interface LogRow {
  patientId: string;
  date: string;
  triggers: Trigger[];
  symptoms: string[];
  newWeakness: boolean;
  wasting: boolean;
  pennFrequency: number | null;
}

/** A log reports an escalation trigger (the condition of daily_logs_escalation_trigger_idx). */
const HAS_TRIGGER = sql`${dailyLogs.triggers} && array['uti','infection','relapse','pressure_sore','constipation']::log_trigger[]`;

function addTriggers(entry: LoadedInput | undefined, l: LogRow, neuroFrom: string | null) {
  if (!entry) return;
  for (const trigger of l.triggers) {
    const kind = TRIGGER_MAP[trigger];
    if (kind) entry.input.triggers.push({ kind, reportedOn: l.date });
  }
  if (neuroFrom === null || l.date < neuroFrom) return;
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

interface PatientScores {
  scores: EscalationInput["scores"];
  latest: Map<string, { assessmentId: string; date: string }>;
  neuroSigns: EscalationInput["neuroSigns"];
}
const noScores = (): PatientScores => ({ scores: [], latest: new Map(), neuroSigns: [] });

/** Every effective score of the given patients, in recording order, with the assessments' signs. */
async function readScores(db: Conn, clinicId: string, patientIds: string[]) {
  // One row per effective assessment, its scores packed as "group:side:grade,…": a caseload's
  // 70,000 scores arrive as 6,000 rows.
  const rows = await db
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
        eq(assessments.clinicId, clinicId),
        anyOf(assessments.patientId, patientIds),
        sql`not exists (select 1 from ${assessments} later where later.supersedes_id = "assessments"."id")`,
      ),
    )
    // Recording order: of two assessments on one date, the later-recorded one wins.
    .orderBy(asc(assessments.seq));
  const byPatient = new Map<string, PatientScores>();
  for (const r of rows) {
    const entry = byPatient.get(r.patientId) ?? noScores();
    byPatient.set(r.patientId, entry);
    for (const packed of r.scores === null ? [] : cut(r.scores, ",")) {
      const [muscleGroup, side, grade] = cut(packed, ":") as [MuscleGroup, Side, MasGrade];
      entry.scores.push({ muscleGroup, side, grade, assessedOn: r.assessedOn });
      const key = `${muscleGroup}:${side}`;
      const known = entry.latest.get(key);
      if (!known || r.assessedOn >= known.date)
        entry.latest.set(key, { assessmentId: r.assessmentId, date: r.assessedOn });
    }
    for (const kind of NEURO_KINDS)
      if (r[kind]) entry.neuroSigns.push({ kind, reportedOn: r.assessedOn });
  }
  return byPatient;
}

/**
 * Scores packed per key, one score per date (the effective one: the last recorded). The rules
 * read a key's scores only together, by date.
 */
function packByKey(scores: EscalationInput["scores"]): string[] {
  const byKey = new Map<string, Map<string, MasGrade>>();
  for (const s of scores) {
    const key = `${s.muscleGroup}:${s.side}`;
    const dates = byKey.get(key) ?? new Map<string, MasGrade>();
    dates.set(s.assessedOn, s.grade);
    byKey.set(key, dates);
  }
  return [...byKey].map(
    ([key, dates]) => `${key}:${[...dates].map(([date, grade]) => `${grade}@${date}`)}`,
  );
}

/** The keys' latest assessments, packed per assessment (most keys share one). */
function packLatest(latest: PatientScores["latest"]): string[] {
  const keysOf = new Map<string, string[]>();
  for (const [key, { assessmentId, date }] of latest) {
    const id = `${assessmentId}@${date}`;
    keysOf.set(id, [...(keysOf.get(id) ?? []), key.replace(":", "/")]);
  }
  return [...keysOf].map(([id, keys]) => `${id}:${keys.join(",")}`);
}

/** A new digest of every score of a patient, packed to keep. */
function packDigest(
  all: PatientScores,
  treatments: EscalationInput["treatments"],
  assessments: number,
  toxins: string,
): StoredDigest {
  const digest = digestScores(all.scores, treatments);
  // R6 reads [asOf − 90, asOf], and asOf is on or after the latest score.
  const neuroFrom = digest.maxDate ? addDays(digest.maxDate, -NEURO_WINDOW_DAYS) : "";
  return {
    v: DIGEST_VERSION,
    assessments,
    toxins,
    maxDate: digest.maxDate,
    triggersFrom: digest.triggersFrom,
    scores: packByKey(digest.scores),
    latest: packLatest(all.latest),
    neuro: all.neuroSigns
      .filter((n) => n.reportedOn >= neuroFrom)
      .map((n) => `${n.kind}:${n.reportedOn}`),
  };
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
  // Two writes for one patient at once recompute one after the other (the patient rows are
  // locked until the write commits, in id order): the second reads the flags the first raised,
  // rather than raising them again. FOR NO KEY UPDATE does not hold up inserts that reference
  // the patient (scores, logs); it only makes concurrent recomputes wait.
  // The lock is sent first and the reads right behind it, on the transaction's one connection:
  // PostgreSQL runs them in that order, each read (read committed: a snapshot per statement)
  // once the lock is held. One round trip in all.
  const locked = db
    .select({ id: patients.id })
    .from(patients)
    .where(anyOf(patients.id, patientIds))
    .orderBy(asc(patients.id))
    .for("no key update")
    .execute();
  const [, read, existing] = await Promise.all([
    locked,
    readEscalationInputs(db, clinicId, patientIds, asOf),
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
      .where(and(eq(flags.clinicId, clinicId), anyOf(flags.patientId, patientIds)))
      .orderBy(asc(flags.createdAt)),
  ]);
  // Each patient's latest flag of each kind (read in creation order).
  const flagsOf = new Map<string, Map<FlagKind, (typeof existing)[number]>>();
  for (const f of existing) {
    const ofPatient = flagsOf.get(f.patientId) ?? new Map();
    ofPatient.set(f.kind, f);
    flagsOf.set(f.patientId, ofPatient);
  }

  const marks: Mark[] = [];
  const inserts: (typeof flags.$inferInsert)[] = [];
  const audits: (typeof auditEvents.$inferInsert)[] = [];
  for (const patientId of patientIds) {
    const entry = read.get(patientId);
    if (!entry) continue;
    const data = unpacked(entry);
    marks.push({
      patientId,
      known: data.computed,
      inputs: data.newDigest,
      ...masSummary(data.input.scores),
    });
    const computed = evaluateEscalation({ asOf, ...data.input });
    const latestByKind = flagsOf.get(patientId) ?? new Map<FlagKind, (typeof existing)[number]>();
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
  await markComputed(db, marks, asOf);
  for (let i = 0; i < inserts.length; i += 500)
    await db.insert(flags).values(inserts.slice(i, i + 500));
  for (let i = 0; i < audits.length; i += 500)
    await db.insert(auditEvents).values(audits.slice(i, i + 500));
  return results;
}

/** A patient's caseload MAS figures and digest, to be marked as computed. */
interface Mark extends ReturnType<typeof masSummary> {
  patientId: string;
  /** What flag_computations said when read. */
  known: ComputedMarker | null;
  /** A new digest to keep, or null. */
  inputs: StoredDigest | null;
}

/**
 * Record that the patients' flags hold as of asOf (so that pages opened later that day read the
 * flags without recomputing) and their caseload MAS figures. Rows that already say so (read
 * with the inputs) are left alone: a recompute that changes nothing writes nothing at all, and
 * sends no statement for it.
 */
async function markComputed(db: Conn, marks: Mark[], asOf: string) {
  const rows = marks
    .filter(
      ({ known, ...row }) =>
        !known ||
        row.inputs !== null ||
        known.computedOn < asOf ||
        known.highestLatestGrade !== row.highestLatestGrade ||
        known.lastAssessedOn !== row.lastAssessedOn,
    )
    .map(({ known: _, inputs, ...row }) => ({
      ...row,
      computedOn: asOf,
      inputs: inputs as Record<string, unknown> | null,
    }));
  for (let i = 0; i < rows.length; i += 1000)
    await db
      .insert(flagComputations)
      .values(rows.slice(i, i + 1000))
      .onConflictDoUpdate({
        target: flagComputations.patientId,
        set: {
          computedOn: sql`greatest(${flagComputations.computedOn}, excluded.computed_on)`,
          computedAt: new Date(),
          highestLatestGrade: sql`excluded.highest_latest_grade`,
          lastAssessedOn: sql`excluded.last_assessed_on`,
          inputs: sql`coalesce(excluded.inputs, ${flagComputations.inputs})`,
        },
        // A concurrent write may have marked the row since it was read. (A digest it kept that
        // this one overwrites is checked, and rebuilt, on the next read.)
        setWhere: sql`${flagComputations.computedOn} < excluded.computed_on
          or ${flagComputations.highestLatestGrade} is distinct from excluded.highest_latest_grade
          or ${flagComputations.lastAssessedOn} is distinct from excluded.last_assessed_on
          or excluded.inputs is not null`,
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
