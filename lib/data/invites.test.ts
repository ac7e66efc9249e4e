import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { accountCodes, auditEvents, patients, users } from "@/db/schema";
import { verifyLogin } from "@/lib/auth/login";
import { makeClinic } from "@/lib/testing/fixtures";
import { NotFoundError } from "./errors";
import { issuePatientInvite, redeemCode } from "./invites";
import { createPatient } from "./patients";

const NEW_PASSWORD = "a long enough new password";

describe("patient invites", () => {
  it("lets a new patient set a password once with the code, then sign in", async () => {
    const a = await makeClinic();
    const db = await getDb();
    const { id } = await createPatient(a.as.therapist(), {
      givenName: "Nina",
      familyName: "Invited",
      dateOfBirth: "1970-01-01",
      msType: "PPMS",
    });
    const { code, expiresAt } = await issuePatientInvite(a.as.therapist(), id);
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
    const [stored] = await db.select().from(accountCodes).where(eq(accountCodes.patientId, id));
    expect(stored?.codeHash).not.toContain(code.replace(/-/g, ""));

    const email = `nina-${id.slice(0, 6)}@example.org`;
    await redeemCode(
      { code: code.toLowerCase().replace(/-/g, " "), email, password: NEW_PASSWORD },
      "10.9.0.1",
    );
    const [patient] = await db.select().from(patients).where(eq(patients.id, id));
    expect(patient?.userId).not.toBeNull();
    const user = await verifyLogin(db, { email, password: NEW_PASSWORD, ip: "10.9.0.1" });
    expect(user?.role).toBe("patient");

    await expect(redeemCode({ code, email, password: NEW_PASSWORD }, null)).rejects.toMatchObject({
      fieldErrors: { code: [expect.stringContaining("not valid")] },
    });
    const redeemed = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.patientId, id), eq(auditEvents.action, "code.redeem")));
    expect(redeemed).toHaveLength(1);
  });

  it("refuses an expired code and a code replaced by a newer one", async () => {
    const a = await makeClinic();
    const first = await issuePatientInvite(a.as.therapist(), a.patient.id);
    const second = await issuePatientInvite(a.as.therapist(), a.patient.id);
    const email = a.users.patientUser.email;
    await expect(
      redeemCode({ code: first.code, email, password: NEW_PASSWORD }, null),
    ).rejects.toHaveProperty("fieldErrors.code");
    const eightDaysLater = new Date(Date.now() + 8 * 86_400_000);
    await expect(
      redeemCode({ code: second.code, email, password: NEW_PASSWORD }, null, eightDaysLater),
    ).rejects.toHaveProperty("fieldErrors.code");
  });

  it("resets a patient's existing login and ends their sessions; the email must be theirs", async () => {
    const a = await makeClinic();
    const db = await getDb();
    const { code } = await issuePatientInvite(a.as.therapist(), a.patient.id);
    await expect(
      redeemCode({ code, email: "someone@else.example", password: NEW_PASSWORD }, null),
    ).rejects.toHaveProperty("fieldErrors.email");
    // The failed attempt rolled back: the code still works.
    await redeemCode({ code, email: a.users.patientUser.email, password: NEW_PASSWORD }, null);
    const [user] = await db.select().from(users).where(eq(users.id, a.users.patientUser.id));
    expect(user?.sessionVersion).toBe(2);
  });

  it("is for staff of the patient's clinic only", async () => {
    const a = await makeClinic();
    const b = await makeClinic();
    await expect(issuePatientInvite(b.as.therapist(), a.patient.id)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(issuePatientInvite(a.as.patient(), a.patient.id)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    const db = await getDb();
    expect(
      await db.select().from(accountCodes).where(eq(accountCodes.patientId, a.patient.id)),
    ).toHaveLength(0);
  });
});
