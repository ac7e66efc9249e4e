import type { Metadata } from "next";
import Link from "next/link";
import { formatDate } from "@/components/mas/format-date";
import { ProgramHandout } from "@/components/programs/program-handout";
import { PrintButton } from "@/components/ui/print-button";
import { versionInForce } from "@/lib/clinical/program-schedule";
import { loadMyProgram } from "../load-my-program";

export const metadata: Metadata = { title: "Program handout" };

export default async function MyProgramPrintPage() {
  const { viewer, me, today, programs } = await loadMyProgram();
  const current = programs
    .map((p) => ({
      program: p,
      version: versionInForce(p.versions, today < p.startDate ? p.startDate : today),
    }))
    .filter((x) => x.version && x.version.items.length > 0);
  return (
    <>
      <div className="no-print mb-6 flex flex-wrap items-center gap-4">
        <PrintButton label="Print handout" />
        <Link href="/my/program" className="text-accent-700 underline underline-offset-4">
          Back to today's program
        </Link>
      </div>
      <ProgramHandout
        patientName={`${me.givenName} ${me.familyName}`}
        clinicName={viewer.clinicName}
        therapistName={me.therapistName}
        printedOn={formatDate(today)}
        programs={current.map(({ program, version }) => ({
          title: program.title,
          period: `${formatDate(program.startDate)} to ${formatDate(program.lastDay)}`,
          items: version?.items ?? [],
        }))}
      />
    </>
  );
}
