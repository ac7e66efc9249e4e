"use client";

import { useActionState, useState } from "react";
import { FormMessage, fieldErrors } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ExerciseDto } from "@/lib/data/exercises";
import { type FormState, idleState } from "@/lib/forms/form-state";
import type { ItemDraft } from "./item-draft";
import { ProgramItemsEditor } from "./program-items-editor";

type Action = (state: FormState, formData: FormData) => Promise<FormState>;
const input =
  "mt-1 block min-h-11 w-full rounded-md border border-slate-400 bg-white px-3 text-base";

/** Create or edit a clinic program template. */
export function TemplateForm({
  action,
  library,
  templateId,
  initial,
}: {
  action: Action;
  library: ExerciseDto[];
  templateId?: string;
  initial: { name: string; description: string; items: ItemDraft[] };
}) {
  const [state, withViewer] = useActionState(action, idleState);
  const [name, setName] = useState(initial.name);
  const [description, setDescription] = useState(initial.description);
  const [items, setItems] = useState(initial.items);
  const errors = (field: string) => fieldErrors(state, field);
  return (
    <form action={withViewer} className="space-y-6" noValidate>
      <FormMessage state={state} />
      {templateId ? <input type="hidden" name="templateId" value={templateId} /> : null}
      <div className="grid gap-5 sm:grid-cols-2">
        <div>
          <label htmlFor="name" className="block font-medium">
            Template name
          </label>
          <input
            id="name"
            name="name"
            value={name}
            maxLength={120}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={errors("name") ? true : undefined}
            aria-describedby={errors("name") ? "name-error" : undefined}
            className={input}
          />
          {errors("name") ? (
            <p id="name-error" className="text-sm font-medium text-red-800">
              {errors("name")?.join(" ")}
            </p>
          ) : null}
        </div>
        <div>
          <label htmlFor="description" className="block font-medium">
            Description <span className="font-normal text-slate-600">(optional)</span>
          </label>
          <input
            id="description"
            name="description"
            value={description}
            maxLength={500}
            onChange={(e) => setDescription(e.target.value)}
            className={input}
          />
        </div>
      </div>
      <ProgramItemsEditor
        library={library}
        items={items}
        onChange={setItems}
        suggested={{}}
        errors={errors}
      />
      <SubmitButton>Save template</SubmitButton>
    </form>
  );
}
