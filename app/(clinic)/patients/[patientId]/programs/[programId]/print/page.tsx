import type { Metadata } from "next";
import Link from "next/link";
import { formatDate } from "@/components/mas/format-date";
import { ProgramHandout } from "@/components/programs/program-handout";
import { PrintButton } from "@/components/ui/print-button";
import { todayIn } from "@/lib/clinical/dates";
import { loadProgramOr404 } from "../load-program";

export const metadata: Metadata = { title: "Program handout" };

export default async function ProgramPrintPage({
  params,
}: {
  params: Promise<{ patientId: string; programId: string }>;
}) {
  const { patientId, programId } = await params;
  const { viewer, patient, program } = await loadProgramOr404(patientId, programId);
  return (
    <>
      <div className="no-print mb-6 flex flex-wrap items-center gap-4">
        <PrintButton label="Print handout" />
        <Link
          href={`/patients/${patient.id}#programs`}
          className="text-accent-700 underline underline-offset-4"
        >
          Back to {patient.givenName} {patient.familyName}
        </Link>
      </div>
      <ProgramHandout
        patientName={`${patient.givenName} ${patient.familyName}`}
        clinicName={viewer.clinicName}
        therapistName={patient.therapistName}
        printedOn={formatDate(todayIn(viewer.clinicTimeZone))}
        programs={[
          {
            title: program.title,
            period: `${formatDate(program.startDate)} to ${formatDate(program.lastDay)}`,
            items: program.current?.items ?? [],
          },
        ]}
      />
    </>
  );
}
