import { and, count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, patients } from "@/db/schema";
import { addDays, todayIn } from "@/lib/clinical/dates";
import { makeClinic } from "@/lib/testing/fixtures";
import { caseloadFilterSchema, patientInputSchema } from "@/lib/validation/patient";
import { NotFoundError } from "./errors";
import { caseloadPage, createPatient, getPatient, updatePatient } from "./patients";

const valid = {
  givenName: "Ada",
  familyName: "Lovelace",
  dateOfBirth: "1980-12-10",
  msType: "SPMS" as const,
};

async function patientCount(clinicId: string) {
  const db = await getDb();
  const [row] = await db
    .select({ n: count() })
    .from(patients)
    .where(eq(patients.clinicId, clinicId));
  return row?.n ?? 0;
}

describe("patients data layer", () => {
  it("lists only the viewer's clinic, filters 'my patients' and searches by name", async () => {
    const a = await makeClinic();
    const b = await makeClinic();
    // As the page's query string gives them.
    const list = async (query: Record<string, string>) =>
      (await caseloadPage(a.as.therapist(), caseloadFilterSchema.parse(query))).rows;
    const all = await list({});
    expect(all.map((p) => p.id).sort()).toEqual([a.patient.id, a.patient2.id].sort());
    expect(all.some((p) => p.id === b.patient.id)).toBe(false);

    const mine = await list({ mine: "1" });
    expect(mine.map((p) => p.id)).toEqual([a.patient.id]);

    const search = await list({ q: "pam two" });
    expect(search.map((p) => p.id)).toEqual([a.patient2.id]);
    const wildcard = await list({ q: "%" });
    expect(wildcard).toEqual([]);
  });

  it("answers not found for another clinic's patient and for another patient", async () => {
    const a = await makeClinic();
    const b = await makeClinic();
    await expect(getPatient(b.as.therapist(), a.patient.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getPatient(a.as.patient2(), a.patient.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getPatient(a.as.therapist(), "not-a-uuid")).rejects.toBeInstanceOf(NotFoundError);
    expect((await getPatient(a.as.patient(), a.patient.id)).id).toBe(a.patient.id);
  });

  it("audits a patient read once per request and each write once", async () => {
    const a = await makeClinic();
    const db = await getDb();
    const request = a.as.therapist();
    await getPatient(request, a.patient.id);
    await getPatient(request, a.patient.id); // same request: no second event
    await getPatient(a.as.therapist(), a.patient.id); // a new request
    const reads = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.patientId, a.patient.id), eq(auditEvents.action, "patient.read")));
    expect(reads).toHaveLength(2);
    expect(reads[0]).toMatchObject({
      actorUserId: a.users.therapist.id,
      outcome: "success",
      ip: "127.0.0.1",
      clinicId: a.clinic.id,
    });

    const created = await createPatient(a.as.therapist(), valid);
    await updatePatient(a.as.admin(), created.id, { ...valid, givenName: "Augusta" });
    const writes = await db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.patientId, created.id));
    expect(writes.map((w) => w.action).sort()).toEqual(["patient.create", "patient.update"]);
  });

  it("audits a denied read", async () => {
    const a = await makeClinic();
    const b = await makeClinic();
    const db = await getDb();
    await expect(getPatient(b.as.therapist(), a.patient.id)).rejects.toThrow();
    const denied = await db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.actorUserId, b.users.therapist.id), eq(auditEvents.outcome, "denied")),
      );
    expect(denied).toHaveLength(1);
    expect(denied[0]?.entityId).toBe(a.patient.id);
  });

  it("rejects bad input with field errors and writes nothing", async () => {
    const a = await makeClinic();
    const b = await makeClinic();
    const before = await patientCount(a.clinic.id);
    const schemaCases: [Record<string, unknown>, string][] = [
      [{ ...valid, givenName: "" }, "givenName"],
      [{ ...valid, familyName: "x".repeat(10_000) }, "familyName"],
      [{ ...valid, msType: "CIS" }, "msType"],
      [{ ...valid, dateOfBirth: "2025-02-30" }, "dateOfBirth"],
      [{ ...valid, primaryTherapistId: "not-an-id" }, "primaryTherapistId"],
    ];
    for (const [input, field] of schemaCases) {
      const parsed = patientInputSchema.safeParse(input);
      expect(parsed.success, field).toBe(false);
      expect(parsed.error?.issues.map((i) => i.path[0])).toContain(field);
    }
    const tomorrow = addDays(todayIn("Europe/London"), 1);
    await expect(
      createPatient(a.as.therapist(), { ...valid, dateOfBirth: tomorrow }),
    ).rejects.toMatchObject({
      fieldErrors: { dateOfBirth: [expect.stringContaining("future")] },
    });
    await expect(
      createPatient(a.as.therapist(), { ...valid, primaryTherapistId: b.users.therapist.id }),
    ).rejects.toMatchObject({ fieldErrors: { primaryTherapistId: [expect.any(String)] } });
    await expect(
      updatePatient(a.as.therapist(), a.patient.id, {
        ...valid,
        primaryTherapistId: a.users.patientUser.id,
      }),
    ).rejects.toMatchObject({ fieldErrors: { primaryTherapistId: [expect.any(String)] } });
    expect(await patientCount(a.clinic.id)).toBe(before);
    const [unchanged] = await (await getDb())
      .select()
      .from(patients)
      .where(eq(patients.id, a.patient.id));
    expect(unchanged?.givenName).toBe("Pat");
  });
});
