import "server-only";
import { and, count, desc, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { type Db, getDb } from "@/db/client";
import { prepared, preparedVariants } from "@/db/prepared";
import { flags, patients, users } from "@/db/schema";
import type { Viewer } from "@/lib/auth/viewer-type";
import { todayIn } from "@/lib/clinical/dates";
import type { FlagKind, Key } from "@/lib/clinical/escalation";
import { FLAG_TIER, FLAG_URGENCY, type ReferralGoal } from "@/lib/clinical/flag-labels";
import { recomputeFlags } from "@/lib/flags/recompute";
import type { FlagActionInput, FlagFilter } from "@/lib/validation/flag";
import { audit, auditPatientRead } from "./audit";
import { ConflictError, FieldError, NotFoundError } from "./errors";
import { requireStaff } from "./guards";
import { adherence14, adherenceInputs, adherenceWindow } from "./logs";
import { readVisiblePatient, requireVisiblePatient } from "./patient-access";

export type FlagStatus = "open" | "acknowledged" | "referred" | "dismissed" | "resolved";

export interface FlagDto {
  id: string;
  patientId: string;
  patientName: string;
  therapistName: string | null;
  kind: FlagKind;
  keys: Key[];
  action: string | null;
  reason: string;
  status: FlagStatus;
  statusByName: string | null;
  statusAt: string | null;
  resolutionNote: string | null;
  referralTarget: string | null;
  referralDate: string | null;
  referralGoal: ReferralGoal | null;
  raisedOn: string;
}

/** A flag of the clinic's list, with what the list shows beside it. */
export interface ClinicFlagDto extends FlagDto {
  /**
   * The patient's 14-day adherence (CLINICAL §6), for referral flags only, which low adherence
   * qualifies ("address adherence first"); null for other flags, and for "no data".
   */
  adherence14: number | null;
}

const statusUser = alias(users, "status_user");
const therapist = alias(users, "therapist");

/** Flags on one page of the clinic's list. */
export const FLAGS_PAGE_SIZE = 25;

/** Most urgent kind first (FLAG_URGENCY), then the most recently raised. */
const byUrgency = sql`array_position(array[${sql.join(
  FLAG_URGENCY.map((k) => sql`${k}`),
  sql`, `,
)}]::flag_kind[], ${flags.kind})`;
/**
 * Staff: the patient's flags, newest first. The rules depend on the date (toxin windows, the
 * 90-day neuro window, drug trials), so flags last computed before the clinic's today are
 * recomputed first.
 */
export async function listPatientFlags(viewer: Viewer, patientId: string): Promise<FlagDto[]> {
  const db = await getDb();
  await requireStaff(db, viewer, "flag.read");
  await readVisiblePatient(db, viewer, patientId, "flag.read");
  const today = todayIn(viewer.clinicTimeZone);
  let record = await loadPatientFlags(db, viewer, patientId);
  if (!record?.flagComputation || record.flagComputation.computedOn < today) {
    await db.transaction(async (tx) => {
      await recomputeFlags(tx, viewer.clinicId, [patientId], today);
    });
    record = await loadPatientFlags(db, viewer, patientId);
  }
  await auditPatientRead(db, viewer, patientId, "patient.read");
  if (!record) return [];
  const { givenName, familyName, primaryTherapist } = record;
  return record.flags.map(({ statusByUser, statusAt, keys, ...flag }) => ({
    ...flag,
    patientId,
    patientName: `${givenName} ${familyName}`,
    therapistName: primaryTherapist?.name ?? null,
    keys: keys as Key[],
    statusByName: statusByUser?.name ?? null,
    statusAt: statusAt?.toISOString() ?? null,
  }));
}

/** A patient's flags (newest first) and when they were last computed: one statement (db/prepared). */
const patientFlagsQuery = prepared((db) =>
  db.query.patients
    .findFirst({
      columns: { givenName: true, familyName: true },
      where: (p) =>
        and(eq(p.id, sql.placeholder("patientId")), eq(p.clinicId, sql.placeholder("clinicId"))),
      with: {
        primaryTherapist: { columns: { name: true } },
        flagComputation: { columns: { computedOn: true } },
        flags: {
          columns: {
            id: true,
            kind: true,
            keys: true,
            action: true,
            reason: true,
            status: true,
            statusAt: true,
            resolutionNote: true,
            referralTarget: true,
            referralDate: true,
            referralGoal: true,
            raisedOn: true,
          },
          orderBy: (f) => [desc(f.createdAt)],
          with: { statusByUser: { columns: { name: true } } },
        },
      },
    })
    .prepare("patient_flags"),
);

function loadPatientFlags(db: Db, viewer: Viewer, patientId: string) {
  return patientFlagsQuery(db).execute({ patientId, clinicId: viewer.clinicId });
}

/** What decides the flags list's SQL; everything else is a bound value. */
interface ClinicFlagsShape {
  status: FlagFilter["status"];
  kind: boolean;
  therapist: boolean;
}

/** The flag kinds whose list rows carry the patient's adherence (FLAG_TIER "referral"). */
const REFERRAL_KINDS = (Object.keys(FLAG_TIER) as FlagKind[]).filter(
  (kind) => FLAG_TIER[kind] === "referral",
);

/**
 * The flags list's statements of one filter shape (db/prepared): one page, with the number of
 * matching flags and the adherence inputs of referral flags' patients; the count alone, for a
 * page past the end.
 */
const clinicFlagsQuery = preparedVariants(
  (shape: ClinicFlagsShape) => `${shape.status}:${+shape.kind}${+shape.therapist}`,
  (db, shape) => {
    const statuses: FlagStatus[] =
      shape.status === "all"
        ? ["open", "acknowledged", "referred", "dismissed", "resolved"]
        : shape.status === "active"
          ? ["open", "acknowledged"]
          : [shape.status];
    const where = and(
      eq(flags.clinicId, sql.placeholder("clinicId")),
      inArray(flags.status, statuses),
      shape.kind ? eq(flags.kind, sql.placeholder("kind")) : undefined,
      shape.therapist ? eq(patients.primaryTherapistId, sql.placeholder("therapist")) : undefined,
    );
    // Computed only on the page's rows (after the limit), and only for referral flags.
    const { adherencePrograms, adherenceLogs } = adherenceInputs({
      from: sql.placeholder("from"),
      yesterday: sql.placeholder("yesterday"),
    });
    const isReferral = inArray(flags.kind, REFERRAL_KINDS);
    return {
      count: db
        .select({ total: count() })
        .from(flags)
        .innerJoin(patients, eq(patients.id, flags.patientId))
        .where(where)
        .prepare("clinic_flags_count"),
      page: db
        .select({
          id: flags.id,
          patientId: flags.patientId,
          givenName: patients.givenName,
          familyName: patients.familyName,
          therapistName: therapist.name,
          kind: flags.kind,
          keys: flags.keys,
          action: flags.action,
          reason: flags.reason,
          status: flags.status,
          statusByName: statusUser.name,
          statusAt: flags.statusAt,
          resolutionNote: flags.resolutionNote,
          referralTarget: flags.referralTarget,
          referralDate: flags.referralDate,
          referralGoal: flags.referralGoal,
          raisedOn: flags.raisedOn,
          // Every matching flag, not just this page's (the window runs before the limit).
          total: sql<number>`count(*) over ()`.mapWith(Number),
          referral: sql<boolean>`${isReferral}`,
          adherencePrograms: sql<
            typeof adherencePrograms._.type
          >`case when ${isReferral} then ${adherencePrograms} else '[]'::json end`,
          adherenceLogs: sql<
            typeof adherenceLogs._.type
          >`case when ${isReferral} then ${adherenceLogs} else '[]'::json end`,
        })
        .from(flags)
        .innerJoin(patients, eq(patients.id, flags.patientId))
        .leftJoin(therapist, eq(therapist.id, patients.primaryTherapistId))
        .leftJoin(statusUser, eq(statusUser.id, flags.statusBy))
        .where(where)
        // The id last: a stable order, so that no flag is on two pages (or none).
        .orderBy(byUrgency, desc(flags.raisedOn), desc(flags.createdAt), flags.id)
        .limit(sql.placeholder("limit"))
        .offset(sql.placeholder("offset"))
        .prepare("clinic_flags_page"),
    };
  },
);

/**
 * Staff: one page of the clinic's flags as last computed, most urgent first, filtered by kind,
 * status and primary therapist, how many match in all, and the adherence beside referral flags:
 * one statement, whatever the number (two more for a page past the end: the count, then the
 * last page).
 */
export async function listClinicFlags(
  viewer: Viewer,
  filter: FlagFilter,
): Promise<{ flags: ClinicFlagDto[]; total: number; page: number; pages: number }> {
  const db = await getDb();
  await requireStaff(db, viewer, "flag.list");
  const statements = clinicFlagsQuery(db, {
    status: filter.status,
    kind: Boolean(filter.kind),
    therapist: Boolean(filter.therapist),
  });
  const today = todayIn(viewer.clinicTimeZone);
  const values = {
    clinicId: viewer.clinicId,
    kind: filter.kind ?? "",
    therapist: filter.therapist ?? "",
  };
  const pageAt = (page: number) =>
    statements.page.execute({
      ...values,
      ...adherenceWindow(today),
      limit: FLAGS_PAGE_SIZE,
      offset: (page - 1) * FLAGS_PAGE_SIZE,
    });
  let page = filter.page;
  let rows = await pageAt(page);
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && page > 1) {
    // Past the end (a typed address, or flags resolved since): the last page instead.
    const [counted] = await statements.count.execute(values);
    total = counted?.total ?? 0;
    page = Math.max(1, Math.ceil(total / FLAGS_PAGE_SIZE));
    rows = total > 0 ? await pageAt(page) : [];
  }
  const pages = Math.max(1, Math.ceil(total / FLAGS_PAGE_SIZE));
  await audit(db, viewer, {
    action: "flag.list",
    entityType: "flags",
    details: { count: rows.length, total, page },
  });
  return {
    flags: rows.map(
      ({
        givenName,
        familyName,
        statusAt,
        keys,
        total: _total,
        referral,
        adherencePrograms,
        adherenceLogs,
        ...r
      }) => ({
        ...r,
        keys: keys as Key[],
        patientName: `${givenName} ${familyName}`,
        statusAt: statusAt?.toISOString() ?? null,
        adherence14: referral ? adherence14({ adherencePrograms, adherenceLogs }, today) : null,
      }),
    ),
    total,
    page,
    pages,
  };
}

