import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, mfaRecoveryCodes, users } from "@/db/schema";
import { loadViewer } from "@/lib/auth/load-viewer";
import { verifyLogin } from "@/lib/auth/login";
import { totpFor } from "@/lib/auth/mfa-crypto";
import { makeClinic } from "@/lib/testing/fixtures";
import { changeOwnPassword, endSessions } from "./account";
import { NotFoundError, RuleError } from "./errors";
import { redeemCode } from "./invites";
import { confirmEnrolment, getMfaStatus, pendingEnrolment } from "./mfa";
import {
  createStaffAccount,
  issueStaffResetCode,
  listStaffAccounts,
  resetStaffMfa,
  setStaffDisabled,
  unlockStaffAccount,
} from "./staff";

const claimsOf = (
  u: { id: string; role: "admin" | "therapist" | "patient"; clinicId: string },
  sessionVersion = 1,
) => ({
  userId: u.id,
  role: u.role,
  clinicId: u.clinicId,
  sessionVersion,
});

describe("staff accounts", () => {
  it("an admin creates a therapist who sets a password with the one-time code", async () => {
    const a = await makeClinic();
    const db = await getDb();
    const email = `new-${a.clinic.id.slice(0, 6)}@clinic.example`;
    const { code } = await createStaffAccount(a.as.admin(), {
      name: "New Therapist",
      email,
      role: "therapist",
    });
    expect(await verifyLogin(db, { email, password: "anything at all", ip: null })).toBeNull();
    await redeemCode({ code, email, password: "my own new password" }, null);
    expect(
      (await verifyLogin(db, { email, password: "my own new password", ip: null }))?.role,
    ).toBe("therapist");
    await expect(
      createStaffAccount(a.as.admin(), { name: "Dup", email, role: "therapist" }),
    ).rejects.toHaveProperty("fieldErrors.email");
  });

  it("is admin-only and clinic-scoped", async () => {
    const a = await makeClinic();
    const b = await makeClinic();
    await expect(listStaffAccounts(a.as.therapist())).rejects.toBeInstanceOf(NotFoundError);
    await expect(setStaffDisabled(b.as.admin(), a.users.therapist.id, true)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(issueStaffResetCode(a.as.admin(), a.users.patientUser.id)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    const listed = await listStaffAccounts(a.as.admin());
    expect(listed.map((s) => s.id).sort()).toEqual(
      [a.users.admin.id, a.users.therapist.id, a.users.therapist2.id].sort(),
    );
    expect(JSON.stringify(listed)).not.toContain("passwordHash");
  });

  it("disabling a user ends their live sessions on the next request", async () => {
    const a = await makeClinic();
    const db = await getDb();
    expect(await loadViewer(db, claimsOf(a.users.therapist), null)).not.toBeNull();
    await setStaffDisabled(a.as.admin(), a.users.therapist.id, true);
    expect(await loadViewer(db, claimsOf(a.users.therapist), null)).toBeNull();
    expect(await loadViewer(db, claimsOf(a.users.therapist, 2), null)).toBeNull();
    await expect(setStaffDisabled(a.as.admin(), a.users.admin.id, true)).rejects.toThrow(
      /your own account/,
    );
  });

  it("unlock clears a lockout", async () => {
    const a = await makeClinic();
    const db = await getDb();
    await db
      .update(users)
      .set({ lockedUntil: new Date(Date.now() + 600_000), failedLoginCount: 0 })
      .where(eq(users.id, a.users.therapist.id));
    expect(
      (await listStaffAccounts(a.as.admin())).find((s) => s.id === a.users.therapist.id)
        ?.lockedUntil,
    ).not.toBeNull();
    await unlockStaffAccount(a.as.admin(), a.users.therapist.id);
    expect(
      (await listStaffAccounts(a.as.admin())).find((s) => s.id === a.users.therapist.id)
        ?.lockedUntil,
    ).toBeNull();
  });
});

describe("own account", () => {
  it("changing the password needs the current one and ends every session", async () => {
    const a = await makeClinic();
    const db = await getDb();
    const { code } = await issueStaffResetCode(a.as.admin(), a.users.therapist.id);
    await redeemCode(
      { code, email: a.users.therapist.email, password: "first password here" },
      null,
    );
    const viewer = a.as.therapist();
    await expect(
      changeOwnPassword(viewer, {
        currentPassword: "not it at all",
        newPassword: "second password here",
      }),
    ).rejects.toHaveProperty("fieldErrors.currentPassword");
    await changeOwnPassword(viewer, {
      currentPassword: "first password here",
      newPassword: "second password here",
    });
    expect(await loadViewer(db, claimsOf(a.users.therapist, 2), null)).toBeNull();
    expect(await loadViewer(db, claimsOf(a.users.therapist, 3), null)).not.toBeNull();
    expect(
      await verifyLogin(db, {
        email: a.users.therapist.email,
        password: "second password here",
        ip: null,
      }),
    ).not.toBeNull();
  });

  it("sign-out invalidates every copy of the session token", async () => {
    const a = await makeClinic();
    const db = await getDb();
    await endSessions(a.as.patient());
    expect(await loadViewer(db, claimsOf(a.users.patientUser), null)).toBeNull();
  });

  it("an admin resets a therapist's lost two-step sign-in: codes gone, sessions ended, audited", async () => {
    const a = await makeClinic();
    const b = await makeClinic();
    const db = await getDb();
    const therapist = a.as.therapist();
    const pending = await pendingEnrolment(therapist);
    if (!pending) throw new Error("already enrolled");
    await confirmEnrolment(therapist, totpFor(pending.secret).generate());
    expect((await getMfaStatus(therapist)).enabled).toBe(true);
    const row = (await listStaffAccounts(a.as.admin())).find((s) => s.id === therapist.userId);
    expect(row?.mfaEnabled).toBe(true);

    // Not another clinic's admin, not a therapist, not one's own.
    await expect(resetStaffMfa(b.as.admin(), therapist.userId)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(resetStaffMfa(a.as.therapist2(), therapist.userId)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(resetStaffMfa(a.as.admin(), a.users.admin.id)).rejects.toBeInstanceOf(RuleError);
    expect((await getMfaStatus(therapist)).enabled).toBe(true);

    await resetStaffMfa(a.as.admin(), therapist.userId);
    expect((await getMfaStatus(therapist)).enabled).toBe(false);
    const codes = await db
      .select()
      .from(mfaRecoveryCodes)
      .where(eq(mfaRecoveryCodes.userId, therapist.userId));
    expect(codes).toHaveLength(0);
    // The therapist's old session no longer loads.
    expect(await loadViewer(db, claimsOf(a.users.therapist), null)).toBeNull();
    const events = await db
      .select({ action: auditEvents.action, actor: auditEvents.actorUserId })
      .from(auditEvents)
      .where(eq(auditEvents.entityId, therapist.userId));
    expect(events).toContainEqual({ action: "staff.mfa_reset", actor: a.users.admin.id });
    // Twice: nothing to reset, said so.
    await expect(resetStaffMfa(a.as.admin(), therapist.userId)).rejects.toBeInstanceOf(RuleError);
  });
});
