"use client";

import { useActionState, useState } from "react";
import { FormMessage, fieldErrors } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import type { MuscleGroup } from "@/lib/clinical/mas";
import type { ExerciseDto } from "@/lib/data/exercises";
import type { TemplateDto } from "@/lib/data/templates";
import { type FormState, idleState } from "@/lib/forms/form-state";
import { draftFrom, type ItemDraft } from "./item-draft";
import { ProgramItemsEditor } from "./program-items-editor";

type Action = (state: FormState, formData: FormData) => Promise<FormState>;
const input =
  "mt-1 block min-h-11 w-full rounded-md border border-slate-400 bg-white px-3 text-base aria-[invalid=true]:border-red-700";

function Field({
  id,
  label,
  hint,
  errors,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  errors?: string[];
  children: React.ReactNode;
}) {
  return (
    <div>
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      {children}
      {errors ? (
        <p id={`${id}-error`} className="text-sm font-medium text-red-800">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

/**
 * Assign a program (mode "create": title, start, weeks, optional template) or change one from a
 * date (mode "version"). Every field is controlled: what was typed survives a server error.
 */
export function ProgramForm({
  action,
  mode,
  patientId,
  programId,
  library,
  templates,
  suggested,
  today,
  initialItems,
  initialTitle = "",
  submitLabel,
}: {
  action: Action;
  mode: "create" | "version";
  patientId: string;
  programId?: string;
  library: ExerciseDto[];
  templates: TemplateDto[];
  suggested: Partial<Record<MuscleGroup, string>>;
  today: string;
  initialItems: ItemDraft[];
  initialTitle?: string;
  submitLabel: string;
}) {
  const [state, withViewer] = useActionState(action, idleState);
  const [items, setItems] = useState(initialItems);
  const [title, setTitle] = useState(initialTitle);
  const [startDate, setStartDate] = useState(today);
  const [weeks, setWeeks] = useState("6");
  const [templateId, setTemplateId] = useState("");
  const [changeNote, setChangeNote] = useState("");
  const errors = (name: string) => fieldErrors(state, name);
  const aria = (name: string) => ({
    "aria-invalid": errors(name) ? true : undefined,
    "aria-describedby": errors(name) ? `${name}-error` : undefined,
  });

  const applyTemplate = (id: string) => {
    setTemplateId(id);
    const template = templates.find((t) => t.id === id);
    if (!template) return;
    setItems(template.items.map((i) => draftFrom(i)));
    if (!title) setTitle(template.name);
  };

  return (
    <form action={withViewer} className="space-y-8" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="patientId" value={patientId} />
      {programId ? <input type="hidden" name="programId" value={programId} /> : null}
      {mode === "create" ? (
        <>
          <input type="hidden" name="templateId" value={templateId} />
          <div className="grid gap-5 sm:grid-cols-2 lg:grid-cols-4">
            <Field
              id="template"
              label="Start from a template"
              hint="Or add exercises one by one below."
            >
              <select
                id="template"
                value={templateId}
                onChange={(e) => applyTemplate(e.target.value)}
                className={input}
              >
                <option value="">Empty program</option>
                {templates.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
              </select>
            </Field>
            <Field id="title" label="Title" errors={errors("title")}>
              <input
                id="title"
                name="title"
                value={title}
                maxLength={120}
                onChange={(e) => setTitle(e.target.value)}
                className={input}
                {...aria("title")}
              />
            </Field>
            <Field id="startDate" label="Start date" errors={errors("startDate")}>
              <input
                id="startDate"
                name="startDate"
                type="date"
                min={today}
                value={startDate}
                onChange={(e) => setStartDate(e.target.value)}
                className={input}
                {...aria("startDate")}
              />
            </Field>
            <Field
              id="weeks"
              label="Duration (weeks)"
              hint="1 to 26 weeks; reassess after 4 to 6."
              errors={errors("weeks")}
            >
              <input
                id="weeks"
                name="weeks"
                inputMode="numeric"
                value={weeks}
                onChange={(e) => setWeeks(e.target.value)}
                className={input}
                {...aria("weeks")}
              />
            </Field>
          </div>
        </>
      ) : (
        <div className="grid gap-5 sm:grid-cols-2">
          <Field
            id="effectiveFrom"
            label="Change starts on"
            hint="Earlier days keep the previous version for the adherence history."
            errors={errors("effectiveFrom")}
          >
            <input
              id="effectiveFrom"
              name="effectiveFrom"
              type="date"
              min={today}
              defaultValue={today}
              className={input}
              {...aria("effectiveFrom")}
            />
          </Field>
          <Field
            id="changeNote"
            label="What changed and why (optional)"
            errors={errors("changeNote")}
          >
            <input
              id="changeNote"
              name="changeNote"
              maxLength={300}
              value={changeNote}
              onChange={(e) => setChangeNote(e.target.value)}
              className={input}
              {...aria("changeNote")}
            />
          </Field>
        </div>
      )}
      <ProgramItemsEditor
        library={library}
        items={items}
        onChange={setItems}
        suggested={suggested}
        errors={errors}
      />
      <SubmitButton>{submitLabel}</SubmitButton>
    </form>
  );
}
