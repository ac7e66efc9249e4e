import type { Metadata } from "next";
import Link from "next/link";
import { formatDate } from "@/components/mas/format-date";
import { HoldTimer } from "@/components/programs/hold-timer";
import { buttonClass } from "@/components/ui/button-class";
import { EmptyState, PageHeader } from "@/components/ui/page-header";
import { describeDosage } from "@/lib/clinical/dosage";
import { loadMyProgram } from "./load-my-program";

export const metadata: Metadata = { title: "My program" };

const SIDE_HINT = { both: "left and right", left: "left side", right: "right side" } as const;

export default async function MyProgramPage() {
  const { me, today, items, programs } = await loadMyProgram();
  return (
    <>
      <PageHeader
        title="Today's program"
        description={`${formatDate(today)}${me.therapistName ? ` · set by ${me.therapistName}` : ""}`}
        actions={
          items.length > 0 ? (
            <Link href="/my/program/print" className={buttonClass("secondary")}>
              Printable handout
            </Link>
          ) : null
        }
      />
      {items.length === 0 ? (
        <EmptyState
          title={
            programs.length > 0
              ? "Nothing to do today: your program is paused or starts later."
              : "Your therapist has not assigned a program yet."
          }
        >
          {programs
            .map((p) => `${p.title}: ${formatDate(p.startDate)} to ${formatDate(p.lastDay)}`)
            .join(" · ")}
        </EmptyState>
      ) : (
        <>
          <p className="mb-6 max-w-3xl text-lg text-slate-800">
            Go gently. Stop if you feel sharp pain, new numbness or strong spasms. Rest between
            holds; on a tired day, once is still worth doing. Keep cool: heat can make MS symptoms
            worse.
          </p>
          <ol className="space-y-6">
            {items.map((item, index) => (
              <li key={item.id}>
                <article
                  aria-labelledby={`item-${item.id}`}
                  className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm"
                >
                  <p className="text-sm font-medium text-slate-600">{item.programTitle}</p>
                  <h2 id={`item-${item.id}`} className="text-xl font-semibold">
                    {index + 1}. {item.exerciseName}
                  </h2>
                  <p className="mt-2 text-lg font-semibold text-accent-800" data-testid="dosage">
                    {describeDosage(item)}
                  </p>
                  {item.note ? (
                    <p className="mt-1 text-lg">Note from your therapist: {item.note}</p>
                  ) : null}
                  <div className="mt-4 grid gap-6 lg:grid-cols-2">
                    <div>
                      <h3 className="font-semibold">How to do it</h3>
                      <ol className="mt-1 list-inside list-decimal space-y-1 text-lg">
                        {item.steps.map((step) => (
                          <li key={step}>{step}</li>
                        ))}
                      </ol>
                      {item.safety.length > 0 ? (
                        <>
                          <h3 className="mt-3 font-semibold">Safety</h3>
                          <ul className="mt-1 list-inside list-disc space-y-1 text-lg">
                            {item.safety.map((cue) => (
                              <li key={cue}>{cue}</li>
                            ))}
                          </ul>
                        </>
                      ) : null}
                    </div>
                    {item.kind === "stretch" && item.holdSeconds ? (
                      <HoldTimer
                        exerciseName={item.exerciseName}
                        holdSeconds={item.holdSeconds}
                        repetitions={item.repetitions}
                        sideLabel={item.side === "both" ? SIDE_HINT.both : undefined}
                      />
                    ) : null}
                  </div>
                </article>
              </li>
            ))}
          </ol>
        </>
      )}
    </>
  );
}
