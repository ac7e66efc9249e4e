"use client";

import { useActionState, useState } from "react";
import { FormMessage, fieldErrors, formKey } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import {
  PENN_FREQUENCY_LABEL,
  PENN_SEVERITY_LABEL,
  RELIEF_LABEL,
  RELIEF_TOOLS,
  SYMPTOM_LABEL,
  SYMPTOMS,
  TRIGGER_LABEL,
  TRIGGERS,
} from "@/lib/clinical/log-options";
import type { LogFormItem } from "@/lib/data/logs";
import { type FormState, idleState } from "@/lib/forms/form-state";
import { CheckboxGroup, ChoiceRow } from "./choice-row";

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

export interface LogFormValues {
  sessions: Record<string, string>;
  spasticityNrs: string;
  pain: string;
  pennFrequency: string;
  pennSeverity: string;
  symptoms: string[];
  triggers: string[];
  newWeakness: string;
  wasting: string;
  relief: string[];
  waterGlasses: string;
  note: string;
}

const range = (n: number) => Array.from({ length: n + 1 }, (_, i) => String(i));

/** The daily log, built to be filled in within a minute: big choices, one-click "all done". */
export function LogForm({
  action,
  patientId,
  date,
  dayLabel,
  items,
  initial,
}: {
  action: Action;
  patientId: string;
  date: string;
  dayLabel: string;
  items: LogFormItem[];
  initial: LogFormValues;
}) {
  const [state, withViewer] = useActionState(action, idleState);
  const typed = (name: string, fallback: string) =>
    state.status === "error" && typeof state.values[name] === "string"
      ? (state.values[name] as string)
      : fallback;
  const typedList = (name: string, fallback: string[]) =>
    state.status === "error" ? ([] as string[]).concat(state.values[name] ?? []) : fallback;
  const [penn, setPenn] = useState(typed("pennFrequency", initial.pennFrequency));
  const errors = (name: string) => fieldErrors(state, name);

  return (
    <form key={formKey(state)} action={withViewer} className="space-y-8" noValidate>
      <input type="hidden" name="patientId" value={patientId} />
      <input type="hidden" name="date" value={date} />
      <FormMessage state={state} />
      {errors("date") ? (
        <p className="font-medium text-red-800">{errors("date")?.join(" ")}</p>
      ) : null}

      <section aria-labelledby="sessions-heading" className="space-y-4">
        <h2 id="sessions-heading" className="text-xl font-semibold">
          Exercises {dayLabel}
        </h2>
        {items.length === 0 ? (
          <p className="text-lg text-slate-700">
            No exercises were due on this day. You can still log how you felt.
          </p>
        ) : (
          <>
            <SubmitButton name="allDone" value="1" pendingLabel="Saving…">
              I did everything as prescribed {dayLabel}
            </SubmitButton>
            <p className="text-slate-700">Or say how many sessions you did of each:</p>
            {items.map((item) => (
              <ChoiceRow
                key={item.programItemId}
                name={`sessions:${item.programItemId}`}
                legend={item.exerciseName}
                hint={item.dosage}
                errors={errors(`sessions:${item.programItemId}`)}
                value={typed(
                  `sessions:${item.programItemId}`,
                  initial.sessions[item.programItemId] ?? "",
                )}
                options={range(item.sessionsPerDay).map((n) => ({
                  value: n,
                  label: n,
                  description: n === String(item.sessionsPerDay) ? "all" : undefined,
                }))}
              />
            ))}
          </>
        )}
      </section>

      <section aria-labelledby="feel-heading" className="space-y-6">
        <h2 id="feel-heading" className="text-xl font-semibold">
          How you felt
        </h2>
        <ChoiceRow
          name="spasticityNrs"
          legend="Stiffness (spasticity) today"
          hint="0 = no spasticity, 10 = the worst you can imagine."
          options={range(10).map((n) => ({ value: n, label: n }))}
          value={typed("spasticityNrs", initial.spasticityNrs)}
          errors={errors("spasticityNrs")}
        />
        <ChoiceRow
          name="pain"
          legend="Pain today"
          hint="0 = no pain, 10 = the worst you can imagine."
          options={range(10).map((n) => ({ value: n, label: n }))}
          value={typed("pain", initial.pain)}
          errors={errors("pain")}
        />
        <ChoiceRow
          name="pennFrequency"
          legend="Spasms in the last 24 hours"
          options={PENN_FREQUENCY_LABEL.map((label, i) => ({ value: String(i), label }))}
          value={penn}
          onChange={setPenn}
          errors={errors("pennFrequency")}
        />
        {Number(penn) > 0 ? (
          <ChoiceRow
            name="pennSeverity"
            legend="How strong were the spasms?"
            options={[1, 2, 3].map((n) => ({
              value: String(n),
              label: PENN_SEVERITY_LABEL[n] ?? "",
            }))}
            value={typed("pennSeverity", initial.pennSeverity)}
            errors={errors("pennSeverity")}
          />
        ) : errors("pennSeverity") ? (
          <p className="font-medium text-red-800">{errors("pennSeverity")?.join(" ")}</p>
        ) : null}
        <CheckboxGroup
          name="symptoms"
          legend="What did you feel? (tick any)"
          options={SYMPTOMS.map((s) => ({ value: s, label: SYMPTOM_LABEL[s] }))}
          values={typedList("symptoms", initial.symptoms)}
        />
        <ChoiceRow
          name="newWeakness"
          legend="Do you have new weakness in an arm or leg?"
          options={[
            { value: "no", label: "No" },
            { value: "yes", label: "Yes" },
          ]}
          value={typed("newWeakness", initial.newWeakness)}
        />
        <ChoiceRow
          name="wasting"
          legend="Do any muscles look thinner than before (wasting)?"
          options={[
            { value: "no", label: "No" },
            { value: "yes", label: "Yes" },
          ]}
          value={typed("wasting", initial.wasting)}
        />
        <CheckboxGroup
          name="triggers"
          legend="Anything that may have made it worse? (tick any)"
          options={TRIGGERS.map((t) => ({ value: t, label: TRIGGER_LABEL[t] }))}
          values={typedList("triggers", initial.triggers)}
        />
        <CheckboxGroup
          name="relief"
          legend="What did you use for relief? (tick any)"
          options={RELIEF_TOOLS.map((r) => ({ value: r, label: RELIEF_LABEL[r] }))}
          values={typedList("relief", initial.relief)}
        />
        <div className="max-w-xs space-y-1">
          <label htmlFor="waterGlasses" className="block text-lg font-semibold">
            Glasses of water today
          </label>
          <input
            id="waterGlasses"
            name="waterGlasses"
            inputMode="numeric"
            defaultValue={typed("waterGlasses", initial.waterGlasses)}
            aria-invalid={errors("waterGlasses") ? true : undefined}
            aria-describedby={errors("waterGlasses") ? "waterGlasses-error" : undefined}
            className="block min-h-12 w-full rounded-lg border border-slate-400 px-3 text-lg"
          />
          {errors("waterGlasses") ? (
            <p id="waterGlasses-error" className="font-medium text-red-800">
              {errors("waterGlasses")?.join(" ")}
            </p>
          ) : null}
        </div>
        <div className="space-y-1">
          <label htmlFor="note" className="block text-lg font-semibold">
            Anything else for your therapist?{" "}
            <span className="font-normal text-slate-600">(optional)</span>
          </label>
          <textarea
            id="note"
            name="note"
            rows={3}
            maxLength={2000}
            defaultValue={typed("note", initial.note)}
            aria-invalid={errors("note") ? true : undefined}
            aria-describedby={errors("note") ? "note-error" : undefined}
            className="block w-full rounded-lg border border-slate-400 px-3 py-2 text-lg"
          />
          {errors("note") ? (
            <p id="note-error" className="font-medium text-red-800">
              {errors("note")?.join(" ")}
            </p>
          ) : null}
        </div>
      </section>
      <SubmitButton pendingLabel="Saving…">Save my log</SubmitButton>
    </form>
  );
}
