/**
 * Escalation rules for MS spasticity: CLINICAL.md §5, implemented exactly. Pure: no I/O, no
 * clock (everything is relative to `asOf`). Flags are advice for the therapist, who decides.
 */
import { daysBetween } from "./dates";
import {
  isHighGrade,
  keyShortLabel,
  type MasGrade,
  type MuscleGroup,
  masRank,
  type Side,
} from "./mas";

export type { MasGrade, MuscleGroup, Side };
export type Key = { muscleGroup: MuscleGroup; side: Side };

export interface EscalationInput {
  asOf: string; // YYYY-MM-DD
  scores: (Key & { grade: MasGrade; assessedOn: string })[];
  treatments: {
    kind: "oral_antispasticity" | "botulinum_toxin" | "intrathecal_baclofen";
    startedOn: string;
    endedOn?: string | null;
    muscleGroup?: MuscleGroup;
    side?: Side; // toxin: the injected key (required to count)
    stoppedBecause?: "ineffective" | "side_effects" | "other" | null;
  }[];
  triggers: {
    kind: "uti" | "infection" | "fever" | "relapse" | "pressure_sore" | "constipation";
    reportedOn: string;
  }[];
  neuroSigns: { kind: "fasciculations" | "weakness" | "wasting"; reportedOn: string }[];
  spasmFrequency: { score: 0 | 1 | 2 | 3 | 4; reportedOn: string }[]; // Penn
}

export const FLAG_KINDS = [
  "BOTOX_REFERRAL",
  "BACLOFEN_REVIEW",
  "SURGICAL_REFERRAL",
  "REASSESS_AFTER_BOTOX",
  "TRIGGER_REVIEW",
  "MAS4_REVIEW",
  "NEURO_REVIEW",
] as const;
export type FlagKind = (typeof FLAG_KINDS)[number];
export type FlagAction =
  | "start"
  | "optimise"
  | "pump_dose"
  | "toxin_refractory"
  | "intrathecal_assessment";

export interface EscalationFlag {
  kind: FlagKind;
  keys: Key[];
  action?: FlagAction;
  reason: string;
}

// Days in the contract, named once.
const PHT_MIN_SPAN = 28;
const RUN_MAX_GAP = 180;
const TRIGGER_WINDOW = 14;
const SUDDEN_MAX_GAP = 30;
const SUDDEN_MIN_RISE = 2;
const TOXIN_WINDOW_FROM = 28;
const TOXIN_WINDOW_TO = 84;
const TOXIN_REASSESS = 84;
const DRUG_TRIAL = 42;
const ORAL_TRIED = 84;
const PENN_WINDOW = 28;
const NEURO_WINDOW = 90;

type Dated = { date: string; grade: MasGrade };

const keyId = (k: Key) => `${k.muscleGroup}:${k.side}`;
const inWindow = (date: string, from: string, to: string) => from <= date && date <= to;
const minusDays = (date: string, days: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
};

/** Muscle-group code as plain strings, then left before right. */
const compareKeys = (a: Key, b: Key) =>
  a.muscleGroup === b.muscleGroup
    ? a.side === b.side
      ? 0
      : a.side === "left"
        ? -1
        : 1
    : a.muscleGroup < b.muscleGroup
      ? -1
      : 1;

/** Keys sorted (compareKeys), each once. */
function sortKeys(keys: Iterable<Key>): Key[] {
  const unique = new Map<string, Key>();
  for (const k of keys) unique.set(keyId(k), { muscleGroup: k.muscleGroup, side: k.side });
  return [...unique.values()].sort(compareKeys);
}

/**
 * Per key, its scores by date (the last in input order wins on a date), oldest first; keys in
 * output order (compareKeys), so that reasons read the same whatever the input order. Scores
 * usually arrive in date order (recording order, or a digest's): each is then appended, or
 * replaces the last; one out of order is put in its place.
 */
