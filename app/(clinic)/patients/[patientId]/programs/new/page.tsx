import type { Metadata } from "next";
import Link from "next/link";
import { ProgramForm } from "@/components/programs/program-form";
import { Card, PageHeader } from "@/components/ui/page-header";
import { todayIn } from "@/lib/clinical/dates";
import { summariseKeys } from "@/lib/clinical/mas-history";
import { suggestedGroups } from "@/lib/clinical/suggested-groups";
import { listAssessments } from "@/lib/data/assessments";
import { listExercises } from "@/lib/data/exercises";
import { listTemplates } from "@/lib/data/templates";
import { loadPatientOr404 } from "../../load-patient";
import { createProgramAction } from "../actions";

export const metadata: Metadata = { title: "Assign a program" };

export default async function NewProgramPage({
  params,
}: {
  params: Promise<{ patientId: string }>;
}) {
  const { patientId } = await params;
  const { viewer, patient } = await loadPatientOr404(patientId);
  const [library, templates, assessments] = await Promise.all([
    listExercises(viewer),
    listTemplates(viewer),
    listAssessments(viewer, patientId),
  ]);
  return (
    <>
      <PageHeader
        title="Assign a program"
        description={
          <>
            For{" "}
            <Link
              href={`/patients/${patient.id}`}
              className="text-accent-700 underline underline-offset-4"
            >
              {patient.givenName} {patient.familyName}
            </Link>
            . Muscle groups graded 1+ or higher on the latest assessment are suggested first.
          </>
        }
      />
      <Card>
        <ProgramForm
          action={createProgramAction}
          mode="create"
          patientId={patient.id}
          library={library}
          templates={templates}
          suggested={suggestedGroups(summariseKeys(assessments))}
          today={todayIn(viewer.clinicTimeZone)}
          initialItems={[]}
          submitLabel="Assign program"
        />
      </Card>
    </>
  );
}
