import type { Metadata } from "next";
import Link from "next/link";
import { draftFrom } from "@/components/programs/item-draft";
import { ProgramForm } from "@/components/programs/program-form";
import { Card, PageHeader } from "@/components/ui/page-header";
import { todayIn } from "@/lib/clinical/dates";
import { summariseKeys } from "@/lib/clinical/mas-history";
import { suggestedGroups } from "@/lib/clinical/suggested-groups";
import { listAssessments } from "@/lib/data/assessments";
import { listExercises } from "@/lib/data/exercises";
import { addProgramVersionAction } from "../../actions";
import { loadProgramOr404 } from "../load-program";

export const metadata: Metadata = { title: "Change program" };

export default async function EditProgramPage({
  params,
}: {
  params: Promise<{ patientId: string; programId: string }>;
}) {
  const { patientId, programId } = await params;
  const { viewer, patient, program } = await loadProgramOr404(patientId, programId);
  const [library, assessments] = await Promise.all([
    listExercises(viewer),
    listAssessments(viewer, patientId),
  ]);
  return (
    <>
      <PageHeader
        title={`Change “${program.title}”`}
        description={
          <>
            For{" "}
            <Link
              href={`/patients/${patient.id}#programs`}
              className="text-accent-700 underline underline-offset-4"
            >
              {patient.givenName} {patient.familyName}
            </Link>
            . Saving creates version {(program.versions.at(-1)?.versionNo ?? 0) + 1} from the date
            you choose.
          </>
        }
      />
      <Card>
        <ProgramForm
          action={addProgramVersionAction}
          mode="version"
          patientId={patient.id}
          programId={program.id}
          library={library}
          templates={[]}
          suggested={suggestedGroups(summariseKeys(assessments))}
          today={todayIn(viewer.clinicTimeZone)}
          initialItems={(program.current?.items ?? []).map((i) => draftFrom(i))}
          submitLabel="Save new version"
        />
      </Card>
    </>
  );
}
