import { relations, sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { MAS_GRADES, MUSCLE_GROUPS, POSITIONS, SIDES } from "../lib/clinical/mas";

const timestamps = {
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
};

export const roleEnum = pgEnum("role", ["admin", "therapist", "patient"]);
export const msTypeEnum = pgEnum("ms_type", ["RRMS", "SPMS", "PPMS", "other"]);
export const codeKindEnum = pgEnum("account_code_kind", ["patient_invite", "password_reset"]);
export const auditOutcomeEnum = pgEnum("audit_outcome", ["success", "denied", "failure"]);

export const clinics = pgTable("clinics", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  /** IANA zone; decides what "today" is for every clinical date of this clinic. */
  timeZone: text("time_zone").notNull().default("Europe/London"),
  /** True only for clinics created by the demo seed (known passwords). */
  isDemo: boolean("is_demo").notNull().default(false),
  /** Therapists and admins must use two-step sign-in (TOTP). The demo seed turns it off. */
  requireStaffMfa: boolean("require_staff_mfa").notNull().default(true),
  ...timestamps,
});

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clinicId: uuid("clinic_id")
      .notNull()
      .references(() => clinics.id),
    role: roleEnum("role").notNull(),
    /** Stored lower-cased; the unique index makes it case-insensitive. */
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash"),
    disabled: boolean("disabled").notNull().default(false),
    /** Bumped on password change, disable and sign-out-everywhere: older JWTs stop working. */
    sessionVersion: integer("session_version").notNull().default(1),
    failedLoginCount: integer("failed_login_count").notNull().default(0),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    passwordChangedAt: timestamp("password_changed_at", { withTimezone: true }),
    /** TOTP secret, AES-256-GCM encrypted (lib/auth/mfa-crypto.ts); pending until totpEnabledAt. */
    totpSecretEnc: text("totp_secret_enc"),
    totpEnabledAt: timestamp("totp_enabled_at", { withTimezone: true }),
    /** Last TOTP time step accepted: a code is used once (replay protection). */
    totpLastStep: bigint("totp_last_step", { mode: "number" }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("users_email_lower_key").on(sql`lower(${t.email})`),
    index("users_clinic_idx").on(t.clinicId, t.role),
  ],
);

export const patients = pgTable(
  "patients",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clinicId: uuid("clinic_id")
      .notNull()
      .references(() => clinics.id),
    userId: uuid("user_id").references(() => users.id),
    givenName: text("given_name").notNull(),
    familyName: text("family_name").notNull(),
    dateOfBirth: date("date_of_birth", { mode: "string" }).notNull(),
    msType: msTypeEnum("ms_type").notNull(),
    diagnosisYear: smallint("diagnosis_year"),
    primaryTherapistId: uuid("primary_therapist_id").references(() => users.id),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
    ...timestamps,
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("patients_user_key").on(t.userId),
    index("patients_clinic_name_idx").on(t.clinicId, t.familyName, t.givenName),
    index("patients_therapist_idx").on(t.primaryTherapistId),
    check("patients_given_name_len", sql`char_length(${t.givenName}) between 1 and 100`),
    check("patients_family_name_len", sql`char_length(${t.familyName}) between 1 and 100`),
    check("patients_diagnosis_year", sql`${t.diagnosisYear} between 1900 and 2200`),
  ],
);

/** One-time codes: patient invites and password resets. Only the SHA-256 of the code is stored. */
export const accountCodes = pgTable(
  "account_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: codeKindEnum("kind").notNull(),
    clinicId: uuid("clinic_id")
      .notNull()
      .references(() => clinics.id),
    patientId: uuid("patient_id").references(() => patients.id),
    userId: uuid("user_id").references(() => users.id),
    codeHash: text("code_hash").notNull(),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("account_codes_hash_key").on(t.codeHash),
    index("account_codes_patient_idx").on(t.patientId),
    index("account_codes_user_idx").on(t.userId),
  ],
);

