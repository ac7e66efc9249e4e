import type { Metadata } from "next";
import Link from "next/link";
import { AssessmentForm } from "@/components/assessments/assessment-form";
import { formatDate } from "@/components/mas/format-date";
import { Card, PageHeader } from "@/components/ui/page-header";
import { todayIn } from "@/lib/clinical/dates";
import { scoreFieldName } from "@/lib/validation/assessment";
import { amendAssessmentAction } from "../../actions";
import { loadVersionsOr404 } from "../load-versions";

export const metadata: Metadata = { title: "Correct assessment" };

export default async function CorrectAssessmentPage({
  params,
}: {
  params: Promise<{ patientId: string; rootId: string }>;
}) {
  const { patientId, rootId } = await params;
  const { viewer, patient, versions } = await loadVersionsOr404(patientId, rootId);
  const current = versions.at(-1);
  if (!current) return null;
  return (
    <>
      <PageHeader
        title={`Correct the assessment of ${formatDate(current.assessedOn)}`}
        description={
          <>
            <Link
              href={`/patients/${patient.id}/assessments/${rootId}`}
              className="text-accent-700 underline underline-offset-4"
            >
              {patient.givenName} {patient.familyName}: assessment history
            </Link>
            . Your correction becomes the current version; the original is kept.
          </>
        }
      />
      <Card>
        <AssessmentForm
          action={amendAssessmentAction}
          patientId={patient.id}
          today={todayIn(viewer.clinicTimeZone)}
          submitLabel="Save correction"
          amend={{ supersedesId: current.id }}
          initial={{
            assessedOn: current.assessedOn,
            position: current.position,
            hoursSinceOralDose: current.hoursSinceOralDose?.toString() ?? "",
            daysSinceToxin: current.daysSinceToxin?.toString() ?? "",
            notes: current.notes ?? "",
            fasciculations: current.fasciculations,
            weakness: current.weakness,
            wasting: current.wasting,
            grades: Object.fromEntries(
              current.scores.map((s) => [scoreFieldName(s.muscleGroup, s.side), s.grade]),
            ),
          }}
        />
      </Card>
    </>
  );
}
