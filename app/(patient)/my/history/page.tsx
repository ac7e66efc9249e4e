import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { h } from "preact";
import { AdherenceCalendar } from "@/components/logs/adherence-calendar";
import { AdherenceFigures } from "@/components/logs/adherence-figures";
import { LogTrendChart } from "@/components/logs/log-trend-chart";
import { formatDate } from "@/components/mas/format-date";
import { buttonClass } from "@/components/ui/button-class";
import { Card, EmptyState, PageHeader } from "@/components/ui/page-header";
import { StaticMarkup } from "@/components/ui/static-markup";
import { requireViewer } from "@/lib/auth/viewer";
import { logStreaks } from "@/lib/clinical/streaks";
import { getLogSummary } from "@/lib/data/logs";

export const metadata: Metadata = { title: "My history" };

export default async function MyHistoryPage() {
  const viewer = await requireViewer(["patient"]);
  if (!viewer.patientId) notFound();
  const summary = await getLogSummary(viewer, viewer.patientId, 30);
  const streaks = logStreaks(
    summary.logs.map((l) => l.date),
    summary.today,
  );
  const from = summary.daily[0]?.date ?? summary.today;
  return (
    <>
      <PageHeader
        title="My history"
        description="The last 30 days."
        actions={
          <Link href="/my/log" className={buttonClass("primary")}>
            Log today
          </Link>
        }
      />
      <div className="space-y-6">
        {summary.latestReview?.note ? (
          <Card title="From your therapist">
            <p className="text-lg">{summary.latestReview.note}</p>
            <p className="mt-1 text-slate-700">
              {summary.latestReview.reviewerName},{" "}
              {formatDate(summary.latestReview.reviewedAt.slice(0, 10))}
            </p>
          </Card>
        ) : null}
        <Card title="How you are doing">
          {summary.logs.length === 0 ? (
            <EmptyState title="No logs yet.">
              Log your first day and your history starts here.
            </EmptyState>
          ) : (
            <div className="space-y-6">
              <p className="text-lg" data-testid="streaks">
                {streaks.current > 0
                  ? `You have logged ${streaks.current} ${streaks.current === 1 ? "day" : "days"} in a row.`
                  : "Log today to start a new run of days."}{" "}
                Your longest run in this period: {streaks.longest}{" "}
                {streaks.longest === 1 ? "day" : "days"}.
              </p>
              <AdherenceFigures figures={summary.adherence} />
              <StaticMarkup>
                {h(AdherenceCalendar, {
                  days: summary.daily,
                  caption: "Exercises done each day, last 30 days",
                })}
              </StaticMarkup>
              <div className="max-w-xl">
                <StaticMarkup>
                  {h(LogTrendChart, {
                    metric: "nrs",
                    points: summary.logs.map((l) => ({ date: l.date, value: l.spasticityNrs })),
                    from,
                    to: summary.today,
                  })}
                </StaticMarkup>
              </div>
            </div>
          )}
        </Card>
      </div>
    </>
  );
}
