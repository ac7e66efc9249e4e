/** @jsxImportSource preact */
import { keyLabel, type MuscleGroup, type Side } from "@/lib/clinical/mas";
import { chronological, summariseKeys } from "@/lib/clinical/mas-history";
import type { AssessmentDto } from "@/lib/data/assessments";
import type { ToxinInjectionDto, TreatmentsDto } from "@/lib/data/treatments";
import { formatDate } from "./format-date";
import { gradeClasses } from "./grade-style";
import { keyId } from "./key-series";
import { ToxinMarker } from "./toxin-marker";

const CAPTION = "Modified Ashworth grades by muscle group and side";

/** Where a toxin injection is drawn: a column index, or the trailing "after last assessment" column. */
type Placement = number | "after";

/**
 * An injection belongs before the first assessment on or after its date: that assessment is the
 * first one that can show its effect. Assessments are sorted oldest first, so a linear scan is
 * enough (a patient has tens of assessments, not thousands).
 */
function placeInjection(columns: readonly AssessmentDto[], injectedOn: string): Placement {
  const index = columns.findIndex((a) => a.assessedOn >= injectedOn);
  return index === -1 ? "after" : index;
}

/**
 * The whole MAS history at a glance: one row per muscle group and side that was ever graded (in
 * clinical order), one column per assessment (oldest first), each cell the printed grade on its
 * scale colour. Toxin injections appear in the injected key's row; `highlight` outlines keys that
 * an escalation flag points at.
 */
export function MasHeatmap({
  assessments,
  toxin,
  highlight = [],
}: {
  /** Effective versions only, as from `listAssessments`. */
  assessments: AssessmentDto[];
  toxin: TreatmentsDto["toxin"];
  highlight?: { muscleGroup: MuscleGroup; side: Side }[];
}) {
  const columns = chronological(assessments);
  // summariseKeys gives exactly the keys with at least one score, in clinical order.
  const rows = summariseKeys(columns);
  const highlighted = new Set(highlight.map((k) => keyId(k.muscleGroup, k.side)));

  const markers = new Map<string, ToxinInjectionDto[]>();
  let anyAfter = false;
  let anyMarker = false;
  const rowIds = new Set(rows.map((r) => keyId(r.muscleGroup, r.side)));
  for (const injection of toxin) {
    const id = keyId(injection.muscleGroup, injection.side);
    // An injected key that was never graded has no row; the treatment list still shows it.
    if (!rowIds.has(id)) continue;
    const placement = placeInjection(columns, injection.injectedOn);
    if (placement === "after") anyAfter = true;
    anyMarker = true;
    const cell = `${id}@${placement}`;
    markers.set(cell, [...(markers.get(cell) ?? []), injection]);
  }
  const anyHighlighted = rows.some((r) => highlighted.has(keyId(r.muscleGroup, r.side)));

  return (
    <div className="space-y-3">
      {/* Keyboard users must be able to scroll a wide table too, hence the focusable region. */}
      <section
        className="overflow-x-auto rounded-lg border border-slate-200 bg-white print:overflow-visible print:border-0"
        aria-label={`${CAPTION} (scrolls sideways)`}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
        tabIndex={0}
      >
        <table className="border-separate border-spacing-0 text-left tabular-nums [print-color-adjust:exact]">
          <caption className="px-3 pt-3 pb-1 text-left text-sm font-medium text-slate-800">
            {CAPTION}
          </caption>
          <thead>
            <tr>
              <th
                scope="col"
                className="sticky left-0 z-10 border-b border-slate-200 bg-white px-3 py-2 text-sm font-medium text-slate-700 print:static"
              >
                Muscle group and side
              </th>
              {columns.map((a, i) => (
                <th key={a.id} scope="col" className="heat-col">
                  {formatDate(a.assessedOn)}
                  {/* Two assessments on one day are both shown; say which was recorded later. */}
                  {columns[i - 1]?.assessedOn === a.assessedOn ? (
                    <span className="block text-xs font-normal text-slate-600">recorded later</span>
                  ) : null}
                  {a.amended ? (
                    <span className="block text-xs font-normal text-slate-600">amended</span>
                  ) : null}
                </th>
              ))}
              {anyAfter ? (
                <th
                  scope="col"
                  className="border-b border-slate-200 px-2 py-2 text-center align-bottom text-xs font-medium text-slate-700"
                >
                  After last assessment
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const id = keyId(row.muscleGroup, row.side);
              const flagged = highlighted.has(id);
              // A flagged row is outlined as a whole (app/globals.css, .heat-flagged).
              return (
                <tr key={id} className={flagged ? "heat-flagged" : undefined}>
                  <th scope="row" className="heat-row">
                    {keyLabel(row.muscleGroup, row.side)}
                    {flagged ? <span className="sr-only"> (flagged)</span> : null}
                  </th>
                  {columns.map((a, index) => {
                    const score = a.scores.find(
                      (s) => s.muscleGroup === row.muscleGroup && s.side === row.side,
                    );
                    const injections = markers.get(`${id}@${index}`) ?? [];
                    const grade = score ? (
                      score.grade
                    ) : (
                      <>
                        <span aria-hidden="true">–</span>
                        <span className="sr-only">not tested</span>
                      </>
                    );
                    return (
                      <td
                        key={a.id}
                        className={`heat-cell ${
                          score
                            ? `${gradeClasses(score.grade)} heat-graded`
                            : "bg-white text-slate-600"
                        }`}
                      >
                        {/* A marker and the grade side by side; a grade alone needs no wrapper. */}
                        {injections.length > 0 ? (
                          <span className="inline-flex items-center justify-center gap-1.5">
                            {injections.map((injection) => (
                              <ToxinMarker key={injection.id} injection={injection} />
                            ))}
                            {grade}
                          </span>
                        ) : (
                          grade
                        )}
                      </td>
                    );
                  })}
                  {anyAfter ? (
                    <td className="heat-cell bg-white">
                      <span className="inline-flex items-center justify-center gap-1.5">
                        {(markers.get(`${id}@after`) ?? []).map((injection) => (
                          <ToxinMarker key={injection.id} injection={injection} />
                        ))}
                      </span>
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
      {anyMarker || anyHighlighted ? (
        <ul className="space-y-1 text-sm text-slate-700">
          {anyMarker ? (
            <li className="flex items-center gap-2">
              <span
                aria-hidden="true"
                className="inline-flex size-5 items-center justify-center rounded-full border border-slate-900 bg-white text-xs font-bold text-slate-900"
              >
                T
              </span>
              Botulinum toxin injection, shown at the first assessment on or after the injection
              date.
            </li>
          ) : null}
          {anyHighlighted ? (
            <li className="flex items-center gap-2">
              <span
                aria-hidden="true"
                className="inline-block h-4 w-8 border-[3px] border-slate-900"
              />
              Outlined rows are flagged for review.
            </li>
          ) : null}
        </ul>
      ) : null}
    </div>
  );
}
