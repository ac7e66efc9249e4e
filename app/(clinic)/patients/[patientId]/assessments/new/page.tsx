import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import Link from "next/link";
import { AssessmentForm } from "@/components/assessments/assessment-form";
import { Card, PageHeader } from "@/components/ui/page-header";
import { todayIn } from "@/lib/clinical/dates";
import { loadPatientOr404 } from "../../load-patient";
import { recordAssessmentAction } from "../actions";

export const metadata: Metadata = { title: "New assessment" };

export default async function NewAssessmentPage({
  params,
}: {
  params: Promise<{ patientId: string }>;
}) {
  const { patientId } = await params;
  const { viewer, patient } = await loadPatientOr404(patientId);
  const today = todayIn(viewer.clinicTimeZone);
  return (
    <>
      <PageHeader
        title="New Modified Ashworth assessment"
        description={
          <>
            For{" "}
            <Link
              href={`/patients/${patient.id}`}
              className="text-accent-700 underline underline-offset-4"
            >
              {patient.givenName} {patient.familyName}
            </Link>
            . Grade tone per muscle group and side.
          </>
        }
      />
      <Card>
        <AssessmentForm
          action={recordAssessmentAction}
          patientId={patient.id}
          today={today}
          submitLabel="Save assessment"
          requestId={randomUUID()}
          initial={{
            assessedOn: today,
            position: "supine",
            hoursSinceOralDose: "",
            daysSinceToxin: "",
            notes: "",
            fasciculations: false,
            weakness: false,
            wasting: false,
            grades: {},
          }}
        />
      </Card>
    </>
  );
}