function historyByKey(
  scores: EscalationInput["scores"],
  asOf: string,
): Map<string, { key: Key; scores: Dated[] }> {
  const byKey = new Map<string, { key: Key; scores: Dated[] }>();
  for (const s of scores) {
    if (s.assessedOn > asOf) continue;
    const id = keyId(s);
    let entry = byKey.get(id);
    if (!entry) {
      entry = { key: { muscleGroup: s.muscleGroup, side: s.side }, scores: [] };
      byKey.set(id, entry);
    }
    const list = entry.scores;
    const dated = { date: s.assessedOn, grade: s.grade };
    let i = list.length - 1;
    while (i >= 0 && (list[i] as Dated).date > dated.date) i--;
    if (i >= 0 && (list[i] as Dated).date === dated.date) list[i] = dated;
    else if (i === list.length - 1) list.push(dated);
    else list.splice(i + 1, 0, dated);
  }
  if (byKey.size < 2) return byKey;
  const sorted = [...byKey].sort(([, a], [, b]) => compareKeys(a.key, b.key));
  return new Map(sorted);
}

/** The run: consecutive high scores ending with the latest, no gap over 180 days. */
function runOf(scores: Dated[]): Dated[] {
  const run: Dated[] = [];
  for (let i = scores.length - 1; i >= 0; i--) {
    const s = scores[i] as Dated;
    if (!isHighGrade(s.grade)) break;
    const next = run[0];
    if (next && daysBetween(s.date, next.date) > RUN_MAX_GAP) break;
    run.unshift(s);
  }
  return run;
}

const isPersistent = (run: Dated[]) =>
  run.length >= 2 &&
  daysBetween((run[0] as Dated).date, (run.at(-1) as Dated).date) >= PHT_MIN_SPAN;

const isActiveOn = (t: EscalationInput["treatments"][number], day: string) =>
  t.startedOn <= day && (!t.endedOn || t.endedOn >= day);

const describeRun = (key: Key, run: Dated[]) =>
  `${keyShortLabel(key.muscleGroup, key.side)} ${run.map((s) => `${s.grade} (${s.date})`).join(", ")}`;

