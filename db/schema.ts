import { sql } from "drizzle-orm";
import {
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
