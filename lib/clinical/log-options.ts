/** What patients log at home (CLINICAL §4): the codes stored and the words shown. */
export const SYMPTOMS = ["spasm", "cramp", "stiffness", "clonus", "twitching"] as const;
export type Symptom = (typeof SYMPTOMS)[number];
export const SYMPTOM_LABEL: Record<Symptom, string> = {
  spasm: "Spasms (sudden tightening that lets go)",
  cramp: "Cramps (tightening that lasts minutes)",
  stiffness: "Stiffness",
  clonus: "Clonus (rhythmic shaking, e.g. of the ankle)",
  twitching: "Twitching (small visible flickers in a muscle)",
};

export const TRIGGERS = [
  "uti",
  "infection",
  "relapse",
  "pressure_sore",
  "constipation",
  "heat",
  "poor_sleep",
  "dehydration",
  "stress",
] as const;
export type Trigger = (typeof TRIGGERS)[number];
export const TRIGGER_LABEL: Record<Trigger, string> = {
  uti: "Urinary infection symptoms (burning, urgency, cloudy urine)",
  infection: "Other infection or fever",
  relapse: "New relapse symptoms",
  pressure_sore: "A skin sore",
  constipation: "Constipation",
  heat: "Heat (hot weather, hot bath)",
  poor_sleep: "Poor sleep",
  dehydration: "Not drinking enough",
  stress: "Stress",
};
/** Triggers the escalation rules use (CLINICAL §4 → §5); heat, sleep, dehydration and stress are shown only. */
export const ESCALATION_TRIGGERS: readonly Trigger[] = [
  "uti",
  "infection",
  "relapse",
  "pressure_sore",
  "constipation",
];

export const RELIEF_TOOLS = [
  "massage_gun",
  "foam_roller",
  "topical",
  "medication",
  "other",
] as const;
export type ReliefTool = (typeof RELIEF_TOOLS)[number];
export const RELIEF_LABEL: Record<ReliefTool, string> = {
  massage_gun: "Massage gun",
  foam_roller: "Foam roller or ball",
  topical: "Topical cream (menthol, capsaicin)",
  medication: "Medication as prescribed",
  other: "Something else",
};

export const PENN_FREQUENCY_LABEL = [
  "No spasms",
  "Spasms only when touched or moved",
  "Fewer than one full spasm an hour",
  "More than one spasm an hour",
  "More than ten spasms an hour",
] as const;
export const PENN_SEVERITY_LABEL = ["", "Mild", "Moderate", "Severe"] as const;

/** Reports that need the patient told plainly whom to contact: the portal is not watched live. */
export function needsUrgentAdvice(log: {
  triggers: readonly Trigger[];
  newWeakness: boolean;
  wasting: boolean;
}): boolean {
  return (
    log.newWeakness ||
    log.wasting ||
    log.triggers.some((t) => t === "uti" || t === "infection" || t === "relapse")
  );
}
