import type { Metadata } from "next";
import Link from "next/link";
import { ProgramsPanel } from "@/components/programs/programs-panel";
import { PageHeader } from "@/components/ui/page-header";
import { todayIn } from "@/lib/clinical/dates";
import { listPrograms } from "@/lib/data/programs";
import { loadPatientOr404 } from "../load-patient";
import { programCommandAction } from "./actions";

export const metadata: Metadata = { title: "Programs" };

/**
 * Every program of the patient, ended ones included, with each one's version history. The
 * patient page shows the programs of the last weeks and links here.
 */
export default async function PatientProgramsPage({
  params,
}: {
  params: Promise<{ patientId: string }>;
}) {
  const { patientId } = await params;
  const { viewer, patient } = await loadPatientOr404(patientId);
  const programs = await listPrograms(viewer, patientId);
  const ended = programs.filter((p) => p.status === "ended").length;
  return (
    <>
      <PageHeader
        title={`Programs of ${patient.givenName} ${patient.familyName}`}
        description={
          <>
            <Link
              href={`/patients/${patient.id}#programs`}
              className="inline-flex min-h-11 items-center text-accent-700 underline underline-offset-4"
            >
              Back to {patient.givenName} {patient.familyName}
            </Link>
            {` · ${programs.length} ${programs.length === 1 ? "program" : "programs"}, ${ended} ended`}
          </>
        }
      />
      <ProgramsPanel
        patientId={patient.id}
        programs={programs}
        today={todayIn(viewer.clinicTimeZone)}
        commandAction={programCommandAction}
      />
    </>
  );
}
