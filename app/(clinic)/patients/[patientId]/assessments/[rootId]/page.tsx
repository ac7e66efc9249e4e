import type { Metadata } from "next";
import Link from "next/link";
import { AssessmentVersion } from "@/components/assessments/assessment-version";
import { formatDate } from "@/components/mas/format-date";
import { buttonClass } from "@/components/ui/button-class";
import { PageHeader } from "@/components/ui/page-header";
import { loadVersionsOr404 } from "./load-versions";

export const metadata: Metadata = { title: "Assessment history" };

export default async function AssessmentHistoryPage({
  params,
  searchParams,
}: {
  params: Promise<{ patientId: string; rootId: string }>;
  searchParams: Promise<{ corrected?: string }>;
}) {
  const { patientId, rootId } = await params;
  const { corrected } = await searchParams;
  const { patient, versions } = await loadVersionsOr404(patientId, rootId);
  const current = versions.at(-1);
  if (!current) return null;
  return (
    <>
      <PageHeader
        title={`Assessment of ${formatDate(current.assessedOn)}`}
        description={
          <>
            <Link
              href={`/patients/${patient.id}`}
              className="text-accent-700 underline underline-offset-4"
            >
              {patient.givenName} {patient.familyName}
            </Link>
            {versions.length > 1
              ? ` · corrected ${versions.length - 1} ${versions.length === 2 ? "time" : "times"}; every version is kept.`
              : " · original version."}
          </>
        }
        actions={
          <Link
            href={`/patients/${patient.id}/assessments/${rootId}/correct`}
            className={buttonClass("secondary")}
          >
            Correct this assessment
          </Link>
        }
      />
      {corrected ? (
        <p
          role="status"
          className="mb-6 rounded-md border border-emerald-700 bg-emerald-50 px-4 py-3 font-medium text-emerald-900"
        >
          Correction saved. The earlier version stays in the history below.
        </p>
      ) : null}
      <ol className="space-y-4">
        {[...versions].reverse().map((version, i) => (
          <li key={version.id}>
            <AssessmentVersion
              version={version}
              current={i === 0}
              label={version.supersedesId ? `Correction ${versions.indexOf(version)}` : "Original"}
            />
          </li>
        ))}
      </ol>
    </>
  );
}
