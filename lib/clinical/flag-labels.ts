import type { FlagAction, FlagKind } from "./escalation";

/** Most urgent first: safety flags, then referrals, then informational (DESIGN §7, the escalation issue). */
export const FLAG_URGENCY: readonly FlagKind[] = [
  "NEURO_REVIEW",
  "TRIGGER_REVIEW",
  "SURGICAL_REFERRAL",
  "BACLOFEN_REVIEW",
  "BOTOX_REFERRAL",
  "MAS4_REVIEW",
  "REASSESS_AFTER_BOTOX",
];

export type FlagTier = "safety" | "referral" | "info";
export const FLAG_TIER: Record<FlagKind, FlagTier> = {
  NEURO_REVIEW: "safety",
  TRIGGER_REVIEW: "safety",
  SURGICAL_REFERRAL: "referral",
  BACLOFEN_REVIEW: "referral",
  BOTOX_REFERRAL: "referral",
  MAS4_REVIEW: "info",
  REASSESS_AFTER_BOTOX: "info",
};

/** What a clinician reads: words, never codes. */
export function flagTitle(kind: FlagKind, action?: FlagAction | string | null): string {
  switch (kind) {
    case "BOTOX_REFERRAL":
      return "Consider botulinum toxin referral";
    case "BACLOFEN_REVIEW":
      return action === "pump_dose"
        ? "Review intrathecal baclofen dose"
        : action === "optimise"
          ? "Optimise oral antispasticity"
          : "Start oral antispasticity (baclofen or gabapentin)";
    case "SURGICAL_REFERRAL":
      return action === "toxin_refractory"
        ? "Toxin-refractory focal spasticity: consider surgical referral"
        : "Consider intrathecal baclofen assessment";
    case "REASSESS_AFTER_BOTOX":
      return "Reassess 4–12 weeks after botulinum toxin";
    case "TRIGGER_REVIEW":
      return "Look for a trigger (infection, skin, bowel, relapse) before escalating";
    case "MAS4_REVIEW":
      return "MAS 4: tell fixed contracture from spasticity";
    case "NEURO_REVIEW":
      return "Neurology review: fasciculations with weakness or wasting";
  }
}

export const urgencyRank = (kind: FlagKind) => FLAG_URGENCY.indexOf(kind);

/** Referral flags carry the 14-day adherence; below half, adherence comes first (CLINICAL §6). */
export const ADHERENCE_CAVEAT_BELOW = 0.5;

export const REFERRAL_GOALS = [
  "pain",
  "care_hygiene",
  "mobility_function",
  "contracture_prevention",
  "other",
] as const;
export type ReferralGoal = (typeof REFERRAL_GOALS)[number];
export const REFERRAL_GOAL_LABEL: Record<ReferralGoal, string> = {
  pain: "Pain",
  care_hygiene: "Care and hygiene",
  mobility_function: "Mobility and function",
  contracture_prevention: "Contracture prevention",
  other: "Other",
};

export const FLAG_STATUS_LABEL = {
  open: "Open",
  acknowledged: "Acknowledged",
  referred: "Referred",
  dismissed: "Dismissed",
  resolved: "Resolved by data",
} as const;
