import type { Metadata } from "next";
import { ExerciseForm } from "@/components/programs/exercise-form";
import { Card, PageHeader } from "@/components/ui/page-header";
import { requireViewer, STAFF } from "@/lib/auth/viewer";
import { describeDosage } from "@/lib/clinical/dosage";
import { MUSCLE_GROUP_INFO } from "@/lib/clinical/mas";
import { listExercises } from "@/lib/data/exercises";
import { createExerciseAction } from "./actions";

export const metadata: Metadata = { title: "Exercise library" };

const KINDS = [
  { kind: "stretch", title: "Stretches" },
  { kind: "strength", title: "Strength" },
  { kind: "movement", title: "Movement" },
] as const;

export default async function ExercisesPage() {
  const viewer = await requireViewer(STAFF);
  const library = await listExercises(viewer);
  return (
    <>
      <PageHeader
        title="Exercise library"
        description="Built-in exercises are read-only; add your clinic's own below."
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          {KINDS.map(({ kind, title }) => (
            <Card key={kind} title={title}>
              <ul className="divide-y divide-slate-100">
                {library
                  .filter((e) => e.kind === kind)
                  .map((e) => (
                    <li key={e.id} className="py-3">
                      <details>
                        <summary className="cursor-pointer">
                          <span className="font-medium">{e.name}</span>
                          {e.builtIn ? null : (
                            <span className="ml-2 rounded bg-accent-50 px-2 py-0.5 text-sm text-accent-800">
                              Clinic
                            </span>
                          )}
                          <span className="block text-sm text-slate-700">
                            {e.muscleGroups.map((g) => MUSCLE_GROUP_INFO[g].short).join(", ")} ·
                            default: {describeDosage({ ...e, side: "both" })}
                          </span>
                        </summary>
                        <p className="mt-2">{e.summary}</p>
                        <ol className="mt-1 list-inside list-decimal text-sm">
                          {e.steps.map((s) => (
                            <li key={s}>{s}</li>
                          ))}
                        </ol>
                        {e.safety.length ? (
                          <p className="mt-1 text-sm italic">Safety: {e.safety.join(" ")}</p>
                        ) : null}
                      </details>
                    </li>
                  ))}
              </ul>
            </Card>
          ))}
        </div>
        <Card title="Add a clinic exercise">
          <ExerciseForm action={createExerciseAction} />
        </Card>
      </div>
    </>
  );
}
