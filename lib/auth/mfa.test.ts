import { and, eq } from "drizzle-orm";
import * as OTPAuth from "otpauth";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, clinics, users } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import { confirmEnrolment, getMfaStatus, pendingEnrolment } from "@/lib/data/mfa";
import { makeClinic } from "@/lib/testing/fixtures";
import { viewerOfSession } from "./load-viewer";
import { verifyEnrolledTicket, verifyLogin, verifySecondFactor } from "./login";
import { decryptTotpSecret, encryptTotpSecret, signTicket, verifyTicket } from "./mfa-crypto";
import { hashPassword } from "./password";
import { nextSessionToken } from "./session-policy";

const PASSWORD = "mfa test password here";

beforeAll(() => {
  process.env.AUTH_SECRET ??= "vitest-only-auth-secret-0123456789abcdef";
});

/** The code an authenticator app would show for `secret` at `at`, computed with otpauth. */
const codeAt = (secret: string, at: Date) =>
  OTPAuth.TOTP.generate({ secret: OTPAuth.Secret.fromBase32(secret), timestamp: at.getTime() });

const minutes = (t: Date, n: number) => new Date(t.getTime() + n * 60_000);

/** A therapist of a clinic of the test's own, with a password and TOTP enrolled at `t0`. */
async function enrolledTherapist(t0: Date) {
  const a = await makeClinic();
  const db = await getDb();
  const u = a.users.therapist;
  await db
    .update(users)
    .set({ passwordHash: await hashPassword(PASSWORD) })
    .where(eq(users.id, u.id));
  const actor = { userId: u.id, role: u.role, clinicId: a.clinic.id, email: u.email, ip: null };
  const pending = await pendingEnrolment(actor);
  if (!pending) throw new Error("no pending enrolment");
  const { recoveryCodes } = await confirmEnrolment(actor, codeAt(pending.secret, t0), t0);
  return { a, db, user: u, secret: pending.secret, recoveryCodes, actor };
}

async function passwordStep(email: string, ip: string, now: Date) {
  const db = await getDb();
  const result = await verifyLogin(db, { email, password: PASSWORD, ip }, now);
  if (result?.mfa !== "totp") throw new Error(`expected a code step, got ${result?.mfa}`);
  return result.challenge;
}

describe("TOTP enrolment", () => {
  it("keeps the secret encrypted, confirms with a code, gives 10 recovery codes, audits", async () => {
    const t0 = new Date();
    const { db, user, secret, recoveryCodes, actor } = await enrolledTherapist(t0);
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const [row] = await db.select().from(users).where(eq(users.id, user.id));
    expect(row?.totpSecretEnc).not.toContain(secret);
    expect(decryptTotpSecret(row?.totpSecretEnc ?? "")).toBe(secret);
    expect(row?.totpEnabledAt).not.toBeNull();
    expect(await getMfaStatus(actor)).toMatchObject({
      enabled: true,
      recoveryCodesLeft: 10,
      required: true,
    });
    const events = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, user.id), eq(auditEvents.action, "mfa.enrol")));
    expect(events.map((e) => e.outcome)).toEqual(["success"]);
  });

  it("refuses a wrong first code and audits it", async () => {
    const a = await makeClinic();
    const u = a.users.patientUser;
    const actor = { userId: u.id, role: u.role, clinicId: a.clinic.id, email: u.email, ip: null };
    const pending = await pendingEnrolment(actor);
    expect(pending?.qrDataUrl).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(pending?.uri).toContain("otpauth://totp/");
    await expect(confirmEnrolment(actor, "000000")).rejects.toThrow();
    expect((await getMfaStatus(actor)).enabled).toBe(false);
  });
});

