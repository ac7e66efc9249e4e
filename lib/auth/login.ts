import { and, count, eq, gt, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clinics, loginAttempts, mfaRecoveryCodes, users } from "@/db/schema";
import { audit } from "@/lib/data/audit";
import { loginLimits } from "./config-limits";
import {
  decryptTotpSecret,
  hashRecoveryCode,
  looksLikeTotp,
  matchTotp,
  signTicket,
  verifyTicket,
} from "./mfa-crypto";
import { burnPasswordCheck, verifyPassword } from "./password";
import type { Role } from "./viewer-type";

/** The hashing verifyLogin does; injectable so a test can prove an unknown email still hashes. */
export interface PasswordChecker {
  verifyPassword: (passwordHash: string, password: string) => Promise<boolean>;
  burnPasswordCheck: (password: string) => Promise<false>;
}
const realChecker: PasswordChecker = { verifyPassword, burnPasswordCheck };

/**
 * What the password step leads to: `none` = signed in; `totp` = the user must now enter a code
 * (the `challenge` carries the sign-in to that step); `setup` = staff of a clinic that requires
 * two-step sign-in who have not enrolled: a session that can only reach the enrolment page.
 */
export type MfaStep = { mfa: "none" } | { mfa: "totp"; challenge: string } | { mfa: "setup" };

const isStaffRole = (role: Role) => role === "therapist" || role === "admin";

export interface AuthenticatedUser {
  id: string;
  role: Role;
  clinicId: string;
  sessionVersion: number;
  name: string;
  email: string;
}

/**
 * Check a login. Unknown email, wrong password, disabled or locked account all return null
 * after the same hashing work; the reason is only in the audit log. Throttling is kept in the
 * database so that it holds across app instances.
 */
export async function verifyLogin(
  db: Db,
  input: { email: string; password: string; ip: string | null },
  now: Date = new Date(),
  checker: PasswordChecker = realChecker,
): Promise<(AuthenticatedUser & MfaStep) | null> {
  // NUL cannot be stored in PostgreSQL text (nor can it be in an email address): such an input
  // matches no account, and is recorded without it.
  const malformed = input.email.includes("\u0000");
  const email = input.email.replaceAll("\u0000", "").trim().toLowerCase().slice(0, 254);
  const ip = input.ip ?? "unknown";
  const password = input.password.slice(0, 1024);

  const fail = async (reason: string, user?: { id: string; clinicId: string; role: Role }) => {
    await db.insert(loginAttempts).values({ email, ip, succeeded: false, createdAt: now });
    await audit(db, null, {
      action: "auth.login",
      outcome: "failure",
      entityType: "user",
      entityId: user?.id ?? null,
      clinicId: user?.clinicId ?? null,
      ip: input.ip,
      details: { email, reason },
    });
    return null;
  };

  if (await ipThrottled(db, ip, now)) {
    await checker.burnPasswordCheck(password);
    return fail("ip_throttled");
  }
  if (malformed) {
    await checker.burnPasswordCheck(password);
    return fail("malformed_email");
  }

  const [user] = await db
    .select({
      id: users.id,
      role: users.role,
      clinicId: users.clinicId,
      name: users.name,
      email: users.email,
      passwordHash: users.passwordHash,
      disabled: users.disabled,
      sessionVersion: users.sessionVersion,
      lockedUntil: users.lockedUntil,
      totpEnabledAt: users.totpEnabledAt,
      requireStaffMfa: clinics.requireStaffMfa,
    })
    .from(users)
    .innerJoin(clinics, eq(clinics.id, users.clinicId))
    .where(eq(sql`lower(${users.email})`, email))
    .limit(1);

  if (!user?.passwordHash) {
    await checker.burnPasswordCheck(password);
    return fail(user ? "no_password_set" : "unknown_email", user);
  }
  const passwordOk = await checker.verifyPassword(user.passwordHash, password);
  if (user.disabled) return fail("disabled", user);
  if (user.lockedUntil && user.lockedUntil > now) return fail("locked", user);

  if (!passwordOk) {
    await countAccountFailure(db, user, input.ip, now);
    return fail("wrong_password", user);
  }

  const profile: AuthenticatedUser = {
    id: user.id,
    role: user.role,
    clinicId: user.clinicId,
    sessionVersion: user.sessionVersion,
    name: user.name,
    email: user.email,
  };
  if (user.totpEnabledAt) {
    // The failure count is NOT reset here: wrong codes keep counting towards the lockout, or a
    // known password would allow unlimited guesses at the code.
    await audit(db, null, {
      action: "auth.password_ok",
      entityType: "user",
      entityId: user.id,
      clinicId: user.clinicId,
      ip: input.ip,
      actor: { userId: user.id, role: user.role },
      details: { next: "mfa_code" },
    });
    return {
      ...profile,
      mfa: "totp",
      challenge: signTicket(
        { userId: user.id, sessionVersion: user.sessionVersion, purpose: "mfa" },
        now,
      ),
    };
  }
  const setupOnly = user.requireStaffMfa && isStaffRole(user.role);
  await recordSuccess(db, profile, { email, ip: input.ip, now, method: "password", setupOnly });
  return setupOnly ? { ...profile, mfa: "setup" } : { ...profile, mfa: "none" };
}