/** One-time recovery codes for two-step sign-in; only the SHA-256 of each code is stored. */
export const mfaRecoveryCodes = pgTable(
  "mfa_recovery_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    index("mfa_recovery_codes_user_idx").on(t.userId),
    uniqueIndex("mfa_recovery_codes_hash_key").on(t.userId, t.codeHash),
  ],
);

/** Failed and successful logins, for per-IP throttling shared by every app instance. */
export const loginAttempts = pgTable(
  "login_attempts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    email: text("email").notNull(),
    ip: text("ip").notNull(),
    succeeded: boolean("succeeded").notNull(),
    ...timestamps,
  },
  (t) => [index("login_attempts_ip_idx").on(t.ip, t.createdAt)],
);

/** Append-only (a trigger refuses UPDATE and DELETE): who did what to which patient's data. */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    clinicId: uuid("clinic_id"),
    actorUserId: uuid("actor_user_id"),
    actorRole: text("actor_role"),
    action: text("action").notNull(),
    entityType: text("entity_type"),
    entityId: text("entity_id"),
    patientId: uuid("patient_id"),
    outcome: auditOutcomeEnum("outcome").notNull(),
    ip: text("ip"),
    details: jsonb("details").$type<Record<string, unknown>>(),
  },
  (t) => [
    index("audit_events_clinic_at_idx").on(t.clinicId, t.at),
    index("audit_events_patient_idx").on(t.patientId, t.at),
  ],
);

export const masGradeEnum = pgEnum("mas_grade", MAS_GRADES);
export const sideEnum = pgEnum("side", SIDES);
export const muscleGroupEnum = pgEnum("muscle_group", MUSCLE_GROUPS);
export const positionEnum = pgEnum("patient_position", POSITIONS);
export const oralDrugEnum = pgEnum("oral_drug", [
  "baclofen",
  "gabapentin",
  "tizanidine",
  "dantrolene",
  "nabiximols",
  "other",
]);
export const stopReasonEnum = pgEnum("stop_reason", ["ineffective", "side_effects", "other"]);

/**
 * A MAS assessment. Append-only: a correction is a new row that `supersedes` the version it
 * corrects (unique, so one version is superseded at most once: concurrent corrections conflict).
 * `rootId` is the first version's id, shared by every version of one assessment.
 */
export const assessments = pgTable(
  "assessments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    rootId: uuid("root_id").notNull(),
    supersedesId: uuid("supersedes_id"),
    clinicId: uuid("clinic_id")
      .notNull()
      .references(() => clinics.id),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => patients.id),
    assessorId: uuid("assessor_id")
      .notNull()
      .references(() => users.id),
    assessedOn: date("assessed_on", { mode: "string" }).notNull(),
    position: positionEnum("position").notNull(),
    hoursSinceOralDose: integer("hours_since_oral_dose"),
    daysSinceToxin: integer("days_since_toxin"),
    fasciculations: boolean("fasciculations").notNull().default(false),
    weakness: boolean("weakness").notNull().default(false),
    wasting: boolean("wasting").notNull().default(false),
    notes: text("notes"),
    amendmentReason: text("amendment_reason"),
    /** Monotonic order of recording: the later-recorded assessment of a date wins. */
    seq: bigserial("seq", { mode: "number" }).notNull(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("assessments_supersedes_key").on(t.supersedesId),
    index("assessments_patient_date_idx").on(t.patientId, t.assessedOn),
    index("assessments_root_idx").on(t.rootId),
    check("assessments_notes_len", sql`char_length(${t.notes}) <= 4000`),
    check("assessments_reason_len", sql`char_length(${t.amendmentReason}) <= 1000`),
    check(
      "assessments_amendment_reason",
      sql`(${t.supersedesId} is null) = (${t.amendmentReason} is null)`,
    ),
    check("assessments_hours", sql`${t.hoursSinceOralDose} between 0 and 10000`),
    check("assessments_days", sql`${t.daysSinceToxin} between 0 and 100000`),
  ],
);

