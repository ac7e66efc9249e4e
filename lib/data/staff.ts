import "server-only";
import { and, asc, eq, isNotNull, isNull, ne, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { prepared } from "@/db/prepared";
import { accountCodes, mfaRecoveryCodes, users } from "@/db/schema";
import type { Viewer } from "@/lib/auth/viewer-type";
import { audit, auditDenied } from "./audit";
import { CODE_VALID_DAYS, hashCode, newOneTimeCode } from "./codes";
import { FieldError, NotFoundError, RuleError } from "./errors";
import { isUuid, requireAdmin, requireStaff } from "./guards";

export interface TherapistOption {
  id: string;
  name: string;
}

export interface StaffAccount {
  id: string;
  name: string;
  email: string;
  role: "admin" | "therapist";
  disabled: boolean;
  lockedUntil: string | null;
  hasPassword: boolean;
  /** Two-step sign-in is on (an authenticator app is enrolled). */
  mfaEnabled: boolean;
}

/** Staff: the clinic's active therapists and admins, for "primary therapist" choices. */
/** The clinic's active staff, by name (db/prepared: every patient page and /flags read it). */
const therapistOptionsQuery = prepared((db) =>
  db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(
      and(
        eq(users.clinicId, sql.placeholder("clinicId")),
        ne(users.role, "patient"),
        eq(users.disabled, false),
      ),
    )
    .orderBy(asc(users.name))
    .prepare("therapist_options"),
);

export async function listTherapistOptions(viewer: Viewer): Promise<TherapistOption[]> {
  const db = await getDb();
  await requireStaff(db, viewer, "staff.options");
  return therapistOptionsQuery(db).execute({ clinicId: viewer.clinicId });
}

/** Admin: the clinic's staff accounts. */
export async function listStaffAccounts(viewer: Viewer, now = new Date()): Promise<StaffAccount[]> {
  const db = await getDb();
  await requireAdmin(db, viewer, "staff.list");
  const rows = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      disabled: users.disabled,
      lockedUntil: users.lockedUntil,
      hasPassword: sql<boolean>`${users.passwordHash} is not null`,
      mfaEnabled: sql<boolean>`${users.totpEnabledAt} is not null`,
    })
    .from(users)
    .where(and(eq(users.clinicId, viewer.clinicId), ne(users.role, "patient")))
    .orderBy(asc(users.name));
  return rows.map((r) => ({
    ...r,
    role: r.role === "admin" ? "admin" : "therapist",
    lockedUntil: r.lockedUntil && r.lockedUntil > now ? r.lockedUntil.toISOString() : null,
  }));
}

async function findStaffOfClinic(viewer: Viewer, userId: string, action: string) {
  const db = await getDb();
  await requireAdmin(db, viewer, action);
  const [row] = isUuid(userId)
    ? await db
        .select({ id: users.id, email: users.email })
        .from(users)
        .where(
          and(eq(users.id, userId), eq(users.clinicId, viewer.clinicId), ne(users.role, "patient")),
        )
    : [];
  if (!row) {
    await auditDenied(db, viewer, action, "user", isUuid(userId) ? userId : null);
    throw new NotFoundError("account");
  }
  return { db, user: row };
}

/**
 * Admin: create a therapist (or admin) account. The new user sets a password with the returned
 * one-time code at /invite; no password ever passes through the admin.
 */
export async function createStaffAccount(
  viewer: Viewer,
  input: { name: string; email: string; role: "therapist" | "admin" },
): Promise<{ id: string; code: string; expiresAt: string }> {
  const db = await getDb();
  await requireAdmin(db, viewer, "staff.create");
  const [taken] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(sql`lower(${users.email})`, input.email));
  if (taken) throw new FieldError({ email: ["An account with this email already exists."] });
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(users)
      .values({ clinicId: viewer.clinicId, role: input.role, email: input.email, name: input.name })
      .returning({ id: users.id });
    if (!created) throw new Error("insert returned no row");
    const code = newOneTimeCode();
    const expiresAt = new Date(Date.now() + CODE_VALID_DAYS * 86_400_000);
    await tx.insert(accountCodes).values({
      kind: "password_reset",
      clinicId: viewer.clinicId,
      userId: created.id,
      codeHash: hashCode(code),
      createdBy: viewer.userId,
      expiresAt,
    });
    await audit(tx, viewer, {
      action: "staff.create",
      entityType: "user",
      entityId: created.id,
      details: { role: input.role },
    });
    return { id: created.id, code, expiresAt: expiresAt.toISOString() };
  });
}

