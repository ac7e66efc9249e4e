import "server-only";
import { and, count, eq, isNull } from "drizzle-orm";
import QRCode from "qrcode";
import { getDb, type Tx } from "@/db/client";
import { clinics, mfaRecoveryCodes, users } from "@/db/schema";
import type { EnrolmentUser } from "@/lib/auth/load-viewer";
import {
  decryptTotpSecret,
  encryptTotpSecret,
  hashRecoveryCode,
  matchTotp,
  newRecoveryCodes,
  newTotpSecret,
  signTicket,
  totpUri,
} from "@/lib/auth/mfa-crypto";
import { verifyPassword } from "@/lib/auth/password";
import type { Role, Viewer } from "@/lib/auth/viewer-type";
import { audit } from "./audit";
import { FieldError, RuleError } from "./errors";

/** Who is acting: a full Viewer, or the user of an enrolment-only session. */
type Actor = Pick<EnrolmentUser, "userId" | "role" | "clinicId" | "email" | "ip">;

const actorOf = (a: Actor) => ({ userId: a.userId, role: a.role });
const isStaffRole = (role: Role) => role === "therapist" || role === "admin";

export interface MfaStatus {
  enabled: boolean;
  enabledAt: Date | null;
  recoveryCodesLeft: number;
  /** The clinic requires two-step sign-in for this user's role. */
  required: boolean;
}

/** The signed-in user: their own two-step sign-in status. */
export async function getMfaStatus(user: Actor): Promise<MfaStatus> {
  const db = await getDb();
  const [row] = await db
    .select({ enabledAt: users.totpEnabledAt, requireStaffMfa: clinics.requireStaffMfa })
    .from(users)
    .innerJoin(clinics, eq(clinics.id, users.clinicId))
    .where(eq(users.id, user.userId));
  const [left] = await db
    .select({ n: count() })
    .from(mfaRecoveryCodes)
    .where(and(eq(mfaRecoveryCodes.userId, user.userId), isNull(mfaRecoveryCodes.usedAt)));
  return {
    enabled: Boolean(row?.enabledAt),
    enabledAt: row?.enabledAt ?? null,
    recoveryCodesLeft: row?.enabledAt ? (left?.n ?? 0) : 0,
    required: Boolean(row?.requireStaffMfa) && isStaffRole(user.role),
  };
}

export interface PendingEnrolment {
  /** Base32, for typing into an authenticator app by hand. */
  secret: string;
  uri: string;
  /** The otpauth URI as an SVG QR code (a data: URL for an <img>). */
  qrDataUrl: string;
}

/**
 * The signed-in user: the secret to enrol (kept encrypted, not yet active until confirmed with a
 * code). The same pending secret is shown again on reload; null when already enrolled.
 */