async function ipThrottled(db: Db, ip: string, now: Date): Promise<boolean> {
  const limits = loginLimits();
  const windowStart = new Date(now.getTime() - limits.ipWindowMinutes * 60_000);
  const [ipFailures] = await db
    .select({ n: count() })
    .from(loginAttempts)
    .where(
      and(
        eq(loginAttempts.ip, ip),
        eq(loginAttempts.succeeded, false),
        gt(loginAttempts.createdAt, windowStart),
      ),
    );
  return (ipFailures?.n ?? 0) >= limits.maxIpFailures;
}

/** One more failure for this account; the one that reaches the limit locks it (audited). */
async function countAccountFailure(
  db: Db,
  user: { id: string; clinicId: string },
  ip: string | null,
  now: Date,
) {
  const limits = loginLimits();
  const [updated] = await db
    .update(users)
    .set({
      failedLoginCount: sql`case when ${users.failedLoginCount} + 1 >= ${limits.maxAccountFailures} then 0 else ${users.failedLoginCount} + 1 end`,
      lockedUntil: sql`case when ${users.failedLoginCount} + 1 >= ${limits.maxAccountFailures} then ${new Date(now.getTime() + limits.lockMinutes * 60_000).toISOString()}::timestamptz else ${users.lockedUntil} end`,
    })
    .where(eq(users.id, user.id))
    .returning({ lockedUntil: users.lockedUntil });
  if (updated?.lockedUntil && updated.lockedUntil > now) {
    await audit(db, null, {
      action: "auth.lockout",
      outcome: "success",
      entityType: "user",
      entityId: user.id,
      clinicId: user.clinicId,
      ip,
      details: { lockedUntil: updated.lockedUntil.toISOString() },
    });
  }
}

async function recordSuccess(
  db: Db,
  user: AuthenticatedUser,
  context: {
    email: string;
    ip: string | null;
    now: Date;
    method: "password" | "totp" | "recovery_code";
    setupOnly?: boolean;
  },
) {
  await db
    .update(users)
    .set({ failedLoginCount: 0, lockedUntil: null })
    .where(eq(users.id, user.id));
  await db.insert(loginAttempts).values({
    email: context.email,
    ip: context.ip ?? "unknown",
    succeeded: true,
    createdAt: context.now,
  });
  await audit(db, null, {
    action: "auth.login",
    entityType: "user",
    entityId: user.id,
    clinicId: user.clinicId,
    ip: context.ip,
    actor: { userId: user.id, role: user.role },
    details: {
      method: context.method,
      ...(context.setupOnly ? { session: "mfa_enrolment_only" } : {}),
    },
  });
}

/**
 * The second step: the signed challenge from the password step plus a 6-digit TOTP code or a
 * one-time recovery code. A wrong code counts towards the account's lockout like a wrong
 * password; a TOTP code is accepted once (its time step must be newer than the last one used).
 */