export const masScores = pgTable(
  "mas_scores",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    assessmentId: uuid("assessment_id")
      .notNull()
      .references(() => assessments.id),
    muscleGroup: muscleGroupEnum("muscle_group").notNull(),
    side: sideEnum("side").notNull(),
    grade: masGradeEnum("grade").notNull(),
  },
  (t) => [uniqueIndex("mas_scores_assessment_key").on(t.assessmentId, t.muscleGroup, t.side)],
);

export const oralTreatments = pgTable(
  "oral_treatments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clinicId: uuid("clinic_id")
      .notNull()
      .references(() => clinics.id),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => patients.id),
    drug: oralDrugEnum("drug").notNull(),
    drugOther: text("drug_other"),
    dose: text("dose").notNull(),
    startedOn: date("started_on", { mode: "string" }).notNull(),
    stoppedOn: date("stopped_on", { mode: "string" }),
    stopReason: stopReasonEnum("stop_reason"),
    recordedBy: uuid("recorded_by")
      .notNull()
      .references(() => users.id),
    ...timestamps,
  },
  (t) => [
    index("oral_treatments_patient_idx").on(t.patientId, t.startedOn),
    check("oral_treatments_dates", sql`${t.stoppedOn} is null or ${t.stoppedOn} >= ${t.startedOn}`),
    check("oral_treatments_dose_len", sql`char_length(${t.dose}) between 1 and 200`),
  ],
);

export const toxinInjections = pgTable(
  "toxin_injections",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clinicId: uuid("clinic_id")
      .notNull()
      .references(() => clinics.id),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => patients.id),
    injectedOn: date("injected_on", { mode: "string" }).notNull(),
    muscleGroup: muscleGroupEnum("muscle_group").notNull(),
    side: sideEnum("side").notNull(),
    units: integer("units").notNull(),
    product: text("product").notNull(),
    recordedBy: uuid("recorded_by")
      .notNull()
      .references(() => users.id),
    ...timestamps,
  },
  (t) => [
    index("toxin_injections_patient_idx").on(t.patientId, t.injectedOn),
    check("toxin_units", sql`${t.units} between 1 and 1000`),
    check("toxin_product_len", sql`char_length(${t.product}) between 1 and 100`),
  ],
);

export const intrathecalPumps = pgTable(
  "intrathecal_pumps",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clinicId: uuid("clinic_id")
      .notNull()
      .references(() => clinics.id),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => patients.id),
    startedOn: date("started_on", { mode: "string" }).notNull(),
    stoppedOn: date("stopped_on", { mode: "string" }),
    recordedBy: uuid("recorded_by")
      .notNull()
      .references(() => users.id),
    ...timestamps,
  },
  (t) => [
    index("intrathecal_pumps_patient_idx").on(t.patientId, t.startedOn),
    check("intrathecal_dates", sql`${t.stoppedOn} is null or ${t.stoppedOn} >= ${t.startedOn}`),
  ],
);

export const exerciseKindEnum = pgEnum("exercise_kind", ["stretch", "strength", "movement"]);
export const itemSideEnum = pgEnum("item_side", ["left", "right", "both"]);

/** The exercise library: built-ins (clinic_id null, read-only) and each clinic's own. */
export const exercises = pgTable(
  "exercises",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clinicId: uuid("clinic_id").references(() => clinics.id),
    /** Stable key of a built-in exercise (null for a clinic's own). */
    slug: text("slug"),
    name: text("name").notNull(),
    kind: exerciseKindEnum("kind").notNull(),
    muscleGroups: muscleGroupEnum("muscle_groups").array().notNull(),
    summary: text("summary").notNull(),
    steps: text("steps").array().notNull(),
    safety: text("safety").array().notNull(),
    holdSeconds: integer("hold_seconds"),
    repetitions: integer("repetitions").notNull(),
    sets: integer("sets"),
    sessionsPerDay: integer("sessions_per_day").notNull(),
    daysPerWeek: integer("days_per_week").notNull(),
    createdBy: uuid("created_by").references(() => users.id),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("exercises_slug_key").on(t.slug),
    index("exercises_clinic_idx").on(t.clinicId),
    check("exercises_name_len", sql`char_length(${t.name}) between 1 and 120`),
  ],
);

