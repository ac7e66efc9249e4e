import { hashPassword } from "@/lib/auth/password";
import { todayIn } from "@/lib/clinical/dates";
import { recomputeFlags } from "@/lib/flags/recompute";
import type { Db } from "../client";
import { clinics, patients, users } from "../schema";
import { DEMO_PASSWORD } from "./demo-accounts";
import { seedDemoHistories } from "./demo-histories";
import { seedDemoLogs } from "./demo-logs";
import { seedDemoPrograms } from "./demo-programs";

type Ms = "RRMS" | "SPMS" | "PPMS" | "other";

/**
 * The demo clinic and a second clinic to show isolation. Called on the embedded database's first
 * start and by `npm run db:seed -- --demo`; never on a real clinic's database by accident.
 */
/** Demo Clinic's zone: its "today" is the day the demo's stories count back from. */
export const DEMO_CLINIC_TIME_ZONE = "Europe/London";

export async function seedDemo(db: Db): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    const [demo, other] = await tx
      .insert(clinics)
      .values([
        {
          name: "Demo Clinic",
          timeZone: DEMO_CLINIC_TIME_ZONE,
          isDemo: true,
          requireStaffMfa: false,
        },
        {
          name: "Other Clinic",
          timeZone: "America/New_York",
          isDemo: true,
          requireStaffMfa: false,
        },
      ])
      .returning({ id: clinics.id, timeZone: clinics.timeZone });
    if (!demo || !other) throw new Error("clinic insert failed");

    const staff = await tx
      .insert(users)
      .values([
        {
          clinicId: demo.id,
          role: "admin",
          email: "admin@demo.clinic",
          name: "Alex Morgan",
          passwordHash,
        },
        {
          clinicId: demo.id,
          role: "therapist",
          email: "therapist@demo.clinic",
          name: "Sam Okafor",
          passwordHash,
        },
        {
          clinicId: demo.id,
          role: "therapist",
          email: "therapist2@demo.clinic",
          name: "Priya Raman",
          passwordHash,
        },
        {
          clinicId: other.id,
          role: "therapist",
          email: "therapist@other.clinic",
          name: "Jordan Ellis",
          passwordHash,
        },
      ])
      .returning({ id: users.id, email: users.email, clinicId: users.clinicId, role: users.role });
    const staffId = (email: string) => {
      const found = staff.find((s) => s.email === email);
      if (!found) throw new Error(`missing ${email}`);
      return found.id;
    };
    const sam = staffId("therapist@demo.clinic");
    const priya = staffId("therapist2@demo.clinic");
    const jordan = staffId("therapist@other.clinic");

    const patientLogins = await tx
      .insert(users)
      .values([
        {
          clinicId: demo.id,
          role: "patient",
          email: "patient@demo.clinic",
          name: "Maria Lopez",
          passwordHash,
        },
        {
          clinicId: demo.id,
          role: "patient",
          email: "patient2@demo.clinic",
          name: "James Carter",
          passwordHash,
        },
      ])
      .returning({ id: users.id, email: users.email });
    const loginOf = (email: string) => patientLogins.find((p) => p.email === email)?.id ?? null;

    const people: [string, string, string, Ms, number, string | null, string, string | null][] = [
      // given, family, birth, MS type, diagnosed, therapist, clinic, login
      ["Maria", "Lopez", "1979-04-12", "SPMS", 2004, sam, demo.id, loginOf("patient@demo.clinic")],
      [
        "James",
        "Carter",
        "1985-09-30",
        "RRMS",
        2015,
        sam,
        demo.id,
        loginOf("patient2@demo.clinic"),
      ],
      ["Aisha", "Bello", "1972-01-23", "PPMS", 2012, sam, demo.id, null],
      ["Tomasz", "Nowak", "1968-11-05", "SPMS", 1998, priya, demo.id, null],
      ["Helen", "Fraser", "1990-06-17", "RRMS", 2019, priya, demo.id, null],
      ["David", "Kim", "1976-03-08", "SPMS", 2006, sam, demo.id, null],
      ["Grace", "O'Neill", "1964-12-29", "PPMS", 2010, priya, demo.id, null],
      ["Rahul", "Mehta", "1982-08-14", "RRMS", 2011, sam, demo.id, null],
      ["Sofia", "Rossi", "1995-02-02", "RRMS", 2022, priya, demo.id, null],
      ["Ewan", "MacLeod", "1958-07-21", "SPMS", 1996, null, demo.id, null],
      ["Linda", "Brooks", "1970-05-11", "SPMS", 2001, jordan, other.id, null],
      ["Carlos", "Diaz", "1988-10-03", "RRMS", 2016, jordan, other.id, null],
      ["Nora", "Lindqvist", "1961-03-27", "PPMS", 2009, jordan, other.id, null],
    ];
    const inserted = await tx
      .insert(patients)
      .values(
        people.map(
          ([
            givenName,
            familyName,
            dateOfBirth,
            msType,
            diagnosisYear,
            primaryTherapistId,
            clinicId,
            userId,
          ]) => ({
            givenName,
            familyName,
            dateOfBirth,
            msType,
            diagnosisYear,
            primaryTherapistId,
            clinicId,
            userId,
          }),
        ),
      )
      .returning({
        id: patients.id,
        givenName: patients.givenName,
        familyName: patients.familyName,
        clinicId: patients.clinicId,
        primaryTherapistId: patients.primaryTherapistId,
      });

    await seedDemoHistories(tx, { clinics: [demo, other], patients: inserted, staff });
    await seedDemoPrograms(tx, { clinics: [demo, other], patients: inserted, staff });
    await seedDemoLogs(tx, { clinics: [demo, other], patients: inserted, staff });
    // Flags are computed by the escalation engine from what was seeded, never inserted directly.
    for (const clinic of [demo, other]) {
      const ids = inserted.filter((p) => p.clinicId === clinic.id).map((p) => p.id);
      await recomputeFlags(tx, clinic.id, ids, todayIn(clinic.timeZone));
    }
  });
}