export async function verifySecondFactor(
  db: Db,
  input: { challenge: string; code: string; ip: string | null },
  now: Date = new Date(),
): Promise<AuthenticatedUser | null> {
  const ip = input.ip ?? "unknown";
  const ticket = verifyTicket(input.challenge, "mfa", now);
  const [user] = ticket
    ? await db
        .select({
          id: users.id,
          role: users.role,
          clinicId: users.clinicId,
          name: users.name,
          email: users.email,
          disabled: users.disabled,
          sessionVersion: users.sessionVersion,
          lockedUntil: users.lockedUntil,
          totpSecretEnc: users.totpSecretEnc,
          totpEnabledAt: users.totpEnabledAt,
        })
        .from(users)
        .where(eq(users.id, ticket.userId))
        .limit(1)
    : [];
  const email = user?.email ?? "";
  const fail = async (reason: string) => {
    await db.insert(loginAttempts).values({ email, ip, succeeded: false, createdAt: now });
    await audit(db, null, {
      action: "mfa.verify",
      outcome: "failure",
      entityType: "user",
      entityId: user?.id ?? null,
      clinicId: user?.clinicId ?? null,
      ip: input.ip,
      details: { reason },
    });
    return null;
  };
  if (!ticket || !user) return fail("challenge_invalid");
  if (await ipThrottled(db, ip, now)) return fail("ip_throttled");
  if (user.disabled) return fail("disabled");
  if (user.sessionVersion !== ticket.sessionVersion) return fail("challenge_stale");
  if (user.lockedUntil && user.lockedUntil > now) return fail("locked");
  if (!user.totpEnabledAt || !user.totpSecretEnc) return fail("mfa_not_enabled");

  let method: "totp" | "recovery_code";
  if (looksLikeTotp(input.code)) {
    method = "totp";
    const step = matchTotp(decryptTotpSecret(user.totpSecretEnc), input.code, now);
    // Claim the step atomically: two requests with the same code cannot both win.
    const claimed =
      step === null
        ? []
        : await db
            .update(users)
            .set({ totpLastStep: step })
            .where(
              and(
                eq(users.id, user.id),
                or(isNull(users.totpLastStep), lt(users.totpLastStep, step)),
              ),
            )
            .returning({ id: users.id });
    if (!claimed.length) {
      await countAccountFailure(db, user, input.ip, now);
      return fail(step === null ? "wrong_code" : "code_reused");
    }
  } else {
    method = "recovery_code";
    const [used] = await db
      .update(mfaRecoveryCodes)
      .set({ usedAt: now })
      .where(
        and(
          eq(mfaRecoveryCodes.userId, user.id),
          eq(mfaRecoveryCodes.codeHash, hashRecoveryCode(input.code.slice(0, 64))),
          isNull(mfaRecoveryCodes.usedAt),
        ),
      )
      .returning({ id: mfaRecoveryCodes.id });
    if (!used) {
      await countAccountFailure(db, user, input.ip, now);
      return fail("wrong_recovery_code");
    }
    const [left] = await db
      .select({ n: count() })
      .from(mfaRecoveryCodes)
      .where(and(eq(mfaRecoveryCodes.userId, user.id), isNull(mfaRecoveryCodes.usedAt)));
    await audit(db, null, {
      action: "mfa.recovery_code_used",
      entityType: "user",
      entityId: user.id,
      clinicId: user.clinicId,
      ip: input.ip,
      actor: { userId: user.id, role: user.role },
      details: { remaining: left?.n ?? 0 },
    });
  }

  const profile: AuthenticatedUser = {
    id: user.id,
    role: user.role,
    clinicId: user.clinicId,
    sessionVersion: user.sessionVersion,
    name: user.name,
    email: user.email,
  };
  await recordSuccess(db, profile, { email, ip: input.ip, now, method });
  return profile;
}

/**
 * After enrolment was confirmed with a first code: the ticket the enrolment action hands to
 * signIn() to replace the session (enrolment-only or full) with a full one.
 */
export async function verifyEnrolledTicket(
  db: Db,
  input: { ticket: string },
  now: Date = new Date(),
): Promise<AuthenticatedUser | null> {
  const ticket = verifyTicket(input.ticket, "enrolled", now);
  if (!ticket) return null;
  const [user] = await db
    .select({
      id: users.id,
      role: users.role,
      clinicId: users.clinicId,
      name: users.name,
      email: users.email,
      disabled: users.disabled,
      sessionVersion: users.sessionVersion,
      totpEnabledAt: users.totpEnabledAt,
    })
    .from(users)
    .where(eq(users.id, ticket.userId))
    .limit(1);
  if (!user || user.disabled || !user.totpEnabledAt) return null;
  if (user.sessionVersion !== ticket.sessionVersion) return null;
  return {
    id: user.id,
    role: user.role,
    clinicId: user.clinicId,
    sessionVersion: user.sessionVersion,
    name: user.name,
    email: user.email,
  };
}
