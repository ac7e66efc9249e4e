import { SimpleForm } from "@/components/forms/simple-form";
import { formatDate } from "@/components/mas/format-date";
import { keyLabel, MUSCLE_GROUP_INFO, MUSCLE_GROUPS, SIDES } from "@/lib/clinical/mas";
import type { TreatmentsDto } from "@/lib/data/treatments";
import type { FormState } from "@/lib/forms/form-state";
import {
  ORAL_DRUG_LABEL,
  ORAL_DRUGS,
  STOP_REASON_LABEL,
  STOP_REASONS,
} from "@/lib/validation/treatment";

const drugName = (t: TreatmentsDto["oral"][number]) =>
  t.drug === "other" ? (t.drugOther ?? "Other") : ORAL_DRUG_LABEL[t.drug].replace(/ \(.*\)$/, "");

type Action = (state: FormState, formData: FormData) => Promise<FormState>;
export interface TreatmentActions {
  addOral: Action;
  stopOral: Action;
  addToxin: Action;
  addPump: Action;
  stopPump: Action;
}

/** Oral antispasticity drugs, toxin injections and intrathecal pumps, with the forms to record them. */
export function TreatmentsPanel({
  patientId,
  treatments,
  today,
  actions,
}: {
  patientId: string;
  treatments: TreatmentsDto;
  today: string;
  actions: TreatmentActions;
}) {
  const hidden = { patientId };
  return (
    <div className="space-y-8">
      <section aria-labelledby="oral-heading" className="space-y-3">
        <h3 id="oral-heading" className="font-semibold">
          Oral antispasticity drugs
        </h3>
        {treatments.oral.length === 0 ? <p className="text-slate-700">None recorded.</p> : null}
        <ul className="space-y-3">
          {treatments.oral.map((t) => (
            <li key={t.id} className="rounded-md border border-slate-200 p-3">
              <p>
                <span className="font-medium">{drugName(t)}</span>, {t.dose} · from{" "}
                {formatDate(t.startedOn)}
                {t.stoppedOn
                  ? ` to ${formatDate(t.stoppedOn)} (${t.stopReason ? STOP_REASON_LABEL[t.stopReason].toLowerCase() : "stopped"})`
                  : " · active"}
              </p>
              {t.stoppedOn ? null : (
                <details className="mt-2">
                  <summary className="inline-flex min-h-11 cursor-pointer items-center font-medium text-accent-700">
                    Stop {drugName(t)}
                  </summary>
                  <SimpleForm
                    action={actions.stopOral}
                    idPrefix={`stop-${t.id}`}
                    hidden={{ ...hidden, treatmentId: t.id }}
                    submitLabel="Record stop"
                    fields={[
                      {
                        kind: "date",
                        name: "stoppedOn",
                        label: "Stopped on",
                        required: true,
                        defaultValue: today,
                        max: today,
                      },
                      {
                        kind: "select",
                        name: "stopReason",
                        label: "Why",
                        required: true,
                        placeholder: "Choose…",
                        options: STOP_REASONS.map((r) => ({
                          value: r,
                          label: STOP_REASON_LABEL[r],
                        })),
                      },
                    ]}
                  />
                </details>
              )}
            </li>
          ))}
        </ul>
        <details>
          <summary className="inline-flex min-h-11 cursor-pointer items-center font-medium text-accent-700">
            Add an oral drug
          </summary>
          <SimpleForm
            action={actions.addOral}
            idPrefix="oral"
            hidden={hidden}
            submitLabel="Record drug"
            fields={[
              {
                kind: "select",
                name: "drug",
                label: "Drug",
                required: true,
                placeholder: "Choose…",
                options: ORAL_DRUGS.map((d) => ({ value: d, label: ORAL_DRUG_LABEL[d] })),
              },
              { kind: "text", name: "drugOther", label: "Name, if other", maxLength: 100 },
              {
                kind: "text",
                name: "dose",
                label: "Dose",
                hint: "For example: 10 mg three times a day.",
                required: true,
                maxLength: 200,
              },
              {
                kind: "date",
                name: "startedOn",
                label: "Started on",
                required: true,
                defaultValue: today,
                max: today,
              },
            ]}
          />
        </details>
      </section>

      <section aria-labelledby="toxin-heading" className="space-y-3">
        <h3 id="toxin-heading" className="font-semibold">
          Botulinum toxin injections
        </h3>
        {treatments.toxin.length === 0 ? (
          <p className="text-slate-700">None recorded.</p>
        ) : (
          <ul className="list-inside list-disc space-y-1">
            {treatments.toxin.map((t) => (
              <li key={t.id}>
                {formatDate(t.injectedOn)}: {keyLabel(t.muscleGroup, t.side)}, {t.units} units of{" "}
                {t.product}
              </li>
            ))}
          </ul>
        )}
        <details>
          <summary className="inline-flex min-h-11 cursor-pointer items-center font-medium text-accent-700">
            Record an injection
          </summary>
          <SimpleForm
            action={actions.addToxin}
            idPrefix="toxin"
            hidden={hidden}
            submitLabel="Record injection"
            fields={[
              {
                kind: "date",
                name: "injectedOn",
                label: "Injected on",
                required: true,
                defaultValue: today,
                max: today,
              },
              {
                kind: "select",
                name: "muscleGroup",
                label: "Muscle group",
                required: true,
                placeholder: "Choose…",
                options: MUSCLE_GROUPS.map((g) => ({
                  value: g,
                  label: MUSCLE_GROUP_INFO[g].label,
                })),
              },
              {
                kind: "select",
                name: "side",
                label: "Side",
                required: true,
                placeholder: "Choose…",
                options: SIDES.map((s) => ({ value: s, label: s === "left" ? "Left" : "Right" })),
              },
              { kind: "number", name: "units", label: "Units", required: true },
              {
                kind: "text",
                name: "product",
                label: "Product",
                hint: "For example onabotulinumtoxinA.",
                required: true,
                maxLength: 100,
              },
            ]}
          />
        </details>
      </section>

      <section aria-labelledby="pump-heading" className="space-y-3">
        <h3 id="pump-heading" className="font-semibold">
          Intrathecal baclofen pump
        </h3>
        {treatments.pumps.length === 0 ? <p className="text-slate-700">None recorded.</p> : null}
        <ul className="space-y-3">
          {treatments.pumps.map((p) => (
            <li key={p.id} className="rounded-md border border-slate-200 p-3">
              <p>
                Pump from {formatDate(p.startedOn)}
                {p.stoppedOn ? ` to ${formatDate(p.stoppedOn)}` : " · active"}
              </p>
              {p.stoppedOn ? null : (
                <details className="mt-2">
                  <summary className="inline-flex min-h-11 cursor-pointer items-center font-medium text-accent-700">
                    Record pump stopped
                  </summary>
                  <SimpleForm
                    action={actions.stopPump}
                    idPrefix={`pump-${p.id}`}
                    hidden={{ ...hidden, pumpId: p.id }}
                    submitLabel="Record stop"
                    fields={[
                      {
                        kind: "date",
                        name: "stoppedOn",
                        label: "Stopped on",
                        required: true,
                        defaultValue: today,
                        max: today,
                      },
                    ]}
                  />
                </details>
              )}
            </li>
          ))}
        </ul>
        {treatments.pumps.some((p) => !p.stoppedOn) ? null : (
          <details>
            <summary className="inline-flex min-h-11 cursor-pointer items-center font-medium text-accent-700">
              Record a pump
            </summary>
            <SimpleForm
              action={actions.addPump}
              idPrefix="pump"
              hidden={hidden}
              submitLabel="Record pump"
              fields={[
                {
                  kind: "date",
                  name: "startedOn",
                  label: "Implanted on",
                  required: true,
                  defaultValue: today,
                  max: today,
                },
              ]}
            />
          </details>
        )}
      </section>
    </div>
  );
}
