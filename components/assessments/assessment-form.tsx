"use client";

import { useActionState, useState } from "react";
import { SelectField, TextField } from "@/components/ui/field";
import { FormMessage, fieldErrors, formKey, typed } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import {
  isMasGrade,
  keyLabel,
  MAS_GRADES,
  MAS_MEANING,
  type MasGrade,
  MUSCLE_GROUP_INFO,
  MUSCLE_GROUPS,
  NEURO_SIGN_LABEL,
  NEURO_SIGNS,
  POSITION_LABEL,
  POSITIONS,
  SIDES,
} from "@/lib/clinical/mas";
import { type FormState, idleState } from "@/lib/forms/form-state";
import { scoreFieldName } from "@/lib/validation/assessment";

export interface AssessmentFormValues {
  assessedOn: string;
  position: string;
  hoursSinceOralDose: string;
  daysSinceToxin: string;
  notes: string;
  fasciculations: boolean;
  weakness: boolean;
  wasting: boolean;
  /** Grades by `score:<group>:<side>` field name. */
  grades: Record<string, MasGrade>;
}

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

const LIMBS = [
  { limb: "lower", title: "Lower limb" },
  { limb: "upper", title: "Upper limb" },
] as const;

/**
 * The MAS grid: 12 muscle groups (lower limb first) × left / right, each a native select so
 * that typing "3" or "1+" picks a grade and Tab moves on — a lower-limb assessment takes
 * seconds with the keyboard alone. The meaning of the grade under focus is shown beside it.
 */
