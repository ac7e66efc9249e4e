import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { accountCodes, patients } from "@/db/schema";
import { runFormAction } from "@/lib/auth/run-form-action";
import type { Viewer } from "@/lib/auth/viewer-type";
import { makeClinic } from "@/lib/testing/fixtures";
import { caseloadFilterSchema, patientInputSchema } from "@/lib/validation/patient";
import { NotFoundError } from "./errors";
import { issuePatientInvite } from "./invites";
import { caseloadPage, createPatient, getPatient, updatePatient } from "./patients";
import { listStaffAccounts } from "./staff";

/**
 * Who may do what, at the data layer, against the Demo-like clinic "a". `patient` is a.patient's
 * own login; `otherTherapist` works at clinic "b". "allow" = succeeds; "404" = NotFoundError and
 * nothing written. Anonymous callers never reach the data layer (see the last test).
 */
const MATRIX = {
  //                  caseload  patientPage  createPatient  updatePatient  issueInvite  adminPage
  patient: ["404", "allow", "404", "404", "404", "404"],
  patient2: ["404", "404", "404", "404", "404", "404"],
  therapist: ["allow", "allow", "allow", "allow", "allow", "404"],
  otherTherapist: ["404*", "404", "allow*", "404", "404", "404"],
  admin: ["allow", "allow", "allow", "allow", "allow", "allow"],
} as const;
// 404*: the other clinic's therapist may list and create — in their own clinic only, which the
// test checks: a's patients never appear, and what they create lands in clinic b.

const OPERATIONS = [
  "caseload",
  "patientPage",
  "createPatient",
  "updatePatient",
  "issueInvite",
  "adminPage",
] as const;

describe("authorization matrix (data layer)", () => {
  it("matches the table for every role and operation, with 0 leaks", async () => {
    const a = await makeClinic();
    const b = await makeClinic();
    const db = await getDb();
    const input = {
      givenName: "Matrix",
      familyName: "Case",
      dateOfBirth: "1977-07-07",
      msType: "RRMS" as const,
    };
    const viewers: Record<keyof typeof MATRIX, () => Viewer> = {
      patient: a.as.patient,
      patient2: a.as.patient2,
      therapist: a.as.therapist,
      otherTherapist: b.as.therapist,
      admin: a.as.admin,
    };
    const run: Record<(typeof OPERATIONS)[number], (v: Viewer) => Promise<unknown>> = {
      caseload: async (v) => (await caseloadPage(v, caseloadFilterSchema.parse({}))).rows,
      patientPage: (v) => getPatient(v, a.patient.id),
      createPatient: (v) => createPatient(v, input),
      updatePatient: (v) =>
        updatePatient(v, a.patient.id, { ...input, givenName: `Changed by ${v.role}` }),
      issueInvite: (v) => issuePatientInvite(v, a.patient.id),
      adminPage: (v) => listStaffAccounts(v),
    };

    const leaks: string[] = [];
    for (const [role, expected] of Object.entries(MATRIX) as [
      keyof typeof MATRIX,
      readonly string[],
    ][]) {
      for (const [i, op] of OPERATIONS.entries()) {
        const viewer = viewers[role]();
        const before = await db
          .select({ n: count() })
          .from(patients)
          .where(eq(patients.clinicId, a.clinic.id));
        const outcome = await run[op](viewer).then(
          (value) => ({ ok: true as const, value }),
          (error: unknown) => ({ ok: false as const, error }),
        );
        const want = expected[i];
        if (want === "allow" || want === "allow*") {
          if (!outcome.ok)
            leaks.push(`${role} × ${op}: expected allow, got ${String(outcome.error)}`);
        } else if (want === "404") {
          if (outcome.ok || !(outcome.error instanceof NotFoundError))
            leaks.push(`${role} × ${op}: expected 404`);
          const after = await db
            .select({ n: count() })
            .from(patients)
            .where(eq(patients.clinicId, a.clinic.id));
          if (after[0]?.n !== before[0]?.n) leaks.push(`${role} × ${op}: wrote a patient row`);
        } else if (want === "404*") {
          const rows = outcome.ok ? (outcome.value as { id: string }[]) : [];
          if (rows.some((r) => r.id === a.patient.id || r.id === a.patient2.id))
            leaks.push(`${role} × ${op}: saw clinic a's patients`);
        }
      }
    }
    expect(leaks).toEqual([]);

    const [patientRow] = await db.select().from(patients).where(eq(patients.id, a.patient.id));
    expect(patientRow?.givenName).toBe("Changed by admin");
    const otherCreated = await db.select().from(patients).where(eq(patients.givenName, "Matrix"));
    expect(otherCreated.filter((p) => p.clinicId === b.clinic.id)).toHaveLength(1);
    const invites = await db
      .select({ createdBy: accountCodes.createdBy })
      .from(accountCodes)
      .where(eq(accountCodes.patientId, a.patient.id));
    expect(invites.map((i) => i.createdBy).sort()).toEqual(
      [a.users.admin.id, a.users.therapist.id].sort(),
    );
  });

  it("an anonymous caller of any server action is refused before validation or the data layer", async () => {
    const a = await makeClinic();
    const db = await getDb();
    const form = new FormData();
    for (const [k, v] of Object.entries({
      givenName: "Anon",
      familyName: "Ymous",
      dateOfBirth: "1990-01-01",
      msType: "RRMS",
    }))
      form.set(k, v);
    let handlerCalled = false;
    const result = await runFormAction(
      async () => null,
      { roles: ["therapist", "admin"], schema: patientInputSchema, name: "patient.create" },
      async () => {
        handlerCalled = true;
      },
      form,
    );
    expect(result).toMatchObject({ status: "error", error: expect.stringContaining("sign in") });
    expect(handlerCalled).toBe(false);
    expect(await db.select().from(patients).where(eq(patients.givenName, "Anon"))).toHaveLength(0);

    const asPatient = await runFormAction(
      async () => a.as.patient(),
      { roles: ["therapist", "admin"], schema: patientInputSchema, name: "patient.create" },
      async () => {
        handlerCalled = true;
      },
      form,
    );
    expect(asPatient).toMatchObject({ status: "error", error: "This record was not found." });
    expect(handlerCalled).toBe(false);
  });

  it("bad input is answered at the field, with what was typed kept and no write", async () => {
    const a = await makeClinic();
    const form = new FormData();
    const typedName = "x".repeat(10_000);
    for (const [k, v] of Object.entries({
      givenName: "",
      familyName: typedName,
      dateOfBirth: "2999-01-01",
      msType: "unknown",
    }))
      form.set(k, v);
    const result = await runFormAction(
      async () => a.as.therapist(),
      { roles: ["therapist"], schema: patientInputSchema, name: "patient.create" },
      async (viewer, input) => {
        await createPatient(viewer, input);
      },
      form,
    );
    expect(result.status).toBe("error");
    if (result.status !== "error") return;
    expect(Object.keys(result.fieldErrors).sort()).toEqual(["familyName", "givenName", "msType"]);
    expect(result.values.familyName).toBe(typedName);
    expect(result.values.dateOfBirth).toBe("2999-01-01");
  });
});
