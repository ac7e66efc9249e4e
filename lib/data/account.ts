import "server-only";
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import type { Viewer } from "@/lib/auth/viewer-type";
import { audit } from "./audit";
import { FieldError } from "./errors";

/**
 * Any signed-in user: change their own password. Bumps the session version, which ends every
 * session of this user (the caller signs the current one out too).
 */
export async function changeOwnPassword(
  viewer: Viewer,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const db = await getDb();
  const [row] = await db
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, viewer.userId));
  const ok = row?.passwordHash
    ? await verifyPassword(row.passwordHash, input.currentPassword)
    : false;
  if (!ok) {
    await audit(db, viewer, {
      action: "account.password_change",
      outcome: "failure",
      entityType: "user",
      entityId: viewer.userId,
    });
    throw new FieldError({ currentPassword: ["That is not your current password."] });
  }
  if (input.currentPassword === input.newPassword) {
    throw new FieldError({ newPassword: ["Choose a password different from the current one."] });
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({
        passwordHash,
        passwordChangedAt: new Date(),
        sessionVersion: sql`${users.sessionVersion} + 1`,
      })
      .where(eq(users.id, viewer.userId));
    await audit(tx, viewer, {
      action: "account.password_change",
      entityType: "user",
      entityId: viewer.userId,
    });
  });
}

/**
 * Any signed-in user (or an enrolment-only session): sign out. Bumping the session version
 * invalidates every copy of the token.
 */
export async function endSessions(
  user: Pick<Viewer, "userId" | "role" | "clinicId" | "ip">,
): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, user.userId));
    await audit(tx, null, {
      action: "auth.logout",
      entityType: "user",
      entityId: user.userId,
      actor: { userId: user.userId, role: user.role },
      clinicId: user.clinicId,
      ip: user.ip,
    });
  });
}