export function AssessmentForm({
  action,
  patientId,
  today,
  initial,
  amend,
  requestId,
  submitLabel,
}: {
  action: Action;
  patientId: string;
  today: string;
  initial: AssessmentFormValues;
  amend?: { supersedesId: string };
  /** A new assessment's id, fixed for this form: a form sent twice is recorded once. */
  requestId?: string;
  submitLabel: string;
}) {
  const [state, withViewer] = useActionState(action, idleState);
  const [focused, setFocused] = useState<{ label: string; grade: string } | null>(null);
  const checked = (name: "fasciculations" | "weakness" | "wasting") =>
    state.status === "error" ? state.values[name] === "on" : initial[name];
  const gradeOf = (name: string) => typed(state, name, initial.grades[name] ?? "");
  const scoreErrors = fieldErrors(state, "scores");

  return (
    <form key={formKey(state)} action={withViewer} className="space-y-8" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="patientId" value={patientId} />
      {amend ? <input type="hidden" name="supersedesId" value={amend.supersedesId} /> : null}
      {requestId ? <input type="hidden" name="requestId" value={requestId} /> : null}

      <div className="grid gap-5 sm:grid-cols-2 lg:grid-cols-4">
        <TextField
          name="assessedOn"
          label="Date assessed"
          type="date"
          max={today}
          required
          defaultValue={typed(state, "assessedOn", initial.assessedOn)}
          errors={fieldErrors(state, "assessedOn")}
        />
        <SelectField
          name="position"
          label="Patient position"
          required
          options={POSITIONS.map((p) => ({ value: p, label: POSITION_LABEL[p] }))}
          defaultValue={typed(state, "position", initial.position)}
          errors={fieldErrors(state, "position")}
        />
        <TextField
          name="hoursSinceOralDose"
          label="Hours since last oral dose"
          hint="If known."
          defaultValue={typed(state, "hoursSinceOralDose", initial.hoursSinceOralDose)}
          errors={fieldErrors(state, "hoursSinceOralDose")}
        />
        <TextField
          name="daysSinceToxin"
          label="Days since last toxin injection"
          hint="If known."
          defaultValue={typed(state, "daysSinceToxin", initial.daysSinceToxin)}
          errors={fieldErrors(state, "daysSinceToxin")}
        />
      </div>

      <fieldset aria-describedby={scoreErrors ? "scores-error" : "scores-hint"}>
        <legend className="text-lg font-semibold">Modified Ashworth grades</legend>
        <p id="scores-hint" className="mt-1 text-slate-700">
          Grade each muscle group you tested. Leave the others as “not tested”. Type a grade to pick
          it (“1+” for 1+).
        </p>
        {scoreErrors ? (
          <p id="scores-error" className="mt-2 font-medium text-red-800">
            {scoreErrors.join(" ")}
          </p>
        ) : null}
        <div className="mt-4 grid gap-6 lg:grid-cols-[1fr_20rem]">
          <div className="space-y-6">
            {LIMBS.map(({ limb, title }) => (
              <table key={limb} className="w-full text-left">
                <caption className="mb-2 text-left font-semibold text-slate-800">{title}</caption>
                <thead className="text-sm text-slate-700">
                  <tr>
                    <th scope="col" className="py-1 pr-4 font-medium">
                      Muscle group
                    </th>
                    <th scope="col" className="w-36 py-1 pr-2 font-medium">
                      Left
                    </th>
                    <th scope="col" className="w-36 py-1 font-medium">
                      Right
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {MUSCLE_GROUPS.filter((g) => MUSCLE_GROUP_INFO[g].limb === limb).map((group) => (
                    <tr key={group} className="border-t border-slate-100">
                      <th scope="row" className="py-1.5 pr-4 font-normal">
                        {MUSCLE_GROUP_INFO[group].label}
                      </th>
                      {SIDES.map((side) => {
                        const name = scoreFieldName(group, side);
                        return (
                          <td key={side} className="py-1.5 pr-2">
                            <select
                              name={name}
                              aria-label={keyLabel(group, side)}
                              defaultValue={gradeOf(name)}
                              onFocus={(e) =>
                                setFocused({
                                  label: keyLabel(group, side),
                                  grade: e.currentTarget.value,
                                })
                              }
                              onChange={(e) =>
                                setFocused({
                                  label: keyLabel(group, side),
                                  grade: e.currentTarget.value,
                                })
                              }
                              className="block min-h-11 w-full rounded-md border border-slate-400 bg-white px-2 text-base"
                            >
                              <option value="">Not tested</option>
                              {MAS_GRADES.map((g) => (
                                <option key={g} value={g}>
                                  {g}
                                </option>
                              ))}
                            </select>
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            ))}
          </div>
          <aside
            aria-label="Grade meanings"
            className="space-y-3 self-start rounded-lg border border-slate-200 bg-slate-50 p-4 lg:sticky lg:top-4"
          >
            <div aria-live="polite" className="min-h-16">
              {focused ? (
                <p>
                  <span className="font-medium">{focused.label}:</span>{" "}
                  {isMasGrade(focused.grade)
                    ? `${focused.grade} — ${MAS_MEANING[focused.grade]}`
                    : "not tested."}
                </p>
              ) : (
                <p className="text-slate-700">Focus a cell to see what its grade means.</p>
              )}
            </div>
            <dl className="space-y-1.5 text-sm">
              {MAS_GRADES.map((g) => (
                <div key={g} className="flex gap-2">
                  <dt className="w-7 shrink-0 font-semibold">{g}</dt>
                  <dd className="text-slate-700">{MAS_MEANING[g]}</dd>
                </div>
              ))}
            </dl>
          </aside>
        </div>
      </fieldset>

      <fieldset>
        <legend className="text-lg font-semibold">Neurological signs observed</legend>
        <p className="mt-1 text-slate-700">
          Fasciculations with weakness or wasting point away from MS and need neurology review.
        </p>
        <div className="mt-3 flex flex-wrap gap-6">
          {NEURO_SIGNS.map((sign) => (
            <label key={sign} className="flex min-h-11 items-center gap-2">
              <input
                type="checkbox"
                name={sign}
                defaultChecked={checked(sign)}
                className="size-5"
              />
              {NEURO_SIGN_LABEL[sign]}
            </label>
          ))}
        </div>
      </fieldset>

      <div className="space-y-1">
        <label htmlFor="notes" className="block font-medium">
          Notes <span className="font-normal text-slate-600">(optional)</span>
        </label>
        <p id="notes-hint" className="text-sm text-slate-600">
          Pain, current infection, anything that makes today's grades not comparable.
        </p>
        <textarea
          id="notes"
          name="notes"
          rows={3}
          maxLength={4000}
          defaultValue={typed(state, "notes", initial.notes)}
          aria-describedby={fieldErrors(state, "notes") ? "notes-hint notes-error" : "notes-hint"}
          className="block w-full rounded-md border border-slate-400 px-3 py-2"
        />
        {fieldErrors(state, "notes") ? (
          <p id="notes-error" className="text-sm font-medium text-red-800">
            {fieldErrors(state, "notes")?.join(" ")}
          </p>
        ) : null}
      </div>

      {amend ? (
        <div className="space-y-1">
          <label htmlFor="amendmentReason" className="block font-medium">
            Reason for the correction
          </label>
          <textarea
            id="amendmentReason"
            name="amendmentReason"
            rows={2}
            maxLength={1000}
            required
            defaultValue={typed(state, "amendmentReason")}
            aria-invalid={fieldErrors(state, "amendmentReason") ? true : undefined}
            aria-describedby={
              fieldErrors(state, "amendmentReason") ? "amendmentReason-error" : undefined
            }
            className="block w-full rounded-md border border-slate-400 px-3 py-2"
          />
          {fieldErrors(state, "amendmentReason") ? (
            <p id="amendmentReason-error" className="text-sm font-medium text-red-800">
              {fieldErrors(state, "amendmentReason")?.join(" ")}
            </p>
          ) : null}
        </div>
      ) : null}

      <SubmitButton>{submitLabel}</SubmitButton>
    </form>
  );
}
