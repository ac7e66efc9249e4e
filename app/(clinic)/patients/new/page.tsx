import type { Metadata } from "next";
import { PatientForm } from "@/components/patients/patient-form";
import { Card, PageHeader } from "@/components/ui/page-header";
import { requireViewer, STAFF } from "@/lib/auth/viewer";
import { todayIn } from "@/lib/clinical/dates";
import { listTherapistOptions } from "@/lib/data/staff";
import { createPatientAction } from "../actions";

export const metadata: Metadata = { title: "New patient" };

export default async function NewPatientPage() {
  const viewer = await requireViewer(STAFF);
  const therapists = await listTherapistOptions(viewer);
  const primary = viewer.role === "therapist" ? viewer.userId : "";
  return (
    <>
      <PageHeader
        title="New patient"
        description="Add a person with MS to the clinic's caseload. You can invite them to the portal afterwards."
      />
      <Card>
        <PatientForm
          action={createPatientAction}
          therapists={therapists}
          today={todayIn(viewer.clinicTimeZone)}
          submitLabel="Add patient"
          initial={{
            givenName: "",
            familyName: "",
            dateOfBirth: "",
            msType: "",
            diagnosisYear: "",
            primaryTherapistId: primary,
          }}
        />
      </Card>
    </>
  );
}