const dosageColumns = () => ({
  holdSeconds: integer("hold_seconds"),
  repetitions: integer("repetitions").notNull(),
  sets: integer("sets"),
  sessionsPerDay: integer("sessions_per_day").notNull(),
  daysPerWeek: integer("days_per_week").notNull(),
  side: itemSideEnum("side").notNull(),
  note: text("note"),
});

export const programTemplates = pgTable(
  "program_templates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clinicId: uuid("clinic_id")
      .notNull()
      .references(() => clinics.id),
    name: text("name").notNull(),
    description: text("description"),
    createdBy: uuid("created_by").references(() => users.id),
    ...timestamps,
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("program_templates_clinic_idx").on(t.clinicId)],
);

export const templateItems = pgTable(
  "template_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    templateId: uuid("template_id")
      .notNull()
      .references(() => programTemplates.id, { onDelete: "cascade" }),
    exerciseId: uuid("exercise_id")
      .notNull()
      .references(() => exercises.id),
    position: integer("position").notNull(),
    ...dosageColumns(),
  },
  (t) => [
    index("template_items_template_idx").on(t.templateId, t.position),
    check("template_items_hold", sql`${t.holdSeconds} between 10 and 120`),
    check("template_items_reps", sql`${t.repetitions} between 1 and 50`),
    check("template_items_sets", sql`${t.sets} between 1 and 10`),
    check("template_items_sessions", sql`${t.sessionsPerDay} between 1 and 5`),
    check("template_items_days", sql`${t.daysPerWeek} between 1 and 7`),
  ],
);

/** A patient's program: a title, a planned period, and versions of its items. */
export const programs = pgTable(
  "programs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clinicId: uuid("clinic_id")
      .notNull()
      .references(() => clinics.id),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => patients.id),
    title: text("title").notNull(),
    startDate: date("start_date", { mode: "string" }).notNull(),
    /** Last planned day (start + weeks × 7 − 1). */
    endDate: date("end_date", { mode: "string" }).notNull(),
    /** Set when the program was ended early: its last day. */
    endedOn: date("ended_on", { mode: "string" }),
    templateId: uuid("template_id").references(() => programTemplates.id),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    ...timestamps,
  },
  (t) => [
    index("programs_patient_idx").on(t.patientId, t.startDate),
    check("programs_dates", sql`${t.endDate} >= ${t.startDate}`),
    check("programs_title_len", sql`char_length(${t.title}) between 1 and 120`),
  ],
);

/** One version of a program's items, in force from `effectiveFrom` until the next version. */
export const programVersions = pgTable(
  "program_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    programId: uuid("program_id")
      .notNull()
      .references(() => programs.id),
    versionNo: integer("version_no").notNull(),
    effectiveFrom: date("effective_from", { mode: "string" }).notNull(),
    changeNote: text("change_note"),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    ...timestamps,
  },
  (t) => [uniqueIndex("program_versions_no_key").on(t.programId, t.versionNo)],
);

export const programItems = pgTable(
  "program_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    versionId: uuid("version_id")
      .notNull()
      .references(() => programVersions.id),
    exerciseId: uuid("exercise_id")
      .notNull()
      .references(() => exercises.id),
    position: integer("position").notNull(),
    ...dosageColumns(),
  },
  (t) => [
    index("program_items_version_idx").on(t.versionId, t.position),
    check("program_items_hold", sql`${t.holdSeconds} between 10 and 120`),
    check("program_items_reps", sql`${t.repetitions} between 1 and 50`),
    check("program_items_sets", sql`${t.sets} between 1 and 10`),
    check("program_items_sessions", sql`${t.sessionsPerDay} between 1 and 5`),
    check("program_items_days", sql`${t.daysPerWeek} between 1 and 7`),
  ],
);

