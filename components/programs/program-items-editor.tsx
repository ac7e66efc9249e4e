"use client";

import { useId, useMemo, useState } from "react";
import { MUSCLE_GROUP_INFO, MUSCLE_GROUPS, type MuscleGroup } from "@/lib/clinical/mas";
import type { ExerciseDto } from "@/lib/data/exercises";
import { draftFrom, type ItemDraft } from "./item-draft";

const KIND_LABEL = { stretch: "Stretch", strength: "Strength", movement: "Movement" } as const;
const input =
  "block min-h-11 w-full rounded-md border border-slate-400 bg-white px-2 text-base aria-[invalid=true]:border-red-700";

/**
 * The exercises of a program or template: add from the library (search, muscle group, with the
 * muscle groups of the latest assessment suggested first), set each one's dosage, reorder, remove.
 * Controlled state, so nothing typed is lost when the server answers with errors.
 */
export function ProgramItemsEditor({
  library,
  items,
  onChange,
  suggested,
  errors,
}: {
  library: ExerciseDto[];
  items: ItemDraft[];
  onChange: (items: ItemDraft[]) => void;
  /** Muscle groups graded 1+ or higher on the latest assessment, with a short reason. */
  suggested: Partial<Record<MuscleGroup, string>>;
  errors: (name: string) => string[] | undefined;
}) {
  const id = useId();
  const [query, setQuery] = useState("");
  const [group, setGroup] = useState<MuscleGroup | "">("");

  const results = useMemo(() => {
    const q = query.trim().toLowerCase();
    const suggestion = (e: ExerciseDto) => e.muscleGroups.find((g) => suggested[g]);
    return library
      .filter(
        (e) =>
          (!q || e.name.toLowerCase().includes(q) || e.summary.toLowerCase().includes(q)) &&
          (!group || e.muscleGroups.includes(group)),
      )
      .map((e) => ({ exercise: e, suggestedFor: suggestion(e) }))
      .sort(
        (a, b) =>
          Number(Boolean(b.suggestedFor)) - Number(Boolean(a.suggestedFor)) ||
          a.exercise.name.localeCompare(b.exercise.name),
      )
      .slice(0, 12);
  }, [library, query, group, suggested]);

  const update = (index: number, patch: Partial<ItemDraft>) =>
    onChange(items.map((item, i) => (i === index ? { ...item, ...patch } : item)));
  const move = (index: number, by: -1 | 1) => {
    const next = [...items];
    const [moved] = next.splice(index, 1);
    if (moved) next.splice(index + by, 0, moved);
    onChange(next);
  };

  return (
    <div className="space-y-6">
      <fieldset className="space-y-3">
        <legend className="text-lg font-semibold">Exercises ({items.length})</legend>
        {errors("items") ? (
          <p className="font-medium text-red-800" id={`${id}-items-error`}>
            {errors("items")?.join(" ")}
          </p>
        ) : null}
        {items.length === 0 ? (
          <p className="text-slate-700">No exercises yet: add them from the library below.</p>
        ) : null}
        <ol className="space-y-4">
          {items.map((item, index) => {
            const field = (name: keyof ItemDraft) => `items:${index}:${name}`;
            const err = (name: keyof ItemDraft) => errors(field(name));
            const control = (name: keyof ItemDraft) => ({
              id: `${id}-${item.key}-${name}`,
              name: field(name),
              "aria-invalid": err(name) ? true : undefined,
              "aria-describedby": err(name) ? `${id}-${item.key}-${name}-error` : undefined,
            });
            const numberField = (
              name: "holdSeconds" | "repetitions" | "sets" | "sessionsPerDay" | "daysPerWeek",
              label: string,
            ) => (
              <div>
                <label htmlFor={`${id}-${item.key}-${name}`} className="block text-sm font-medium">
                  {label}
                </label>
                <input
                  {...control(name)}
                  inputMode="numeric"
                  value={item[name]}
                  onChange={(e) => update(index, { [name]: e.target.value })}
                  className={input}
                />
                {err(name) ? (
                  <p
                    id={`${id}-${item.key}-${name}-error`}
                    className="text-sm font-medium text-red-800"
                  >
                    {err(name)?.join(" ")}
                  </p>
                ) : null}
              </div>
            );
            return (
              <li
                key={item.key}
                className="rounded-lg border border-slate-200 p-4"
                aria-label={`${index + 1}. ${item.exerciseName}`}
              >
                <input type="hidden" name={field("exerciseId")} value={item.exerciseId} />
                <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
                  <p className="font-semibold">
                    {index + 1}. {item.exerciseName}{" "}
                    <span className="ml-1 rounded bg-slate-100 px-2 py-0.5 text-sm font-normal">
                      {KIND_LABEL[item.kind]}
                    </span>
                  </p>
                  <div className="flex gap-1">
                    <button
                      type="button"
                      onClick={() => move(index, -1)}
                      disabled={index === 0}
                      className="min-h-11 rounded-md px-3 text-accent-700 hover:bg-accent-50 disabled:opacity-40"
                    >
                      Move up<span className="sr-only"> {item.exerciseName}</span>
                    </button>
                    <button
                      type="button"
                      onClick={() => move(index, 1)}
                      disabled={index === items.length - 1}
                      className="min-h-11 rounded-md px-3 text-accent-700 hover:bg-accent-50 disabled:opacity-40"
                    >
                      Move down<span className="sr-only"> {item.exerciseName}</span>
                    </button>
                    <button
                      type="button"
                      onClick={() => onChange(items.filter((_, i) => i !== index))}
                      className="min-h-11 rounded-md px-3 text-red-800 hover:bg-red-50"
                    >
                      Remove<span className="sr-only"> {item.exerciseName}</span>
                    </button>
                  </div>
                </div>
                {err("exerciseId") ? (
                  <p className="mb-2 text-sm font-medium text-red-800">
                    {err("exerciseId")?.join(" ")}
                  </p>
                ) : null}
                <div className="grid gap-3 sm:grid-cols-3 lg:grid-cols-6">
                  {item.kind === "stretch" ? numberField("holdSeconds", "Hold (seconds)") : null}
                  {item.kind === "strength" ? numberField("sets", "Sets") : null}
                  {numberField(
                    "repetitions",
                    item.kind === "stretch" ? "Repetitions" : "Repetitions per set",
                  )}
                  {numberField("sessionsPerDay", "Sessions a day")}
                  {numberField("daysPerWeek", "Days a week")}
                  <div>
                    <label htmlFor={`${id}-${item.key}-side`} className="block text-sm font-medium">
                      Side
                    </label>
                    <select
                      {...control("side")}
                      value={item.side}
                      onChange={(e) => update(index, { side: e.target.value as ItemDraft["side"] })}
                      className={input}
                    >
                      <option value="both">Left and right</option>
                      <option value="left">Left only</option>
                      <option value="right">Right only</option>
                    </select>
                  </div>
                </div>
                <div className="mt-3">
                  <label htmlFor={`${id}-${item.key}-note`} className="block text-sm font-medium">
                    Note for the patient{" "}
                    <span className="font-normal text-slate-600">(optional)</span>
                  </label>
                  <input
                    {...control("note")}
                    maxLength={300}
                    value={item.note}
                    onChange={(e) => update(index, { note: e.target.value })}
                    className={input}
                  />
                  {err("note") ? (
                    <p className="text-sm font-medium text-red-800">{err("note")?.join(" ")}</p>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ol>
      </fieldset>

      <section
        aria-labelledby={`${id}-library`}
        className="rounded-lg border border-slate-200 bg-slate-50 p-4"
      >
        <h3 id={`${id}-library`} className="mb-3 font-semibold">
          Add from the exercise library
        </h3>
        <div className="mb-3 grid gap-3 sm:grid-cols-2">
          <div>
            <label htmlFor={`${id}-q`} className="block text-sm font-medium">
              Search exercises
            </label>
            <input
              id={`${id}-q`}
              type="search"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              className={input}
            />
          </div>
          <div>
            <label htmlFor={`${id}-group`} className="block text-sm font-medium">
              Target muscle group
            </label>
            <select
              id={`${id}-group`}
              value={group}
              onChange={(e) => setGroup(e.target.value as MuscleGroup | "")}
              className={input}
            >
              <option value="">Any muscle group</option>
              {MUSCLE_GROUPS.map((g) => (
                <option key={g} value={g}>
                  {MUSCLE_GROUP_INFO[g].label}
                  {suggested[g] ? " (suggested)" : ""}
                </option>
              ))}
            </select>
          </div>
        </div>
        <ul
          className="divide-y divide-slate-200 rounded-md border border-slate-200 bg-white"
          aria-live="polite"
        >
          {results.length === 0 ? (
            <li className="p-3 text-slate-700">No exercise matches.</li>
          ) : null}
          {results.map(({ exercise, suggestedFor }) => (
            <li key={exercise.id} className="flex flex-wrap items-center justify-between gap-2 p-3">
              <div>
                <p className="font-medium">
                  {exercise.name}{" "}
                  <span className="text-sm font-normal text-slate-700">
                    · {KIND_LABEL[exercise.kind]}
                  </span>
                </p>
                <p className="text-sm text-slate-700">
                  {exercise.muscleGroups.map((g) => MUSCLE_GROUP_INFO[g].short).join(", ")}
                </p>
                {suggestedFor ? (
                  <p className="text-sm font-medium text-accent-800">
                    Suggested: {suggested[suggestedFor]}
                  </p>
                ) : null}
              </div>
              <button
                type="button"
                onClick={() =>
                  onChange([
                    ...items,
                    draftFrom({
                      ...exercise,
                      exerciseId: exercise.id,
                      exerciseName: exercise.name,
                    }),
                  ])
                }
                className="min-h-11 rounded-md border border-slate-300 bg-white px-3 font-medium hover:bg-slate-100"
              >
                Add<span className="sr-only"> {exercise.name}</span>
              </button>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