describe("sign-in with a second step", () => {
  it("asks for a code after the password, signs in with the right one, refuses it twice", async () => {
    const t0 = new Date();
    const { db, user, secret } = await enrolledTherapist(t0);
    const t1 = minutes(t0, 2);
    const challenge = await passwordStep(user.email, "10.7.0.1", t1);
    expect(challenge).not.toContain(PASSWORD);

    const code = codeAt(secret, t1);
    const signedIn = await verifySecondFactor(db, { challenge, code, ip: "10.7.0.1" }, t1);
    expect(signedIn).toMatchObject({ id: user.id, role: "therapist" });

    // The same code again (replay), even with a fresh challenge: refused.
    const again = await passwordStep(user.email, "10.7.0.1", t1);
    expect(await verifySecondFactor(db, { challenge: again, code, ip: "10.7.0.1" }, t1)).toBeNull();
    const [replay] = await db
      .select({ details: auditEvents.details })
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, user.id), eq(auditEvents.action, "mfa.verify")));
    expect(replay?.details?.reason).toBe("code_reused");
  });

  it("counts wrong codes towards the account's lockout (an account of its own)", async () => {
    const t0 = new Date();
    const { db, user, secret } = await enrolledTherapist(t0);
    const t1 = minutes(t0, 1);
    for (let i = 0; i < 5; i++) {
      const challenge = await passwordStep(user.email, `10.8.0.${i}`, t1);
      const wrong = String((Number(codeAt(secret, t1)) + 1 + i) % 1_000_000).padStart(6, "0");
      expect(
        await verifySecondFactor(db, { challenge, code: wrong, ip: `10.8.0.${i}` }, t1),
      ).toBeNull();
    }
    const [row] = await db.select().from(users).where(eq(users.id, user.id));
    expect(row?.lockedUntil?.getTime()).toBeGreaterThan(t1.getTime());
    const lockouts = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, user.id), eq(auditEvents.action, "auth.lockout")));
    expect(lockouts).toHaveLength(1);
    // Locked: the password step itself now fails, with the usual null.
    expect(
      await verifyLogin(db, { email: user.email, password: PASSWORD, ip: "10.8.1.1" }, t1),
    ).toBeNull();
  });

  it("accepts each recovery code once, and audits its use", async () => {
    const t0 = new Date();
    const { db, user, recoveryCodes, actor } = await enrolledTherapist(t0);
    const t1 = minutes(t0, 1);
    const recovery = (recoveryCodes[3] ?? "").toLowerCase(); // case and dashes do not matter
    const first = await passwordStep(user.email, "10.9.0.1", t1);
    expect(
      await verifySecondFactor(db, { challenge: first, code: recovery, ip: "10.9.0.1" }, t1),
    ).toMatchObject({ id: user.id });
    const second = await passwordStep(user.email, "10.9.0.1", t1);
    expect(
      await verifySecondFactor(db, { challenge: second, code: recovery, ip: "10.9.0.1" }, t1),
    ).toBeNull();
    expect((await getMfaStatus(actor)).recoveryCodesLeft).toBe(9);
    const used = await db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.entityId, user.id), eq(auditEvents.action, "mfa.recovery_code_used")),
      );
    expect(used).toHaveLength(1);
  });

  it("refuses a forged, expired or stale challenge", async () => {
    const t0 = new Date();
    const { db, user, secret } = await enrolledTherapist(t0);
    const t1 = minutes(t0, 1);
    const challenge = await passwordStep(user.email, "10.10.0.1", t1);
    const [payload, mac] = challenge.split(".");
    const forged = `${Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(payload ?? "", "base64url").toString()),
        expiresAt: 9e9,
      }),
    ).toString("base64url")}.${mac}`;
    expect(verifyTicket(forged, "mfa", t1)).toBeNull();
    expect(verifyTicket(challenge, "enrolled", t1)).toBeNull(); // wrong purpose
    expect(verifyTicket(challenge, "mfa", minutes(t1, 6))).toBeNull(); // 5 minutes
    // Not a string at all (a form field missing, fuzz finding): refused, not a TypeError.
    expect(verifyTicket(undefined as never, "enrolled", t1)).toBeNull();
    expect(verifyTicket(["a.b"] as never, "enrolled", t1)).toBeNull();
    // Signed out everywhere (or password changed) between the two steps: the challenge is stale.
    const t2 = minutes(t1, 1);
    const beforeSignOut = await passwordStep(user.email, "10.10.0.2", t1);
    await db.update(users).set({ sessionVersion: 99 }).where(eq(users.id, user.id));
    const code = codeAt(secret, t2);
    expect(
      await verifySecondFactor(db, { challenge: beforeSignOut, code, ip: "10.10.0.2" }, t2),
    ).toBeNull();
  });

  it("the enrolment ticket upgrades to a full session only for that session version", async () => {
    const t0 = new Date();
    const { db, user } = await enrolledTherapist(t0);
    const [row] = await db.select().from(users).where(eq(users.id, user.id));
    const ticket = signTicket({
      userId: user.id,
      sessionVersion: row?.sessionVersion ?? 0,
      purpose: "enrolled",
    });
    expect(await verifyEnrolledTicket(db, { ticket })).toMatchObject({ id: user.id });
    const stale = signTicket({ userId: user.id, sessionVersion: 0, purpose: "enrolled" });
    expect(await verifyEnrolledTicket(db, { ticket: stale })).toBeNull();
  });

  it("encrypts with a random IV and detects tampering", () => {
    const a = encryptTotpSecret("JBSWY3DPEHPK3PXP");
    expect(a).not.toBe(encryptTotpSecret("JBSWY3DPEHPK3PXP"));
    expect(decryptTotpSecret(a)).toBe("JBSWY3DPEHPK3PXP");
    const parts = a.split(".");
    parts[3] = Buffer.from("tampered!").toString("base64url");
    expect(() => decryptTotpSecret(parts.join("."))).toThrow();
    expect(() => decryptTotpSecret(a, "another secret entirely")).toThrow();
  });
});