/** A pause covers `pausedFrom` up to the day before `resumedOn` (open-ended while null). */
export const programPauses = pgTable(
  "program_pauses",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    programId: uuid("program_id")
      .notNull()
      .references(() => programs.id),
    pausedFrom: date("paused_from", { mode: "string" }).notNull(),
    resumedOn: date("resumed_on", { mode: "string" }),
    reason: text("reason"),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    ...timestamps,
  },
  (t) => [
    index("program_pauses_program_idx").on(t.programId),
    check("program_pauses_dates", sql`${t.resumedOn} is null or ${t.resumedOn} > ${t.pausedFrom}`),
  ],
);

export const symptomEnum = pgEnum("symptom", [
  "spasm",
  "cramp",
  "stiffness",
  "clonus",
  "twitching",
]);
export const triggerEnum = pgEnum("log_trigger", [
  "uti",
  "infection",
  "relapse",
  "pressure_sore",
  "constipation",
  "heat",
  "poor_sleep",
  "dehydration",
  "stress",
]);
export const reliefEnum = pgEnum("relief_tool", [
  "massage_gun",
  "foam_roller",
  "topical",
  "medication",
  "other",
]);

/** One patient-reported day. Unique per patient and date: saving again updates it. */
export const dailyLogs = pgTable(
  "daily_logs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clinicId: uuid("clinic_id")
      .notNull()
      .references(() => clinics.id),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => patients.id),
    logDate: date("log_date", { mode: "string" }).notNull(),
    spasticityNrs: smallint("spasticity_nrs"),
    pain: smallint("pain"),
    pennFrequency: smallint("penn_frequency"),
    pennSeverity: smallint("penn_severity"),
    symptoms: symptomEnum("symptoms").array().notNull().default(sql`'{}'`),
    triggers: triggerEnum("triggers").array().notNull().default(sql`'{}'`),
    newWeakness: boolean("new_weakness").notNull().default(false),
    wasting: boolean("wasting").notNull().default(false),
    relief: reliefEnum("relief").array().notNull().default(sql`'{}'`),
    waterGlasses: smallint("water_glasses"),
    note: text("note"),
    ...timestamps,
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("daily_logs_patient_date_key").on(t.patientId, t.logDate),
    index("daily_logs_clinic_date_idx").on(t.clinicId, t.logDate),
    // The few days that report an escalation trigger: the rules read them at any date, and this
    // keeps that read from scanning years of logs.
    index("daily_logs_escalation_trigger_idx")
      .on(t.patientId, t.logDate)
      .where(
        sql`${t.triggers} && array['uti','infection','relapse','pressure_sore','constipation']::log_trigger[]`,
      ),
    // And the few that report a sign the rules read within 90 days (neuro signs, Penn 3 or more):
    // without it, a caseload's recompute reads every log of those 90 days.
    index("daily_logs_escalation_sign_idx")
      .on(t.patientId, t.logDate)
      .where(
        sql`${t.newWeakness} or ${t.wasting} or 'twitching' = any(${t.symptoms}) or ${t.pennFrequency} >= 3`,
      ),
    check("daily_logs_nrs", sql`${t.spasticityNrs} between 0 and 10`),
    check("daily_logs_pain", sql`${t.pain} between 0 and 10`),
    check("daily_logs_penn_frequency", sql`${t.pennFrequency} between 0 and 4`),
    check("daily_logs_penn_severity", sql`${t.pennSeverity} between 1 and 3`),
    check(
      "daily_logs_severity_needs_frequency",
      sql`${t.pennSeverity} is null or ${t.pennFrequency} > 0`,
    ),
    check("daily_logs_water", sql`${t.waterGlasses} between 0 and 40`),
    check("daily_logs_note_len", sql`char_length(${t.note}) <= 2000`),
  ],
);

