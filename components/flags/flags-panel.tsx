import { EmptyState } from "@/components/ui/page-header";
import type { FlagKind } from "@/lib/clinical/escalation";
import { flagTitle, urgencyRank } from "@/lib/clinical/flag-labels";
import type { FlagDto } from "@/lib/data/flags";
import type { FormState } from "@/lib/forms/form-state";
import { FlagActions } from "./flag-actions";
import { FlagCard } from "./flag-card";

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

export const isActiveFlag = (f: FlagDto) => f.status === "open" || f.status === "acknowledged";

/** The patient's flags, most urgent first, with their actions; closed ones in the history. */
const NOTICE = {
  acknowledge: "Flag acknowledged.",
  refer: "Referral recorded.",
  dismiss: "Flag dismissed.",
} as const;

export function FlagsPanel({
  patientId,
  flags,
  adherence14,
  today,
  action,
  notice,
}: {
  patientId: string;
  flags: FlagDto[];
  adherence14: number | null;
  today: string;
  action: Action;
  notice?: string;
}) {
  const byUrgency = (a: FlagDto, b: FlagDto) =>
    urgencyRank(a.kind as FlagKind) - urgencyRank(b.kind as FlagKind);
  const active = flags.filter(isActiveFlag).sort(byUrgency);
  const closed = flags.filter((f) => !isActiveFlag(f));
  return (
    <section
      id="flags"
      aria-labelledby="flags-heading"
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm"
    >
      <h2 id="flags-heading" className="text-lg font-semibold">
        Escalation flags {active.length > 0 ? `(${active.length} open)` : ""}
      </h2>
      {notice && notice in NOTICE ? (
        <p
          role="status"
          className="rounded-md border border-emerald-700 bg-emerald-50 px-4 py-3 font-medium text-emerald-900"
        >
          {NOTICE[notice as keyof typeof NOTICE]}
        </p>
      ) : null}
      {active.length === 0 ? (
        <EmptyState title="No open flags.">
          The rules found nothing that needs escalation today.
        </EmptyState>
      ) : null}
      {active.map((flag) => (
        <FlagCard key={flag.id} flag={flag} adherence14={adherence14}>
          <a
            href={`/patients/${patientId}/flags/${flag.id}/packet.pdf`}
            className="mb-3 inline-flex min-h-11 items-center font-medium text-accent-700 underline underline-offset-4"
          >
            Referral packet (PDF)
            <span className="sr-only">: {flagTitle(flag.kind, flag.action)}</span>
          </a>
          <FlagActions
            action={action}
            patientId={patientId}
            flagId={flag.id}
            status={flag.status}
            today={today}
            label={flagTitle(flag.kind, flag.action)}
          />
        </FlagCard>
      ))}
      {closed.length > 0 ? (
        <details>
          <summary className="inline-flex min-h-11 cursor-pointer items-center font-medium text-accent-700">
            Flag history ({closed.length})
          </summary>
          <div className="mt-2 space-y-3">
            {closed.map((flag) => (
              <FlagCard key={flag.id} flag={flag} adherence14={adherence14} />
            ))}
          </div>
        </details>
      ) : null}
    </section>
  );
}
