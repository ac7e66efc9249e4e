import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, users } from "@/db/schema";
import { makeClinic } from "@/lib/testing/fixtures";
import { verifyLogin } from "./login";
import { hashPassword } from "./password";

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
});