/** Admin: disable or re-enable a staff account. Disabling ends its sessions at once. */
export async function setStaffDisabled(
  viewer: Viewer,
  userId: string,
  disabled: boolean,
): Promise<void> {
  const { db } = await findStaffOfClinic(viewer, userId, "staff.disable");
  if (userId === viewer.userId) throw new RuleError("You cannot disable your own account.");
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ disabled, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(and(eq(users.id, userId), eq(users.clinicId, viewer.clinicId)));
    await audit(tx, viewer, {
      action: disabled ? "staff.disable" : "staff.enable",
      entityType: "user",
      entityId: userId,
    });
  });
}

/** Admin: lift a login lockout. */
export async function unlockStaffAccount(viewer: Viewer, userId: string): Promise<void> {
  const { db } = await findStaffOfClinic(viewer, userId, "staff.unlock");
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ lockedUntil: null, failedLoginCount: 0 })
      .where(and(eq(users.id, userId), eq(users.clinicId, viewer.clinicId)));
    await audit(tx, viewer, { action: "staff.unlock", entityType: "user", entityId: userId });
  });
}

/**
 * Admin: turn off two-step sign-in for a staff member who lost their authenticator app and
 * recovery codes. Their recovery codes are deleted and their sessions end; they set it up again at
 * their next sign-in (required when the clinic requires it). Not for one's own account (Account →
 * Two-step sign-in does that, with the password).
 */
export async function resetStaffMfa(viewer: Viewer, userId: string): Promise<void> {
  const { db } = await findStaffOfClinic(viewer, userId, "staff.mfa_reset");
  if (userId === viewer.userId)
    throw new RuleError("Turn off your own two-step sign-in under Account, with your password.");
  await db.transaction(async (tx) => {
    const [changed] = await tx
      .update(users)
      .set({
        totpSecretEnc: null,
        totpEnabledAt: null,
        sessionVersion: sql`${users.sessionVersion} + 1`,
      })
      .where(
        and(
          eq(users.id, userId),
          eq(users.clinicId, viewer.clinicId),
          isNotNull(users.totpEnabledAt),
        ),
      )
      .returning({ id: users.id });
    if (!changed) throw new RuleError("Two-step sign-in is not on for this account.");
    await tx.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, userId));
    await audit(tx, viewer, { action: "staff.mfa_reset", entityType: "user", entityId: userId });
  });
}

/** Admin: a one-time reset code for a staff member who lost their password (earlier codes stop working). */
export async function issueStaffResetCode(
  viewer: Viewer,
  userId: string,
): Promise<{ code: string; expiresAt: string }> {
  const { db } = await findStaffOfClinic(viewer, userId, "staff.reset");
  const code = newOneTimeCode();
  const expiresAt = new Date(Date.now() + CODE_VALID_DAYS * 86_400_000);
  await db.transaction(async (tx) => {
    await tx
      .update(accountCodes)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(accountCodes.userId, userId),
          isNull(accountCodes.usedAt),
          isNull(accountCodes.revokedAt),
        ),
      );
    await tx.insert(accountCodes).values({
      kind: "password_reset",
      clinicId: viewer.clinicId,
      userId,
      codeHash: hashCode(code),
      createdBy: viewer.userId,
      expiresAt,
    });
    await audit(tx, viewer, { action: "staff.reset_code", entityType: "user", entityId: userId });
  });
  return { code, expiresAt: expiresAt.toISOString() };
}
