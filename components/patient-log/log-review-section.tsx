import { h } from "preact";
import { SimpleForm } from "@/components/forms/simple-form";
import { AdherenceCalendar } from "@/components/logs/adherence-calendar";
import { AdherenceFigures } from "@/components/logs/adherence-figures";
import { LogTrendChart } from "@/components/logs/log-trend-chart";
import { ReportFlags } from "@/components/logs/report-flags";
import { formatDate } from "@/components/mas/format-date";
import { EmptyState } from "@/components/ui/page-header";
import { StaticMarkup } from "@/components/ui/static-markup";
import { addDays } from "@/lib/clinical/dates";
import type { PatientLogSummary } from "@/lib/data/logs";
import type { FormState } from "@/lib/forms/form-state";

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

/** What the patient logged, for the therapist: adherence, trends, reports that need attention, notes. */
export function LogReviewSection({
  patientId,
  summary,
  reviewAction,
}: {
  patientId: string;
  summary: PatientLogSummary;
  reviewAction: Action;
}) {
  const from = summary.daily[0]?.date ?? addDays(summary.today, -60);
  const points = (pick: (l: PatientLogSummary["logs"][number]) => number | null) =>
    summary.logs.map((l) => ({ date: l.date, value: pick(l) }));
  const notes = [...summary.logs].reverse().filter((l) => l.note);
  return (
    <section
      id="logs"
      aria-labelledby="logs-heading"
      className="space-y-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h2 id="logs-heading" className="text-lg font-semibold">
          Patient logs
        </h2>
        <p className="text-sm text-slate-700">
          {summary.logs.length} {summary.logs.length === 1 ? "log" : "logs"} in the last{" "}
          {summary.daily.length} days
          {summary.latestReview
            ? ` · reviewed up to ${formatDate(summary.latestReview.reviewedThrough)} by ${summary.latestReview.reviewerName}`
            : " · not reviewed yet"}
        </p>
      </div>
      <AdherenceFigures figures={summary.adherence} />
      <ReportFlags
        reports={summary.logs.map((l) => ({
          date: l.date,
          triggers: l.triggers,
          newWeakness: l.newWeakness,
          wasting: l.wasting,
          twitching: l.symptoms.includes("twitching"),
        }))}
      />
      {summary.logs.length === 0 ? (
        <EmptyState title="No logs yet.">
          What the patient logs at home will appear here.
        </EmptyState>
      ) : (
        <>
          <StaticMarkup>
            {h(AdherenceCalendar, {
              days: summary.daily,
              caption: `Daily adherence, last ${summary.daily.length} days`,
            })}
          </StaticMarkup>
          <div className="grid items-start gap-4 lg:grid-cols-3 print:grid-cols-2">
            <StaticMarkup>
              {h(LogTrendChart, {
                metric: "nrs",
                points: points((l) => l.spasticityNrs),
                from,
                to: summary.today,
              })}
            </StaticMarkup>
            <StaticMarkup>
              {h(LogTrendChart, {
                metric: "pain",
                points: points((l) => l.pain),
                from,
                to: summary.today,
              })}
            </StaticMarkup>
            <StaticMarkup>
              {h(LogTrendChart, {
                metric: "penn",
                points: points((l) => l.pennFrequency),
                from,
                to: summary.today,
              })}
            </StaticMarkup>
          </div>
          {notes.length > 0 ? (
            <div>
              <h3 className="mb-2 font-semibold">Notes from the patient</h3>
              <ul className="space-y-2">
                {notes.slice(0, 8).map((l) => (
                  <li key={l.id} className="rounded-md bg-slate-50 p-3">
                    <span className="font-medium">{formatDate(l.date)}:</span>{" "}
                    <span className="whitespace-pre-wrap">{l.note}</span>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </>
      )}
      <details>
        <summary className="inline-flex min-h-11 cursor-pointer items-center font-medium text-accent-700">
          Mark logs reviewed
        </summary>
        <SimpleForm
          action={reviewAction}
          idPrefix="review"
          hidden={{ patientId }}
          submitLabel="Mark reviewed"
          fields={[
            {
              kind: "date",
              name: "reviewedThrough",
              label: "Reviewed up to",
              required: true,
              defaultValue: summary.today,
              max: summary.today,
            },
            {
              kind: "text",
              name: "note",
              label: "Note to the patient (optional)",
              hint: "They see it on their history page.",
              maxLength: 2000,
            },
          ]}
        />
      </details>
    </section>
  );
}