export async function pendingEnrolment(user: Actor): Promise<PendingEnrolment | null> {
  const db = await getDb();
  const [row] = await db
    .select({ enc: users.totpSecretEnc, enabledAt: users.totpEnabledAt })
    .from(users)
    .where(eq(users.id, user.userId));
  if (!row || row.enabledAt) return null;
  let secret = row.enc ? decryptTotpSecret(row.enc) : null;
  if (!secret) {
    secret = newTotpSecret();
    const [stored] = await db
      .update(users)
      .set({ totpSecretEnc: encryptTotpSecret(secret) })
      .where(and(eq(users.id, user.userId), isNull(users.totpSecretEnc)))
      .returning({ id: users.id });
    if (!stored) return pendingEnrolment(user); // another tab stored one first: show that one
  }
  const uri = totpUri(secret, user.email);
  const svg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return {
    secret,
    uri,
    qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`,
  };
}

async function replaceRecoveryCodes(tx: Tx, userId: string, now: Date): Promise<string[]> {
  const codes = newRecoveryCodes();
  await tx.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, userId));
  await tx
    .insert(mfaRecoveryCodes)
    .values(codes.map((c) => ({ userId, codeHash: hashRecoveryCode(c), createdAt: now })));
  return codes;
}

/**
 * The signed-in user: confirm enrolment with a first code from the app. Turns two-step sign-in
 * on and issues 10 recovery codes (shown once). The returned ticket lets the caller replace
 * this session (perhaps enrolment-only) by a full one once the codes were noted.
 */
export async function confirmEnrolment(
  user: Actor,
  code: string,
  now: Date = new Date(),
): Promise<{ recoveryCodes: string[]; ticket: string }> {
  const db = await getDb();
  const [row] = await db
    .select({ enc: users.totpSecretEnc, enabledAt: users.totpEnabledAt })
    .from(users)
    .where(eq(users.id, user.userId));
  if (row?.enabledAt) throw new RuleError("Two-step sign-in is already on for your account.");
  if (!row?.enc) throw new RuleError("Reload the page to get a new secret, then try again.");
  const step = matchTotp(decryptTotpSecret(row.enc), code, now);
  if (step === null) {
    await audit(db, null, {
      action: "mfa.enrol",
      outcome: "failure",
      entityType: "user",
      entityId: user.userId,
      clinicId: user.clinicId,
      ip: user.ip,
      actor: actorOf(user),
      details: { reason: "wrong_code" },
    });
    throw new FieldError({
      code: [
        "That code did not match. Enter the 6 digits your app shows now; check that your phone's clock is set automatically.",
      ],
    });
  }
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(users)
      .set({ totpEnabledAt: now, totpLastStep: step })
      .where(and(eq(users.id, user.userId), isNull(users.totpEnabledAt)))
      .returning({ sessionVersion: users.sessionVersion });
    if (!updated) throw new RuleError("Two-step sign-in is already on for your account.");
    const recoveryCodes = await replaceRecoveryCodes(tx, user.userId, now);
    await audit(tx, null, {
      action: "mfa.enrol",
      entityType: "user",
      entityId: user.userId,
      clinicId: user.clinicId,
      ip: user.ip,
      actor: actorOf(user),
    });
    const ticket = signTicket(
      { userId: user.userId, sessionVersion: updated.sessionVersion, purpose: "enrolled" },
      now,
    );
    return { recoveryCodes, ticket };
  });
}

/** The signed-in user: new recovery codes (the old ones stop working), shown once. */
export async function regenerateRecoveryCodes(
  viewer: Viewer,
  now: Date = new Date(),
): Promise<string[]> {
  const db = await getDb();
  const status = await getMfaStatus(viewer);
  if (!status.enabled) throw new RuleError("Turn on two-step sign-in first.");
  return db.transaction(async (tx) => {
    const codes = await replaceRecoveryCodes(tx, viewer.userId, now);
    await audit(tx, viewer, {
      action: "mfa.recovery_codes_regenerated",
      entityType: "user",
      entityId: viewer.userId,
    });
    return codes;
  });
}

/**
 * The signed-in user: turn two-step sign-in off, after confirming their password. Refused for
 * therapists and admins of a clinic that requires it.
 */
export async function disableMfa(viewer: Viewer, input: { password: string }): Promise<void> {
  const db = await getDb();
  const status = await getMfaStatus(viewer);
  if (!status.enabled) throw new RuleError("Two-step sign-in is already off.");
  if (status.required) {
    await audit(db, viewer, {
      action: "mfa.disable",
      outcome: "denied",
      entityType: "user",
      entityId: viewer.userId,
      details: { reason: "required_by_clinic" },
    });
    throw new RuleError(
      "Your clinic requires two-step sign-in for therapists and admins, so it cannot be turned off.",
    );
  }
  const [row] = await db
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, viewer.userId));
  const ok = row?.passwordHash ? await verifyPassword(row.passwordHash, input.password) : false;
  if (!ok) {
    await audit(db, viewer, {
      action: "mfa.disable",
      outcome: "failure",
      entityType: "user",
      entityId: viewer.userId,
      details: { reason: "wrong_password" },
    });
    throw new FieldError({ password: ["That is not your current password."] });
  }
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ totpSecretEnc: null, totpEnabledAt: null })
      .where(eq(users.id, viewer.userId));
    await tx.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, viewer.userId));
    await audit(tx, viewer, { action: "mfa.disable", entityType: "user", entityId: viewer.userId });
  });
}