/**
 * Staff: acknowledge, refer (target, date, goal) or dismiss (reason required) a flag. The user's
 * view of the status travels with the request: if someone else acted first, ConflictError.
 */
export async function actOnFlag(viewer: Viewer, input: FlagActionInput): Promise<void> {
  const db = await getDb();
  await requireStaff(db, viewer, `flag.${input.command}`);
  await requireVisiblePatient(db, viewer, input.patientId, `flag.${input.command}`);
  if (input.command === "refer" && input.referralDate > todayIn(viewer.clinicTimeZone)) {
    throw new FieldError({ referralDate: ["The referral date cannot be in the future."] });
  }
  const allowed: Record<FlagActionInput["command"], FlagStatus[]> = {
    acknowledge: ["open"],
    refer: ["open", "acknowledged"],
    dismiss: ["open", "acknowledged"],
  };
  if (!allowed[input.command].includes(input.expectedStatus)) {
    throw new ConflictError(
      "This flag has already been dealt with. Reload the page to see its current state.",
    );
  }
  const status: FlagStatus =
    input.command === "acknowledge"
      ? "acknowledged"
      : input.command === "refer"
        ? "referred"
        : "dismissed";
  await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(flags)
      .set({
        status,
        statusBy: viewer.userId,
        statusAt: new Date(),
        resolutionNote: input.note ?? null,
        ...(input.command === "refer"
          ? {
              referralTarget: input.referralTarget,
              referralDate: input.referralDate,
              referralGoal: input.referralGoal,
            }
          : {}),
        updatedAt: new Date(),
      })
      .where(
        and(
          eq(flags.id, input.flagId),
          eq(flags.patientId, input.patientId),
          eq(flags.clinicId, viewer.clinicId),
          eq(flags.status, input.expectedStatus),
        ),
      )
      .returning({ id: flags.id, kind: flags.kind });
    if (!updated) {
      const [exists] = await tx
        .select({ id: flags.id })
        .from(flags)
        .where(
          and(
            eq(flags.id, input.flagId),
            eq(flags.patientId, input.patientId),
            eq(flags.clinicId, viewer.clinicId),
          ),
        );
      if (!exists) throw new NotFoundError("flag");
      throw new ConflictError(
        "Someone else acted on this flag at the same time. Reload the page to see its current state.",
      );
    }
    await audit(tx, viewer, {
      action: `flag.${input.command}`,
      entityType: "flag",
      entityId: updated.id,
      patientId: input.patientId,
      details: {
        kind: updated.kind,
        ...(input.command === "refer"
          ? { target: input.referralTarget, goal: input.referralGoal, date: input.referralDate }
          : {}),
      },
    });
  });
}
