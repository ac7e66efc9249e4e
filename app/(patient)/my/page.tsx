import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { LatestGrades } from "@/components/mas/latest-grades";
import { buttonClass } from "@/components/ui/button-class";
import { Card, EmptyState, PageHeader } from "@/components/ui/page-header";
import { requireViewer } from "@/lib/auth/viewer";
import { listAssessments } from "@/lib/data/assessments";
import { getPatient } from "@/lib/data/patients";
import { listTodaysItems } from "@/lib/data/programs";

export const metadata: Metadata = { title: "My program" };

export default async function MyPage() {
  const viewer = await requireViewer(["patient"]);
  if (!viewer.patientId) notFound();
  const [me, assessments, today] = await Promise.all([
    getPatient(viewer, viewer.patientId),
    listAssessments(viewer, viewer.patientId),
    listTodaysItems(viewer, viewer.patientId),
  ]);
  return (
    <>
      <PageHeader
        title={`Hello, ${me.givenName}`}
        description={
          me.therapistName
            ? `Your therapist is ${me.therapistName}.`
            : "Your clinic has not named a therapist for you yet."
        }
      />
      <div className="space-y-6">
        <Card title="Your program">
          {today.items.length === 0 ? (
            <EmptyState
              title={
                today.programs.length > 0
                  ? "Nothing to do today: your program is paused or starts later."
                  : "Your therapist has not assigned a program yet."
              }
            >
              When there is, your stretches and exercises will be here with clear instructions and a
              hold timer.
            </EmptyState>
          ) : (
            <div className="space-y-4">
              <p className="text-lg">
                Today: {today.items.length} {today.items.length === 1 ? "exercise" : "exercises"}{" "}
                from {today.programs.map((p) => p.title).join(" and ")}.
              </p>
              <div className="flex flex-wrap gap-3">
                <Link href="/my/program" className={buttonClass("primary")}>
                  Open today's program
                </Link>
                <Link href="/my/log" className={buttonClass("secondary")}>
                  Log today
                </Link>
              </div>
            </div>
          )}
        </Card>
        <Card title="Your muscle tone">
          {assessments.length === 0 ? (
            <EmptyState title="No assessments yet.">
              After your therapist assesses your muscle tone, the latest results appear here.
            </EmptyState>
          ) : (
            <>
              <p className="mb-4 text-slate-700">
                Your therapist grades muscle tone on the Modified Ashworth Scale, from 0 (no
                increase in tone) to 4 (rigid). These are your latest grades; talk them through with
                your therapist.
              </p>
              <LatestGrades assessments={assessments} />
            </>
          )}
        </Card>
      </div>
    </>
  );
}