/** Sessions done of one program item on the log's day. */
export const logItems = pgTable(
  "log_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    logId: uuid("log_id")
      .notNull()
      .references(() => dailyLogs.id, { onDelete: "cascade" }),
    programItemId: uuid("program_item_id")
      .notNull()
      .references(() => programItems.id),
    sessionsDone: smallint("sessions_done").notNull(),
  },
  (t) => [
    uniqueIndex("log_items_log_item_key").on(t.logId, t.programItemId),
    // Adherence reads (log, item, sessions) for each log of a window: from the index alone.
    index("log_items_log_done_idx").on(t.logId, t.programItemId, t.sessionsDone),
    check("log_items_sessions", sql`${t.sessionsDone} between 0 and 5`),
  ],
);

/** A therapist's review of a patient's logs up to a date, with an optional note back to them. */
export const logReviews = pgTable(
  "log_reviews",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clinicId: uuid("clinic_id")
      .notNull()
      .references(() => clinics.id),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => patients.id),
    reviewedThrough: date("reviewed_through", { mode: "string" }).notNull(),
    note: text("note"),
    reviewedBy: uuid("reviewed_by")
      .notNull()
      .references(() => users.id),
    ...timestamps,
  },
  (t) => [
    index("log_reviews_patient_idx").on(t.patientId, t.createdAt),
    check("log_reviews_note_len", sql`char_length(${t.note}) <= 2000`),
  ],
);

export const flagKindEnum = pgEnum("flag_kind", [
  "BOTOX_REFERRAL",
  "BACLOFEN_REVIEW",
  "SURGICAL_REFERRAL",
  "REASSESS_AFTER_BOTOX",
  "TRIGGER_REVIEW",
  "MAS4_REVIEW",
  "NEURO_REVIEW",
]);
export const flagStatusEnum = pgEnum("flag_status", [
  "open",
  "acknowledged",
  "referred",
  "dismissed",
  "resolved",
]);
export const referralGoalEnum = pgEnum("referral_goal", [
  "pain",
  "care_hygiene",
  "mobility_function",
  "contracture_prevention",
  "other",
]);

/**
 * An escalation flag raised by the engine (lib/clinical/escalation.ts) and what the therapist did
 * with it. "resolved" = closed by data (its condition no longer holds); "dismissed" and
 * "referred" are the therapist's decisions. A closed flag re-opens (as a new row) only when its
 * basis changes.
 */
export const flags = pgTable(
  "flags",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clinicId: uuid("clinic_id")
      .notNull()
      .references(() => clinics.id),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => patients.id),
    kind: flagKindEnum("kind").notNull(),
    keys: jsonb("keys").$type<{ muscleGroup: string; side: string }[]>().notNull(),
    action: text("action"),
    reason: text("reason").notNull(),
    /** What the flag rests on (assessment ids, report dates); a change re-opens a closed flag. */
    basis: jsonb("basis").$type<Record<string, unknown>>().notNull(),
    basisHash: text("basis_hash").notNull(),
    status: flagStatusEnum("status").notNull().default("open"),
    statusBy: uuid("status_by").references(() => users.id),
    statusAt: timestamp("status_at", { withTimezone: true }),
    resolutionNote: text("resolution_note"),
    referralTarget: text("referral_target"),
    referralDate: date("referral_date", { mode: "string" }),
    referralGoal: referralGoalEnum("referral_goal"),
    raisedOn: date("raised_on", { mode: "string" }).notNull(),
    ...timestamps,
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("flags_patient_idx").on(t.patientId, t.kind, t.createdAt),
    index("flags_clinic_status_idx").on(t.clinicId, t.status),
    check("flags_note_len", sql`char_length(${t.resolutionNote}) <= 2000`),
    check("flags_target_len", sql`char_length(${t.referralTarget}) <= 200`),
  ],
);

