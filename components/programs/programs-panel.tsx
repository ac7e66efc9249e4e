import Link from "next/link";
import { SimpleForm } from "@/components/forms/simple-form";
import { formatDate } from "@/components/mas/format-date";
import { buttonClass } from "@/components/ui/button-class";
import { EmptyState } from "@/components/ui/page-header";
import { describeDosage } from "@/lib/clinical/dosage";
import type { ProgramDto, ProgramVersionDto } from "@/lib/data/programs";
import type { FormState } from "@/lib/forms/form-state";

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

const STATUS_LABEL = {
  planned: "Starts later",
  active: "Active",
  paused: "Paused",
  ended: "Ended",
} as const;
const STATUS_CLASS = {
  planned: "bg-slate-100 text-slate-800",
  active: "bg-emerald-100 text-emerald-900",
  paused: "bg-amber-100 text-amber-900",
  ended: "bg-slate-200 text-slate-800",
} as const;

function VersionItems({ version }: { version: ProgramVersionDto }) {
  return (
    <ol className="list-inside list-decimal space-y-1">
      {version.items.map((item) => (
        <li key={item.id}>
          <span className="font-medium">{item.exerciseName}</span>: {describeDosage(item)}
          {item.note ? <span className="text-slate-700"> · {item.note}</span> : null}
        </li>
      ))}
    </ol>
  );
}

/** A patient's programs for the therapist: current dosage, version history, pause / resume / end. */
export function ProgramsPanel({
  patientId,
  programs,
  today,
  commandAction,
  notice,
  earlier,
}: {
  patientId: string;
  programs: ProgramDto[];
  today: string;
  commandAction: Action;
  notice?: string;
  /**
   * Set when `programs` holds only those running, planned or ended in the last `weeks` weeks:
   * the panel says so and links to the page of all of them (`href`).
   */
  earlier?: { href: string; weeks: number };
}) {
  return (
    <section
      id="programs"
      aria-labelledby="programs-heading"
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm"
    >
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="programs-heading" className="text-lg font-semibold">
          Programs
        </h2>
        <Link href={`/patients/${patientId}/programs/new`} className={buttonClass("primary")}>
          Assign program
        </Link>
      </div>
      {notice ? (
        <p
          role="status"
          className="rounded-md border border-emerald-700 bg-emerald-50 px-4 py-3 font-medium text-emerald-900"
        >
          {notice}
        </p>
      ) : null}
      {earlier ? (
        <p className="text-slate-700">
          Programs running, planned, or ended in the last {earlier.weeks} weeks.{" "}
          <Link
            href={earlier.href}
            className="inline-flex min-h-11 items-center text-accent-700 underline underline-offset-4"
          >
            All programs, earlier ones included
          </Link>
        </p>
      ) : null}
      {programs.length === 0 ? (
        <EmptyState
          title={
            earlier ? `No program in the last ${earlier.weeks} weeks.` : "No program assigned yet."
          }
        >
          Assign stretch and strength work with clear dosage.
        </EmptyState>
      ) : null}
      {[...programs].reverse().map((program) => (
        <article
          key={program.id}
          aria-labelledby={`program-${program.id}`}
          className="rounded-lg border border-slate-200 p-4"
        >
          <header className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
            <h3 id={`program-${program.id}`} className="font-semibold">
              {program.title}{" "}
              <span
                className={`ml-2 rounded px-2 py-0.5 text-sm font-medium ${STATUS_CLASS[program.status]}`}
              >
                {STATUS_LABEL[program.status]}
              </span>
            </h3>
            <p className="text-sm text-slate-700">
              {formatDate(program.startDate)} to {formatDate(program.lastDay)}
              {program.current
                ? ` · version ${program.current.versionNo} from ${formatDate(program.current.effectiveFrom)}`
                : ""}
            </p>
          </header>
          {program.current ? <VersionItems version={program.current} /> : null}
          {program.pauses.length > 0 ? (
            <p className="mt-2 text-sm text-slate-700">
              Pauses:{" "}
              {program.pauses
                .map(
                  (p) =>
                    `${formatDate(p.pausedFrom)} to ${p.resumedOn ? formatDate(p.resumedOn) : "now"}`,
                )
                .join("; ")}
            </p>
          ) : null}
          {program.versions.length > 1 ? (
            <details className="mt-3">
              <summary className="inline-flex min-h-11 cursor-pointer items-center font-medium text-accent-700">
                Version history ({program.versions.length})
              </summary>
              <ol className="mt-2 space-y-3">
                {[...program.versions].reverse().map((v) => (
                  <li key={v.id} className="rounded-md bg-slate-50 p-3">
                    <p className="mb-1 text-sm font-medium">
                      Version {v.versionNo}, from {formatDate(v.effectiveFrom)} by {v.createdByName}
                      {v.changeNote ? `: ${v.changeNote}` : ""}
                    </p>
                    <VersionItems version={v} />
                  </li>
                ))}
              </ol>
            </details>
          ) : null}
          {program.status !== "ended" ? (
            <div className="mt-3 flex flex-wrap items-start gap-3">
              <Link
                href={`/patients/${patientId}/programs/${program.id}/edit`}
                prefetch={false}
                className={buttonClass("secondary")}
              >
                Change dosage or exercises<span className="sr-only"> of {program.title}</span>
              </Link>
              <Link
                href={`/patients/${patientId}/programs/${program.id}/print`}
                prefetch={false}
                className={buttonClass("secondary")}
              >
                Print handout<span className="sr-only"> of {program.title}</span>
              </Link>
              <details className="min-w-72">
                <summary className="inline-flex min-h-11 cursor-pointer items-center font-medium text-accent-700">
                  {program.status === "paused" ? "Resume or end" : "Pause or end"}
                  <span className="sr-only"> {program.title}</span>
                </summary>
                <SimpleForm
                  action={commandAction}
                  idPrefix={`cmd-${program.id}`}
                  hidden={{ patientId, programId: program.id }}
                  submitLabel="Apply"
                  fields={[
                    {
                      kind: "select",
                      name: "command",
                      label: "What to do",
                      required: true,
                      defaultValue: program.status === "paused" ? "resume" : "pause",
                      options:
                        program.status === "paused"
                          ? [
                              { value: "resume", label: "Resume" },
                              { value: "end", label: "End the program" },
                            ]
                          : [
                              { value: "pause", label: "Pause" },
                              { value: "end", label: "End the program" },
                            ],
                    },
                    {
                      kind: "date",
                      name: "date",
                      label: "From (pause) / on (resume) / last day (end)",
                      required: true,
                      defaultValue: today,
                    },
                  ]}
                />
              </details>
            </div>
          ) : null}
        </article>
      ))}
    </section>
  );
}