export function evaluateEscalation(input: EscalationInput): EscalationFlag[] {
  const { asOf } = input;
  const history = historyByKey(input.scores, asOf);
  const treatments = input.treatments.filter((t) => t.startedOn <= asOf);
  const byDate = <T extends { reportedOn: string; kind: string }>(a: T, b: T) =>
    a.reportedOn === b.reportedOn
      ? a.kind < b.kind
        ? -1
        : a.kind > b.kind
          ? 1
          : 0
      : a.reportedOn < b.reportedOn
        ? -1
        : 1;
  const triggers = input.triggers.filter((t) => t.reportedOn <= asOf).sort(byDate);
  const neuroSigns = input.neuroSigns.filter((n) => n.reportedOn <= asOf).sort(byDate);
  const spasms = input.spasmFrequency.filter((p) => p.reportedOn <= asOf);

  const flags = new Map<FlagKind, { keys: Key[]; action?: FlagAction; reasons: string[] }>();
  const raise = (kind: FlagKind, keys: Key[], reason: string, action?: FlagAction) => {
    const flag = flags.get(kind) ?? { keys: [], reasons: [], ...(action ? { action } : {}) };
    flag.keys.push(...keys);
    flag.reasons.push(reason);
    flags.set(kind, flag);
  };

  // Persistent high tone: K, and D = the latest score date in the runs of K.
  const runs = new Map<string, { key: Key; run: Dated[] }>();
  for (const [id, { key, scores }] of history) {
    const run = runOf(scores);
    if (isPersistent(run)) runs.set(id, { key, run });
  }
  const K = [...runs.values()];
  const D = K.reduce<string | null>((latest, { run }) => {
    const last = (run.at(-1) as Dated).date;
    return latest === null || last > latest ? last : latest;
  }, null);

  // R1 aggravating factors.
  let withheld = false;
  const triggerKeys: Key[] = [];
  const triggerReasons: string[] = [];
  if (D !== null) {
    const found = triggers.filter((t) => inWindow(t.reportedOn, minusDays(D, TRIGGER_WINDOW), D));
    if (found.length > 0) {
      withheld = true;
      triggerKeys.push(...K.map((k) => k.key));
      triggerReasons.push(
        `Persistent high tone (${K.map(({ key, run }) => describeRun(key, run)).join("; ")}) with a possible trigger reported within 14 days before ${D} (${found
          .map((t) => `${t.kind} ${t.reportedOn}`)
          .join(", ")}): treat the trigger and reassess before any referral.`,
      );
    }
  }
  for (const { key, scores } of history.values()) {
    const latest = scores.at(-1);
    const previous = scores.at(-2);
    if (!latest || !previous || !isHighGrade(latest.grade)) continue;
    if (daysBetween(previous.date, latest.date) > SUDDEN_MAX_GAP) continue;
    if (masRank(latest.grade) - masRank(previous.grade) < SUDDEN_MIN_RISE) continue;
    triggerKeys.push(key);
    triggerReasons.push(
      `Sudden worsening of ${keyShortLabel(key.muscleGroup, key.side)}: ${previous.grade} (${previous.date}) to ${latest.grade} (${latest.date}) within ${SUDDEN_MAX_GAP} days: look for a trigger (infection, skin, bowel, relapse).`,
    );
  }
  const recent = triggers.filter((t) =>
    inWindow(t.reportedOn, minusDays(asOf, TRIGGER_WINDOW), asOf),
  );
  if (recent.length > 0) {
    triggerReasons.push(
      `Possible trigger reported in the last 14 days: ${recent.map((t) => `${t.kind} ${t.reportedOn}`).join(", ")}.`,
    );
  }
  if (triggerReasons.length > 0) raise("TRIGGER_REVIEW", triggerKeys, triggerReasons.join(" "));

  // R2–R4, unless withheld by R1(a).
  if (K.length > 0 && !withheld) {
    if (K.length <= 2) {
      // R3 focal, per key.
      for (const { key, run } of K) {
        const injections = new Set(
          treatments
            .filter(
              (t) =>
                t.kind === "botulinum_toxin" &&
                t.muscleGroup === key.muscleGroup &&
                t.side === key.side,
            )
            .map((t) => t.startedOn),
        );
        const scores = history.get(keyId(key))?.scores ?? [];
        const nonResponses = [...injections].filter((t) => {
          const inResponseWindow = scores.filter((s) => {
            const after = daysBetween(t, s.date);
            return after >= TOXIN_WINDOW_FROM && after <= TOXIN_WINDOW_TO;
          });
          return inResponseWindow.length > 0 && inResponseWindow.every((s) => isHighGrade(s.grade));
        });
        const label = describeRun(key, run);
        if (nonResponses.length >= 2) {
          raise(
            "SURGICAL_REFERRAL",
            [key],
            `Focal spasticity refractory to botulinum toxin: ${label}; still high 4–12 weeks after injections on ${nonResponses.sort().join(" and ")}.`,
            "toxin_refractory",
          );
        } else if ([...injections].some((t) => daysBetween(t, asOf) < TOXIN_REASSESS)) {
          const last = [...injections].sort().at(-1);
          raise(
            "REASSESS_AFTER_BOTOX",
            [key],
            `Toxin injected on ${last}, less than 12 weeks ago: reassess ${label} at the toxin's peak effect (4–12 weeks).`,
          );
        } else {
          raise(
            "BOTOX_REFERRAL",
            [key],
            `Focal persistent high tone (MAS 3 or more for 28 days or more): ${label}.`,
          );
        }
      }
    } else {
      // R4 generalised.
      const keys = K.map((k) => k.key);
      const labels = K.map(({ key, run }) => describeRun(key, run)).join("; ");
      const pump = treatments.some((t) => t.kind === "intrathecal_baclofen" && isActiveOn(t, asOf));
      const oral = treatments.filter((t) => t.kind === "oral_antispasticity");
      const activeOral = oral.filter((t) => isActiveOn(t, asOf));
      const newest = activeOral
        .map((t) => t.startedOn)
        .sort()
        .at(-1);
      if (pump) {
        raise(
          "BACLOFEN_REVIEW",
          keys,
          `Generalised persistent high tone on intrathecal baclofen: ${labels}. Review the pump dose.`,
          "pump_dose",
        );
      } else if (newest && daysBetween(newest, asOf) < DRUG_TRIAL) {
        // A drug trial, add-on or dose change is under way: give it six weeks.
      } else {
        const action: FlagAction = activeOral.length === 0 ? "start" : "optimise";
        raise(
          "BACLOFEN_REVIEW",
          keys,
          `Generalised persistent high tone in ${keys.length} muscle groups: ${labels}. ${action === "start" ? "No oral antispasticity drug active." : "Oral antispasticity drug active for 6 weeks or more."}`,
          action,
        );
        const tried = oral.some((t) => {
          const end = t.endedOn && t.endedOn <= asOf ? t.endedOn : asOf;
          const ranLongEnough = daysBetween(t.startedOn, end) >= ORAL_TRIED;
          const sideEffects =
            t.stoppedBecause === "side_effects" &&
            Boolean(t.endedOn) &&
            (t.endedOn as string) <= asOf;
          return ranLongEnough || sideEffects;
        });
        const grade4 = K.filter(({ run }) => (run.at(-1) as Dated).grade === "4").length;
        const frequent = spasms.some(
          (p) => p.score >= 3 && inWindow(p.reportedOn, minusDays(asOf, PENN_WINDOW), asOf),
        );
        if (tried && (grade4 >= 2 || frequent)) {
          raise(
            "SURGICAL_REFERRAL",
            keys,
            `Generalised high tone despite oral therapy tried${grade4 >= 2 ? `, ${grade4} muscle groups at MAS 4` : ""}${frequent ? ", frequent spasms (Penn 3 or more) in the last 28 days" : ""}: consider intrathecal baclofen assessment.`,
            "intrathecal_assessment",
          );
        }
      }
    }
  }

  // R5: every key whose latest score is 4, persistent or not, withheld or not.
  const fours = [...history.values()].filter(({ scores }) => scores.at(-1)?.grade === "4");
  if (fours.length > 0) {
    raise(
      "MAS4_REVIEW",
      fours.map((f) => f.key),
      `Latest grade 4 (rigid): ${fours.map(({ key, scores }) => `${keyShortLabel(key.muscleGroup, key.side)} (${scores.at(-1)?.date})`).join(", ")}. Distinguish fixed contracture from spasticity.`,
    );
  }

  // R6: fasciculations and (weakness or wasting) within 90 days.
  const from = minusDays(asOf, NEURO_WINDOW);
  const recentSigns = neuroSigns.filter((n) => inWindow(n.reportedOn, from, asOf));
  const fasciculations = recentSigns.filter((n) => n.kind === "fasciculations");
  const lowerMotor = recentSigns.filter((n) => n.kind === "weakness" || n.kind === "wasting");
  if (fasciculations.length > 0 && lowerMotor.length > 0) {
    raise(
      "NEURO_REVIEW",
      [],
      `Fasciculations (${fasciculations.map((n) => n.reportedOn).join(", ")}) with ${[...new Set(lowerMotor.map((n) => n.kind))].join(" and ")} (${lowerMotor
        .map((n) => n.reportedOn)
        .join(
          ", ",
        )}) in the last 90 days: lower motor neuron signs, not typical of MS. Neurology review.`,
    );
  }

  return FLAG_KINDS.filter((kind) => flags.has(kind)).map((kind) => {
    const flag = flags.get(kind) as { keys: Key[]; action?: FlagAction; reasons: string[] };
    const out: EscalationFlag = { kind, keys: sortKeys(flag.keys), reason: flag.reasons.join(" ") };
    if (flag.action && (kind === "BACLOFEN_REVIEW" || kind === "SURGICAL_REFERRAL"))
      out.action = flag.action;
    return out;
  });
}
