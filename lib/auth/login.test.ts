import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, users } from "@/db/schema";
import { makeClinic } from "@/lib/testing/fixtures";
import { type PasswordChecker, verifyLogin } from "./login";
import { burnPasswordCheck, hashPassword, verifyPassword } from "./password";

/** The real argon2 checks, counted: proves which hashing ran without timing anything. */
function countingChecker() {
  const calls = { verify: 0, burn: 0 };
  const checker: PasswordChecker = {
    verifyPassword: (hash, password) => {
      calls.verify++;
      return verifyPassword(hash, password);
    },
    burnPasswordCheck: (password) => {
      calls.burn++;
      return burnPasswordCheck(password);
    },
  };
  return { calls, checker };
}

const PASSWORD = "correct horse battery";

async function userWithPassword() {
  const a = await makeClinic();
  const db = await getDb();
  await db
    .update(users)
    .set({ passwordHash: await hashPassword(PASSWORD) })
    .where(eq(users.id, a.users.therapist.id));
  return { a, db, email: a.users.therapist.email };
}

afterEach(() => {
  delete process.env.LOGIN_MAX_IP_FAILURES;
});

describe("verifyLogin", () => {
  it("accepts the right password, case-insensitively on the email, and audits it", async () => {
    const { a, db, email } = await userWithPassword();
    const user = await verifyLogin(db, {
      email: email.toUpperCase(),
      password: PASSWORD,
      ip: "10.1.1.1",
    });
    expect(user).toMatchObject({
      id: a.users.therapist.id,
      role: "therapist",
      clinicId: a.clinic.id,
    });
    const [event] = await db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.entityId, a.users.therapist.id), eq(auditEvents.action, "auth.login")),
      );
    expect(event).toMatchObject({
      outcome: "success",
      ip: "10.1.1.1",
      actorUserId: a.users.therapist.id,
      actorRole: "therapist",
    });
  });

  it("refuses a wrong password and an unknown email alike, auditing both failures", async () => {
    const { db, email } = await userWithPassword();
    expect(
      await verifyLogin(db, { email, password: "wrong password!", ip: "10.1.1.2" }),
    ).toBeNull();
    expect(
      await verifyLogin(db, {
        email: "nobody@nowhere.example",
        password: PASSWORD,
        ip: "10.1.1.2",
      }),
    ).toBeNull();
    const failures = await db
      .select({ details: auditEvents.details })
      .from(auditEvents)
      .where(and(eq(auditEvents.ip, "10.1.1.2"), eq(auditEvents.outcome, "failure")));
    expect(failures.map((f) => f.details?.reason).sort()).toEqual([
      "unknown_email",
      "wrong_password",
    ]);
  });

  it("refuses an email with a NUL byte without a database error, after the same hashing work (fuzz finding)", async () => {
    const { db, email } = await userWithPassword();
    const { calls, checker } = countingChecker();
    expect(
      await verifyLogin(
        db,
        { email: `${email}\u0000`, password: PASSWORD, ip: "10.1.1.9" },
        new Date(),
        checker,
      ),
    ).toBeNull();
    expect(calls.burn).toBe(1);
    const [failure] = await db
      .select({ details: auditEvents.details })
      .from(auditEvents)
      .where(and(eq(auditEvents.ip, "10.1.1.9"), eq(auditEvents.outcome, "failure")));
    expect(failure?.details).toMatchObject({ email, reason: "malformed_email" });
  });

  it("locks the account after 5 failures for 15 minutes, even for the right password, and audits the lockout", async () => {
    const { a, db, email } = await userWithPassword();
    const t0 = new Date();
    for (let i = 0; i < 5; i++) {
      expect(
        await verifyLogin(db, { email, password: `wrong-${i}-password`, ip: `10.2.0.${i}` }, t0),
      ).toBeNull();
    }
    expect(
      await verifyLogin(
        db,
        { email, password: PASSWORD, ip: "10.2.0.9" },
        new Date(t0.getTime() + 14 * 60_000),
      ),
    ).toBeNull();
    const lockouts = await db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.entityId, a.users.therapist.id), eq(auditEvents.action, "auth.lockout")),
      );
    expect(lockouts).toHaveLength(1);
    const after = new Date(t0.getTime() + 15 * 60_000 + 1000);
    expect(
      await verifyLogin(db, { email, password: PASSWORD, ip: "10.2.0.9" }, after),
    ).not.toBeNull();
  });

  it("refuses a disabled account with the right password", async () => {
    const { a, db, email } = await userWithPassword();
    await db.update(users).set({ disabled: true }).where(eq(users.id, a.users.therapist.id));
    expect(await verifyLogin(db, { email, password: PASSWORD, ip: "10.3.0.1" })).toBeNull();
  });

  it("throttles an address after too many failures across accounts", async () => {
    process.env.LOGIN_MAX_IP_FAILURES = "3";
    const { db, email } = await userWithPassword();
    for (let i = 0; i < 3; i++) {
      await verifyLogin(db, {
        email: `guess${i}@nowhere.example`,
        password: "whatever-password",
        ip: "10.4.0.1",
      });
    }
    expect(await verifyLogin(db, { email, password: PASSWORD, ip: "10.4.0.1" })).toBeNull();
    expect(await verifyLogin(db, { email, password: PASSWORD, ip: "10.4.0.2" })).not.toBeNull();
  });

  it("runs a real password hash for an unknown email, as for a known one", async () => {
    const { db, email } = await userWithPassword();
    const unknown = countingChecker();
    expect(
      await verifyLogin(
        db,
        { email: "nobody-here@nowhere.example", password: PASSWORD, ip: "10.5.0.1" },
        new Date(),
        unknown.checker,
      ),
    ).toBeNull();
    expect(unknown.calls).toEqual({ verify: 0, burn: 1 });

    const known = countingChecker();
    await verifyLogin(
      db,
      { email, password: "wrong password!", ip: "10.5.0.1" },
      new Date(),
      known.checker,
    );
    expect(known.calls).toEqual({ verify: 1, burn: 0 });

    // A burn is a real argon2id verification against a real hash, not a no-op.
    const hash = await hashPassword("something else entirely");
    expect(await verifyPassword(hash, "something else entirely")).toBe(true);
    expect(hash).toMatch(/^\$argon2id\$/);
  });

  it("answers unknown, wrong, locked and disabled exactly alike (null), reason only in the audit", async () => {
    const wrong = await userWithPassword();
    const locked = await userWithPassword();
    const disabled = await userWithPassword();
    await wrong.db
      .update(users)
      .set({ lockedUntil: new Date(Date.now() + 60 * 60_000) })
      .where(eq(users.id, locked.a.users.therapist.id));
    await wrong.db
      .update(users)
      .set({ disabled: true })
      .where(eq(users.id, disabled.a.users.therapist.id));
    const results = [
      await verifyLogin(wrong.db, {
        email: "who@nowhere.example",
        password: PASSWORD,
        ip: "10.6.0.1",
      }),
      await verifyLogin(wrong.db, {
        email: wrong.email,
        password: "not it at all",
        ip: "10.6.0.1",
      }),
      await verifyLogin(wrong.db, { email: locked.email, password: PASSWORD, ip: "10.6.0.1" }),
      await verifyLogin(wrong.db, { email: disabled.email, password: PASSWORD, ip: "10.6.0.1" }),
    ];
    expect(results).toEqual([null, null, null, null]);
    const reasons = await wrong.db
      .select({ details: auditEvents.details })
      .from(auditEvents)
      .where(and(eq(auditEvents.ip, "10.6.0.1"), eq(auditEvents.outcome, "failure")));
    expect(reasons.map((r) => r.details?.reason).sort()).toEqual([
      "disabled",
      "locked",
      "unknown_email",
      "wrong_password",
    ]);
  });
});