describe("the clinic setting", () => {
  it("a clinic created by a plain insert requires it; unenrolled staff get an enrolment-only session", async () => {
    const a = await makeClinic();
    const db = await getDb();
    expect(a.clinic.requireStaffMfa).toBe(true);
    const hash = await hashPassword(PASSWORD);
    for (const u of [a.users.admin, a.users.patientUser]) {
      await db.update(users).set({ passwordHash: hash }).where(eq(users.id, u.id));
    }
    const admin = await verifyLogin(db, {
      email: a.users.admin.email,
      password: PASSWORD,
      ip: "10.11.0.1",
    });
    expect(admin?.mfa).toBe("setup");
    const claims = nextSessionToken({}, { ...admin, mfaSetupOnly: admin?.mfa === "setup" }, 1);
    expect(claims?.mfa).toBe("setup");
    const session = {
      userId: admin?.id ?? "",
      role: admin?.role ?? "admin",
      clinicId: admin?.clinicId ?? "",
      sessionVersion: admin?.sessionVersion ?? 0,
      mfaSetupOnly: claims?.mfa === "setup",
    };
    // getViewer() is viewerOfSession() on the request's session: no data access at all.
    expect(await viewerOfSession(db, session, null)).toBeNull();
    expect(await viewerOfSession(db, { ...session, mfaSetupOnly: false }, null)).not.toBeNull();

    // Optional for patients.
    const patient = await verifyLogin(db, {
      email: a.users.patientUser.email,
      password: PASSWORD,
      ip: "10.11.0.1",
    });
    expect(patient?.mfa).toBe("none");

    // Turned off: staff sign in with the password alone.
    await db.update(clinics).set({ requireStaffMfa: false }).where(eq(clinics.id, a.clinic.id));
    expect(
      (await verifyLogin(db, { email: a.users.admin.email, password: PASSWORD, ip: "10.11.0.2" }))
        ?.mfa,
    ).toBe("none");
  });

  it("the demo seed's clinics do not require it, so the demo role logins work as before", async () => {
    const db = await getDb();
    await seedDemo(db);
    const demo = await db.select().from(clinics).where(eq(clinics.isDemo, true));
    expect(demo).toHaveLength(2);
    expect(demo.every((c) => !c.requireStaffMfa)).toBe(true);
    const therapist = await verifyLogin(db, {
      email: "therapist@demo.clinic",
      password: "demo-spasticity-2026",
      ip: "10.12.0.1",
    });
    expect(therapist?.mfa).toBe("none");
  }, 120_000);
});
