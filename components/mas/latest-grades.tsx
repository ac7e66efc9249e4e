import { keyLabel } from "@/lib/clinical/mas";
import { type KeySummary, summariseKeys } from "@/lib/clinical/mas-history";
import type { AssessmentDto } from "@/lib/data/assessments";
import { formatDate } from "./format-date";
import { GradeChip } from "./grade-chip";

const steps = (n: number) => `${n} ${n === 1 ? "step" : "steps"}`;

/**
 * The change since the previous assessment of the same key, in words (DESIGN §7: words, not
 * codes): a step is one rank on the scale, so 1 → 1+ is one step.
 */
export function describeChange(summary: Pick<KeySummary, "change" | "previous">): string {
  const { change, previous } = summary;
  if (change === null || previous === null) return "First assessment";
  if (change > 0) return `Worse by ${steps(change)} (was ${previous.grade})`;
  if (change < 0) return `Better by ${steps(-change)} (was ${previous.grade})`;
  return "No change";
}

/** For each muscle group and side ever graded: the latest grade, when, and the change. */
export function LatestGrades({ assessments }: { assessments: AssessmentDto[] }) {
  const summaries = summariseKeys(assessments);
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left tabular-nums">
        <caption className="px-4 pt-3 pb-1 text-left text-sm font-medium text-slate-800">
          Latest grade per muscle group and side
        </caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-sm text-slate-700">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">
              Muscle group and side
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              Latest grade
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              Assessed on
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              Change since previous
            </th>
          </tr>
        </thead>
        <tbody>
          {summaries.map((s) => {
            const worse = s.change !== null && s.change > 0;
            return (
              <tr
                key={`${s.muscleGroup}:${s.side}`}
                className="border-b border-slate-100 last:border-0"
              >
                <th scope="row" className="px-4 py-2 font-medium text-slate-900">
                  {keyLabel(s.muscleGroup, s.side)}
                </th>
                <td className="px-4 py-2">
                  <GradeChip grade={s.latest.grade} />
                </td>
                <td className="px-4 py-2 whitespace-nowrap">{formatDate(s.latest.assessedOn)}</td>
                {/* Worse is the one that matters clinically: weight, not colour, sets it apart. */}
                <td
                  className={`px-4 py-2 ${worse ? "font-semibold text-slate-900" : "text-slate-700"}`}
                >
                  {describeChange(s)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
