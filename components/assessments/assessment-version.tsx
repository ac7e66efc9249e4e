import { formatDate } from "@/components/mas/format-date";
import { GradeChip } from "@/components/mas/grade-chip";
import {
  compareGrades,
  keyLabel,
  NEURO_SIGN_LABEL,
  NEURO_SIGNS,
  POSITION_LABEL,
} from "@/lib/clinical/mas";
import type { AssessmentDto } from "@/lib/data/assessments";

/** One version of an assessment, as recorded: who, when, what, and why it was corrected. */
export function AssessmentVersion({
  version,
  label,
  current,
}: {
  version: AssessmentDto;
  label: string;
  current: boolean;
}) {
  const scores = [...version.scores].sort((a, b) => compareGrades(b.grade, a.grade));
  const signs = NEURO_SIGNS.filter((s) => version[s]);
  return (
    <article
      className={`rounded-lg border bg-white p-5 ${current ? "border-accent-600" : "border-slate-200"}`}
    >
      <header className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-lg font-semibold">
          {label}{" "}
          {current ? (
            <span className="ml-2 rounded bg-accent-50 px-2 py-0.5 text-sm font-medium text-accent-800">
              Current
            </span>
          ) : (
            <span className="ml-2 rounded bg-slate-100 px-2 py-0.5 text-sm font-medium text-slate-800">
              Superseded
            </span>
          )}
        </h2>
        <p className="text-sm text-slate-700">
          Recorded by {version.assessorName} on{" "}
          {new Date(version.recordedAt).toLocaleString("en-GB", { timeZone: "UTC" })} UTC
        </p>
      </header>
      {version.amendmentReason ? (
        <p className="mb-3">
          <span className="font-medium">Reason for correction:</span> {version.amendmentReason}
        </p>
      ) : null}
      <dl className="mb-3 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
        <div>
          <dt className="inline font-medium">Assessed on: </dt>
          <dd className="inline">{formatDate(version.assessedOn)}</dd>
        </div>
        <div>
          <dt className="inline font-medium">Position: </dt>
          <dd className="inline">{POSITION_LABEL[version.position]}</dd>
        </div>
        {version.hoursSinceOralDose !== null ? (
          <div>
            <dt className="inline font-medium">Hours since oral dose: </dt>
            <dd className="inline">{version.hoursSinceOralDose}</dd>
          </div>
        ) : null}
        {version.daysSinceToxin !== null ? (
          <div>
            <dt className="inline font-medium">Days since toxin: </dt>
            <dd className="inline">{version.daysSinceToxin}</dd>
          </div>
        ) : null}
        <div className="sm:col-span-2">
          <dt className="inline font-medium">Neurological signs: </dt>
          <dd className="inline">
            {signs.length ? signs.map((s) => NEURO_SIGN_LABEL[s]).join("; ") : "none recorded"}
          </dd>
        </div>
        {version.notes ? (
          <div className="sm:col-span-2">
            <dt className="inline font-medium">Notes: </dt>
            <dd className="inline whitespace-pre-wrap">{version.notes}</dd>
          </div>
        ) : null}
      </dl>
      <table className="text-left text-sm">
        <caption className="sr-only">Grades in this version</caption>
        <thead>
          <tr>
            <th scope="col" className="py-1 pr-6 font-medium">
              Muscle group and side
            </th>
            <th scope="col" className="py-1 font-medium">
              Grade
            </th>
          </tr>
        </thead>
        <tbody>
          {scores.map((s) => (
            <tr key={`${s.muscleGroup}:${s.side}`} className="border-t border-slate-100">
              <th scope="row" className="py-1 pr-6 font-normal">
                {keyLabel(s.muscleGroup, s.side)}
              </th>
              <td className="py-1">
                <GradeChip grade={s.grade} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </article>
  );
}
