import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import {
  clinics,
  exercises,
  patients,
  programItems,
  programs,
  programVersions,
  users,
} from "@/db/schema";
import type { Role, Viewer } from "@/lib/auth/viewer-type";
import { todayIn } from "@/lib/clinical/dates";
import { caseloadPage } from "@/lib/data/patients";
import { createProgram } from "@/lib/data/programs";
import { caseloadFilterSchema } from "@/lib/validation/patient";
import { programSchema } from "@/lib/validation/program";

/** A clinic of the test's own, with an admin, two therapists and two patients (with logins). */
export async function makeClinic(name = `Clinic ${randomUUID().slice(0, 8)}`) {
  const db = await getDb();
  const [clinic] = await db.insert(clinics).values({ name, timeZone: "Europe/London" }).returning();
  if (!clinic) throw new Error("no clinic");
  const tag = randomUUID().slice(0, 8);
  const mk = async (role: Role, label: string) => {
    const [u] = await db
      .insert(users)
      .values({
        clinicId: clinic.id,
        role,
        email: `${label}-${tag}@test.example`,
        name: `${label} ${tag}`,
      })
      .returning();
    if (!u) throw new Error("no user");
    return u;
  };
  const admin = await mk("admin", "admin");
  const therapist = await mk("therapist", "therapist");
  const therapist2 = await mk("therapist", "therapist2");
  const patientUser = await mk("patient", "patient");
  const patient2User = await mk("patient", "patient2");
  const [patient, patient2] = await db
    .insert(patients)
    .values([
      {
        clinicId: clinic.id,
        givenName: "Pat",
        familyName: `One${tag}`,
        dateOfBirth: "1980-01-01",
        msType: "SPMS",
        primaryTherapistId: therapist.id,
        userId: patientUser.id,
      },
      {
        clinicId: clinic.id,
        givenName: "Pam",
        familyName: `Two${tag}`,
        dateOfBirth: "1975-05-05",
        msType: "RRMS",
        primaryTherapistId: therapist2.id,
        userId: patient2User.id,
      },
    ])
    .returning();
  if (!patient || !patient2) throw new Error("no patients");

  const viewerOf = (u: typeof admin, patientId: string | null = null): Viewer => ({
    userId: u.id,
    role: u.role,
    clinicId: clinic.id,
    clinicName: clinic.name,
    clinicTimeZone: clinic.timeZone,
    name: u.name,
    email: u.email,
    patientId,
    ip: "127.0.0.1",
    readAudited: new Set(),
  });
  return {
    clinic,
    patient,
    patient2,
    users: { admin, therapist, therapist2, patientUser, patient2User },
    /** A fresh Viewer per call = a fresh request. */
    as: {
      admin: () => viewerOf(admin),
      therapist: () => viewerOf(therapist),
      therapist2: () => viewerOf(therapist2),
      patient: () => viewerOf(patientUser, patient.id),
      patient2: () => viewerOf(patient2User, patient2.id),
    },
  };
}

/** The patient's row on the viewer's caseload (default filter), or undefined if not on it. */
export async function caseloadRow(viewer: Viewer, patientId: string) {
  const { rows } = await caseloadPage(viewer, caseloadFilterSchema.parse({ sort: "name" }));
  return rows.find((row) => row.id === patientId);
}

/**
 * A one-exercise program (a calf stretch, `sessionsPerDay` sessions every day) for the clinic's
 * first patient, assigned through the data layer and then moved to [startDate, endDate] (the
 * form allows no start in the past). Returns its one item's id, for log entries.
 */
export async function programSpanning(
  c: Awaited<ReturnType<typeof makeClinic>>,
  title: string,
  startDate: string,
  endDate: string,
  sessionsPerDay: number,
): Promise<string> {
  const db = await getDb();
  const [calf] = await db
    .select({ id: exercises.id })
    .from(exercises)
    .where(eq(exercises.slug, "calf-stretch-standing"));
  const { id } = await createProgram(
    c.as.therapist(),
    programSchema.parse({
      patientId: c.patient.id,
      title,
      startDate: todayIn(c.clinic.timeZone),
      weeks: "4",
      "items:0:exerciseId": calf?.id,
      "items:0:holdSeconds": "30",
      "items:0:repetitions": "3",
      "items:0:sessionsPerDay": String(sessionsPerDay),
      "items:0:daysPerWeek": "7",
      "items:0:side": "both",
    }),
  );
  await db.update(programs).set({ startDate, endDate }).where(eq(programs.id, id));
  const [version] = await db
    .update(programVersions)
    .set({ effectiveFrom: startDate })
    .where(eq(programVersions.programId, id))
    .returning({ id: programVersions.id });
  const [item] = await db
    .select({ id: programItems.id })
    .from(programItems)
    .where(eq(programItems.versionId, version?.id as string));
  return item?.id as string;
}
