import "server-only";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { type Db, getDb } from "@/db/client";
import { accountCodes, patients, users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import type { Viewer } from "@/lib/auth/viewer-type";
import { audit, auditDenied } from "./audit";
import { CODE_VALID_DAYS, hashCode, newOneTimeCode } from "./codes";
import { FieldError, NotFoundError } from "./errors";
import { isUuid, requireStaff } from "./guards";
import { visiblePatientWhere } from "./patients";

/**
 * Staff of the patient's clinic: a one-time invite code for the patient to set their password
 * (also for a patient who lost access). Earlier unused codes stop working. The code is returned
 * once and stored only as a hash.
 */
export async function issuePatientInvite(
  viewer: Viewer,
  patientId: string,
): Promise<{ code: string; expiresAt: string }> {
  const db = await getDb();
  await requireStaff(db, viewer, "invite.issue");
  const [patient] = isUuid(patientId)
    ? await db
        .select({ id: patients.id, archivedAt: patients.archivedAt })
        .from(patients)
        .where(visiblePatientWhere(viewer, patientId))
    : [];
  if (!patient) {
    await auditDenied(db, viewer, "invite.issue", "patient", isUuid(patientId) ? patientId : null);
    throw new NotFoundError("patient");
  }
  const code = newOneTimeCode();
  const expiresAt = new Date(Date.now() + CODE_VALID_DAYS * 86_400_000);
  await db.transaction(async (tx) => {
    await tx
      .update(accountCodes)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(accountCodes.patientId, patientId),
          isNull(accountCodes.usedAt),
          isNull(accountCodes.revokedAt),
        ),
      );
    await tx.insert(accountCodes).values({
      kind: "patient_invite",
      clinicId: viewer.clinicId,
      patientId,
      codeHash: hashCode(code),
      createdBy: viewer.userId,
      expiresAt,
    });
    await audit(tx, viewer, {
      action: "invite.issue",
      entityType: "patient",
      entityId: patientId,
      patientId,
    });
  });
  return { code, expiresAt: expiresAt.toISOString() };
}

const INVALID_CODE =
  "This code is not valid. It may have expired or been used already; ask your clinic for a new one.";

/**
 * Anyone with a valid code: set a password. A patient invite creates the patient's login (or
 * resets it if they had one); a reset code sets a staff member's password. Single use, even when
 * redeemed twice at once: the code is claimed with a conditional UPDATE.
 */
export async function redeemCode(
  input: { code: string; email: string; password: string },
  ip: string | null,
  now = new Date(),
): Promise<{ email: string }> {
  const db = await getDb();
  const passwordHash = await hashPassword(input.password);
  try {
    return await claimCode(db, input, passwordHash, ip, now);
  } catch (error) {
    // A failed redemption is audited after the transaction rolled back (inside it, the event
    // would roll back with it): no actor, the client address, which field was refused.
    if (error instanceof FieldError)
      await audit(db, null, {
        action: "code.redeem",
        outcome: "failure",
        ip,
        details: { reason: Object.keys(error.fieldErrors).join(",") || "invalid_code" },
      });
    throw error;
  }
}

async function claimCode(
  db: Db,
  input: { code: string; email: string; password: string },
  passwordHash: string,
  ip: string | null,
  now: Date,
): Promise<{ email: string }> {
  return db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(accountCodes)
      .set({ usedAt: now })
      .where(
        and(
          eq(accountCodes.codeHash, hashCode(input.code)),
          isNull(accountCodes.usedAt),
          isNull(accountCodes.revokedAt),
          gt(accountCodes.expiresAt, now),
        ),
      )
      .returning();
    if (!claimed) throw new FieldError({ code: [INVALID_CODE] }, INVALID_CODE);

    let userId: string | null = claimed.userId;
    if (claimed.kind === "patient_invite") {
      const [patient] = await tx
        .select({
          id: patients.id,
          userId: patients.userId,
          name: sql<string>`${patients.givenName} || ' ' || ${patients.familyName}`,
        })
        .from(patients)
        .where(
          and(eq(patients.id, claimed.patientId ?? ""), eq(patients.clinicId, claimed.clinicId)),
        );
      if (!patient) throw new FieldError({ code: [INVALID_CODE] }, INVALID_CODE);
      userId = patient.userId;
      if (!userId) {
        const [taken] = await tx
          .select({ id: users.id })
          .from(users)
          .where(eq(sql`lower(${users.email})`, input.email));
        if (taken)
          throw new FieldError({
            email: [
              "This email is already used by another account. Use another one, or ask your clinic.",
            ],
          });
        const [created] = await tx
          .insert(users)
          .values({
            clinicId: claimed.clinicId,
            role: "patient",
            email: input.email,
            name: patient.name,
            passwordHash,
            passwordChangedAt: now,
          })
          .returning({ id: users.id });
        if (!created) throw new Error("insert returned no row");
        await tx.update(patients).set({ userId: created.id }).where(eq(patients.id, patient.id));
        await audit(tx, null, {
          action: "code.redeem",
          entityType: "user",
          entityId: created.id,
          patientId: patient.id,
          clinicId: claimed.clinicId,
          ip,
          details: { kind: claimed.kind, created: true },
        });
        return { email: input.email };
      }
    }

    const [account] = await tx
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(eq(users.id, userId ?? ""));
    if (!account) throw new FieldError({ code: [INVALID_CODE] }, INVALID_CODE);
    if (account.email.toLowerCase() !== input.email) {
      throw new FieldError({ email: ["Enter the email address of your existing account."] });
    }
    await tx
      .update(users)
      .set({
        passwordHash,
        passwordChangedAt: now,
        failedLoginCount: 0,
        lockedUntil: null,
        sessionVersion: sql`${users.sessionVersion} + 1`,
      })
      .where(eq(users.id, account.id));
    await audit(tx, null, {
      action: "code.redeem",
      entityType: "user",
      entityId: account.id,
      patientId: claimed.patientId,
      clinicId: claimed.clinicId,
      ip,
      details: { kind: claimed.kind, created: false },
    });
    return { email: account.email };
  });
}
