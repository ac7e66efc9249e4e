import { formatDate } from "@/components/mas/format-date";
import { formatAdherence } from "@/lib/clinical/adherence";
import type { FlagKind } from "@/lib/clinical/escalation";
import {
  ADHERENCE_CAVEAT_BELOW,
  FLAG_STATUS_LABEL,
  FLAG_TIER,
  flagTitle,
  REFERRAL_GOAL_LABEL,
} from "@/lib/clinical/flag-labels";
import { keyLabel, type MuscleGroup, type Side } from "@/lib/clinical/mas";
import type { FlagDto } from "@/lib/data/flags";

const TIER_STYLE = {
  // The stripe's colour on the left border only: the card's thin border stays slate.
  safety: "border-l-8 border-l-red-700 bg-red-50",
  referral: "border-l-8 border-l-amber-600 bg-amber-50",
  info: "border-l-4 border-l-slate-400 bg-white",
} as const;
const TIER_WORD = { safety: "Safety", referral: "Referral", info: "For information" } as const;

/** One flag in words: what, why, the adherence context for referrals, and what was done. */
export function FlagCard({
  flag,
  adherence14,
  children,
}: {
  flag: FlagDto;
  adherence14: number | null;
  children?: React.ReactNode;
}) {
  const tier = FLAG_TIER[flag.kind as FlagKind];
  const title = flagTitle(flag.kind, flag.action);
  const lowAdherence =
    tier === "referral" && adherence14 !== null && adherence14 < ADHERENCE_CAVEAT_BELOW;
  return (
    <article
      aria-label={title}
      className={`rounded-lg border border-slate-200 p-4 ${TIER_STYLE[tier]}`}
      data-testid={`flag-${flag.kind}`}
    >
      <p className="text-sm font-semibold uppercase tracking-wide text-slate-700">
        {TIER_WORD[tier]} · {FLAG_STATUS_LABEL[flag.status]}
      </p>
      {lowAdherence ? (
        <p className="mt-1 font-semibold text-amber-950">
          Address adherence first: only {formatAdherence({ ratio: adherence14 })} of prescribed
          sessions done in the last 14 days.
        </p>
      ) : null}
      <h3 className="mt-1 text-lg font-semibold">{title}</h3>
      {flag.keys.length > 0 ? (
        <p className="font-medium">
          {flag.keys.map((k) => keyLabel(k.muscleGroup as MuscleGroup, k.side as Side)).join("; ")}
        </p>
      ) : null}
      <p className="mt-1 text-slate-800">{flag.reason}</p>
      {tier === "referral" ? (
        <p className="mt-1 text-sm text-slate-700">
          Adherence, last 14 days: {formatAdherence({ ratio: adherence14 })}.
        </p>
      ) : null}
      <p className="mt-1 text-sm text-slate-700">Raised {formatDate(flag.raisedOn)}.</p>
      {flag.status === "referred" ? (
        <p className="mt-2">
          Referred to <span className="font-medium">{flag.referralTarget}</span> on{" "}
          {flag.referralDate ? formatDate(flag.referralDate) : "?"}
          {flag.referralGoal
            ? ` (goal: ${REFERRAL_GOAL_LABEL[flag.referralGoal].toLowerCase()})`
            : ""}{" "}
          by {flag.statusByName}.
        </p>
      ) : null}
      {flag.status !== "open" &&
      flag.status !== "referred" &&
      (flag.statusByName || flag.resolutionNote) ? (
        <p className="mt-2">
          {FLAG_STATUS_LABEL[flag.status]}
          {flag.statusByName ? ` by ${flag.statusByName}` : ""}
          {flag.statusAt ? ` on ${formatDate(flag.statusAt.slice(0, 10))}` : ""}
          {flag.resolutionNote ? `: ${flag.resolutionNote}` : ""}
        </p>
      ) : null}
      {children ? <div className="mt-3">{children}</div> : null}
    </article>
  );
}
