import { and, count, eq, gt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { loginAttempts, users } from "@/db/schema";
import { audit } from "@/lib/data/audit";
import { loginLimits } from "./config-limits";
import { burnPasswordCheck, verifyPassword } from "./password";
import type { Role } from "./viewer-type";

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
): Promise<AuthenticatedUser | null> {
  const limits = loginLimits();
  const email = input.email.trim().toLowerCase().slice(0, 254);
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
  if ((ipFailures?.n ?? 0) >= limits.maxIpFailures) {
    await burnPasswordCheck(password);
    return fail("ip_throttled");
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
    })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email))
    .limit(1);

  if (!user?.passwordHash) {
    await burnPasswordCheck(password);
    return fail(user ? "no_password_set" : "unknown_email", user);
  }
  const passwordOk = await verifyPassword(user.passwordHash, password);
  if (user.disabled) return fail("disabled", user);
  if (user.lockedUntil && user.lockedUntil > now) return fail("locked", user);

  if (!passwordOk) {
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
        ip: input.ip,
        details: { lockedUntil: updated.lockedUntil.toISOString() },
      });
    }
    return fail("wrong_password", user);
  }

  await db
    .update(users)
    .set({ failedLoginCount: 0, lockedUntil: null })
    .where(eq(users.id, user.id));
  await db.insert(loginAttempts).values({ email, ip, succeeded: true, createdAt: now });
  await audit(db, null, {
    action: "auth.login",
    entityType: "user",
    entityId: user.id,
    clinicId: user.clinicId,
    ip: input.ip,
    actor: { userId: user.id, role: user.role },
  });
  return {
    id: user.id,
    role: user.role,
    clinicId: user.clinicId,
    sessionVersion: user.sessionVersion,
    name: user.name,
    email: user.email,
  };
}
