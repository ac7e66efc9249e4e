import Link from "next/link";
import { h } from "preact";
import { formatDate } from "@/components/mas/format-date";
import { keyId } from "@/components/mas/key-series";
import { LatestGrades } from "@/components/mas/latest-grades";
import { MasHeatmap } from "@/components/mas/mas-heatmap";
import { MasLegend } from "@/components/mas/mas-legend";
import { MasTrendCharts } from "@/components/mas/mas-trend-chart";
import { buttonClass } from "@/components/ui/button-class";
import { EmptyState } from "@/components/ui/page-header";
import { StaticMarkup } from "@/components/ui/static-markup";
import { type MuscleGroup, masRank, type Side } from "@/lib/clinical/mas";
import type { AssessmentDto } from "@/lib/data/assessments";
import type { TreatmentsDto } from "@/lib/data/treatments";

/** The MAS history of one patient: latest grades, heatmap, trends, and each assessment's record. */
export function AssessmentsSection({
  patientId,
  assessments,
  treatments,
  today,
  recorded,
  highlight,
  historyFrom = null,
  allTrends = false,
}: {
  patientId: string;
  assessments: AssessmentDto[];
  /** Show the heatmap and trends from this date (YYYY-MM-DD) on; null: the whole history. */
  historyFrom?: string | null;
  treatments: TreatmentsDto;
  today: string;
  recorded: boolean;
  highlight?: {
    muscleGroup: AssessmentDto["scores"][number]["muscleGroup"];
    side: "left" | "right";
  }[];
  /** Chart every muscle group's trend, not only those graded 2 or more or flagged (`?trends=all`). */
  allTrends?: boolean;
}) {
  // A long history is summarised by its latest grades; the heatmap and the trends show the
  // window (at least the latest assessment), so the page stays light however long the history.
  const latest = assessments.at(-1)?.assessedOn;
  const from = historyFrom && latest && latest < historyFrom ? latest : historyFrom;
  const shown = from ? assessments.filter((a) => a.assessedOn >= from) : assessments;
  const earlier = assessments.length - shown.length;
  const toxinShown = from ? treatments.toxin.filter((t) => t.injectedOn >= from) : treatments.toxin;
  const trends = trendFocus(shown, highlight ?? [], allTrends);
  const query = historyFrom === null ? "history=all&" : "";
  return (
    <section
      id="assessments"
      aria-labelledby="assessments-heading"
      className="space-y-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm"
    >
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="assessments-heading" className="text-lg font-semibold">
          Modified Ashworth assessments
        </h2>
        <Link href={`/patients/${patientId}/assessments/new`} className={buttonClass("primary")}>
          Record assessment
        </Link>
      </div>
      {recorded ? (
        <p
          role="status"
          className="rounded-md border border-emerald-700 bg-emerald-50 px-4 py-3 font-medium text-emerald-900"
        >
          Assessment saved.
        </p>
      ) : null}
      {assessments.length === 0 ? (
        <EmptyState title="No assessments recorded yet.">
          Record the first assessment to see grades per muscle group and side over time.
        </EmptyState>
      ) : (
        <>
          <LatestGrades assessments={assessments} />
          <HistoryWindow patientId={patientId} from={from} hidden={earlier} />
          <div className="space-y-3">
            <h3 className="font-semibold">History</h3>
            <StaticMarkup>
              {h(MasHeatmap, { assessments: shown, toxin: toxinShown, highlight })}
            </StaticMarkup>
            <MasLegend />
          </div>
          <div id="trends" className="space-y-3">
            <h3 className="font-semibold">Trends</h3>
            {trends.keys ? (
              <p className="text-slate-700">
                Charted: the {trends.keys.size} muscle {trends.keys.size === 1 ? "group" : "groups"}{" "}
                graded 2 or more in this period, or flagged. The other {trends.others} stayed below
                2 (see the history above).{" "}
                <Link
                  href={`/patients/${patientId}?${query}trends=all#trends`}
                  className="inline-flex min-h-11 items-center text-accent-700 underline underline-offset-4"
                >
                  Show all {trends.keys.size + trends.others} trends
                </Link>
              </p>
            ) : null}
            <StaticMarkup>
              {h(MasTrendCharts, {
                assessments: shown,
                treatments: { ...treatments, toxin: toxinShown },
                asOf: today,
                only: trends.keys,
              })}
            </StaticMarkup>
          </div>
          <details>
            <summary className="inline-flex min-h-11 cursor-pointer items-center font-medium text-accent-700">
              All assessments ({assessments.length}): view or correct
            </summary>
            <ul className="mt-2 divide-y divide-slate-100">
              {[...assessments].reverse().map((a) => (
                <li key={a.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                  <span>
                    {formatDate(a.assessedOn)} · {a.assessorName} · {a.scores.length}{" "}
                    {a.scores.length === 1 ? "grade" : "grades"}
                    {a.amended ? (
                      <span className="ml-2 rounded bg-amber-100 px-2 py-0.5 text-sm text-amber-900">
                        Corrected
                      </span>
                    ) : null}
                  </span>
                  <Link
                    href={`/patients/${patientId}/assessments/${a.rootId}`}
                    prefetch={false}
                    className="inline-flex min-h-11 items-center text-accent-700 underline underline-offset-4"
                  >
                    View record of {formatDate(a.assessedOn)}
                  </Link>
                </li>
              ))}
            </ul>
          </details>
        </>
      )}
    </section>
  );
}

/**
 * Which muscle groups get a trend chart: those graded 2 or more in the period shown, or flagged.
 * Grades below 2 stay visible in the heatmap; when no group stands out (or on request), all of
 * them are charted. `keys` undefined: chart all; `others`: how many are left out.
 */
export function trendFocus(
  shown: AssessmentDto[],
  highlight: { muscleGroup: MuscleGroup; side: Side }[],
  all: boolean,
): { keys: Set<string> | undefined; others: number } {
  const graded = new Set<string>();
  const focus = new Set(highlight.map((k) => keyId(k.muscleGroup, k.side)));
  for (const a of shown)
    for (const s of a.scores) {
      const id = keyId(s.muscleGroup, s.side);
      graded.add(id);
      if (masRank(s.grade) >= masRank("2")) focus.add(id);
    }
  const keys = new Set([...focus].filter((id) => graded.has(id)));
  if (all || keys.size === 0 || keys.size === graded.size) return { keys: undefined, others: 0 };
  return { keys, others: graded.size - keys.size };
}

/** Which part of the history the heatmap and trends show, and the link to the rest. */
function HistoryWindow({
  patientId,
  from,
  hidden,
}: {
  patientId: string;
  from: string | null;
  hidden: number;
}) {
  if (from && hidden === 0) return null;
  return (
    <p className="text-slate-700">
      {from ? (
        <>
          Showing assessments since {formatDate(from)}; {hidden} earlier{" "}
          {hidden === 1 ? "assessment is" : "assessments are"} not in the heatmap and trends.{" "}
          <Link
            href={`/patients/${patientId}?history=all#assessments`}
            className="inline-flex min-h-11 items-center text-accent-700 underline underline-offset-4"
          >
            Show the whole history
          </Link>
        </>
      ) : (
        <>
          Showing the whole history.{" "}
          <Link
            href={`/patients/${patientId}#assessments`}
            className="inline-flex min-h-11 items-center text-accent-700 underline underline-offset-4"
          >
            Show the last 12 months
          </Link>
        </>
      )}
    </p>
  );
}