/** When each patient's flags were last recomputed (the rules depend on the date). */
export const flagComputations = pgTable("flag_computations", {
  patientId: uuid("patient_id")
    .primaryKey()
    .references(() => patients.id),
  computedOn: date("computed_on", { mode: "string" }).notNull(),
  computedAt: timestamp("computed_at", { withTimezone: true }).notNull().defaultNow(),
  /**
   * The caseload's MAS figures, kept by the recompute that every clinical write runs: the highest
   * of the keys' latest grades and the date of the last assessment (null: never assessed).
   */
  highestLatestGrade: masGradeEnum("highest_latest_grade"),
  lastAssessedOn: date("last_assessed_on", { mode: "string" }),
  /**
   * The scores the rules can still read (lib/clinical/escalation-digest.ts), packed, with what
   * they were read from: the daily recompute of a caseload reads these instead of every score.
   * Rebuilt when the patient's assessments or toxin injections differ (lib/flags/recompute.ts).
   */
  inputs: jsonb("inputs").$type<Record<string, unknown>>(),
});

/*
 * Relations, for drizzle's relational queries: a record with its children (a program with its
 * versions, items and pauses; a log day with its items) comes back in ONE statement, so a page's
 * query count does not grow with the history it shows.
 */
export const patientsRelations = relations(patients, ({ one, many }) => ({
  primaryTherapist: one(users, {
    fields: [patients.primaryTherapistId],
    references: [users.id],
  }),
  dailyLogs: many(dailyLogs),
  oralTreatments: many(oralTreatments),
  toxinInjections: many(toxinInjections),
  pumps: many(intrathecalPumps),
  logReviews: many(logReviews),
  flags: many(flags),
  flagComputation: one(flagComputations, {
    fields: [patients.id],
    references: [flagComputations.patientId],
  }),
}));
export const oralTreatmentsRelations = relations(oralTreatments, ({ one }) => ({
  patient: one(patients, { fields: [oralTreatments.patientId], references: [patients.id] }),
}));
export const toxinInjectionsRelations = relations(toxinInjections, ({ one }) => ({
  patient: one(patients, { fields: [toxinInjections.patientId], references: [patients.id] }),
}));
export const intrathecalPumpsRelations = relations(intrathecalPumps, ({ one }) => ({
  patient: one(patients, { fields: [intrathecalPumps.patientId], references: [patients.id] }),
}));
export const assessmentsRelations = relations(assessments, ({ one, many }) => ({
  assessor: one(users, { fields: [assessments.assessorId], references: [users.id] }),
  scores: many(masScores),
}));
export const masScoresRelations = relations(masScores, ({ one }) => ({
  assessment: one(assessments, { fields: [masScores.assessmentId], references: [assessments.id] }),
}));
export const programsRelations = relations(programs, ({ many }) => ({
  versions: many(programVersions),
  pauses: many(programPauses),
}));
export const programVersionsRelations = relations(programVersions, ({ one, many }) => ({
  program: one(programs, { fields: [programVersions.programId], references: [programs.id] }),
  createdByUser: one(users, { fields: [programVersions.createdBy], references: [users.id] }),
  items: many(programItems),
}));
export const programItemsRelations = relations(programItems, ({ one }) => ({
  version: one(programVersions, {
    fields: [programItems.versionId],
    references: [programVersions.id],
  }),
  exercise: one(exercises, { fields: [programItems.exerciseId], references: [exercises.id] }),
}));
export const programPausesRelations = relations(programPauses, ({ one }) => ({
  program: one(programs, { fields: [programPauses.programId], references: [programs.id] }),
}));
export const dailyLogsRelations = relations(dailyLogs, ({ one, many }) => ({
  patient: one(patients, { fields: [dailyLogs.patientId], references: [patients.id] }),
  items: many(logItems),
}));
export const logItemsRelations = relations(logItems, ({ one }) => ({
  log: one(dailyLogs, { fields: [logItems.logId], references: [dailyLogs.id] }),
}));
export const logReviewsRelations = relations(logReviews, ({ one }) => ({
  patient: one(patients, { fields: [logReviews.patientId], references: [patients.id] }),
  reviewer: one(users, { fields: [logReviews.reviewedBy], references: [users.id] }),
}));
export const flagsRelations = relations(flags, ({ one }) => ({
  patient: one(patients, { fields: [flags.patientId], references: [patients.id] }),
  statusByUser: one(users, { fields: [flags.statusBy], references: [users.id] }),
}));
