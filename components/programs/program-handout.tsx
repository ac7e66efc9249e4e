import { describeDosage } from "@/lib/clinical/dosage";
import type { ProgramItemDto } from "@/lib/data/programs";

export interface HandoutProgram {
  title: string;
  period: string;
  items: ProgramItemDto[];
}

/**
 * The printable program: dosage in plain words, steps and safety cues, sized to fit a typical
 * 6-exercise program on two A4 or Letter pages (print CSS keeps each exercise on one page).
 */
export function ProgramHandout({
  patientName,
  clinicName,
  therapistName,
  programs,
  printedOn,
}: {
  patientName: string;
  clinicName: string;
  therapistName: string | null;
  programs: HandoutProgram[];
  printedOn: string;
}) {
  return (
    <article className="handout mx-auto max-w-3xl bg-white text-[13px] leading-snug text-black print:max-w-none">
      <header className="mb-3 border-b border-black pb-2">
        <h1 className="text-xl font-bold">Exercise program for {patientName}</h1>
        <p>
          {clinicName}
          {therapistName ? ` · therapist ${therapistName}` : ""} · printed {printedOn}
        </p>
        <p className="mt-1">
          Move slowly and breathe. Stop if you feel sharp pain, new numbness, or strong spasms, and
          tell your therapist. Keep cool: heat can make MS symptoms worse.
        </p>
      </header>
      {programs.map((program) => (
        <section key={program.title} className="mb-3">
          <h2 className="text-base font-bold">
            {program.title} <span className="font-normal">({program.period})</span>
          </h2>
          <ol className="mt-1 space-y-2">
            {program.items.map((item, index) => (
              <li key={item.id} className="break-inside-avoid rounded border border-slate-400 p-2">
                <p className="font-bold">
                  {index + 1}. {item.exerciseName}
                </p>
                <p className="font-semibold">{describeDosage(item)}</p>
                {item.note ? <p>Note: {item.note}</p> : null}
                <ol className="ml-5 list-decimal">
                  {item.steps.map((step) => (
                    <li key={step}>{step}</li>
                  ))}
                </ol>
                {item.safety.length > 0 ? (
                  <p className="italic">Safety: {item.safety.join(" ")}</p>
                ) : null}
              </li>
            ))}
          </ol>
        </section>
      ))}
    </article>
  );
}
