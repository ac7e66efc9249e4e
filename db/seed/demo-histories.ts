import { addDays, daysBetween, todayIn } from "../../lib/clinical/dates";
import {
  isMasGrade,
  type MasGrade,
  type MuscleGroup,
  type Position,
  type Side,
} from "../../lib/clinical/mas";
import type { Tx } from "../client";
import {
  assessments,
  intrathecalPumps,
  masScores,
  oralTreatments,
  toxinInjections,
} from "../schema";

/** What the demo seed has just inserted, and the moment the histories are relative to. */
export interface DemoHistoryContext {
  clinics: { id: string; timeZone: string }[];
  patients: {
    id: string;
    givenName: string;
    familyName: string;
    clinicId: string;
    primaryTherapistId: string | null;
  }[];
  staff: { id: string; clinicId: string; role: "admin" | "therapist" | "patient" }[];
  /** Defaults to the real time: every date is counted back from "today" in the clinic's zone. */
  now?: Date;
}

type OralDrug = (typeof oralTreatments.$inferInsert)["drug"];

/**
 * One patient's history, written as a table: `days` are the assessment dates in days before the
 * clinic's today (oldest first, every 4–8 weeks), and each score row holds one grade per
 * assessment ("-" where that key was not assessed that day).
 */
interface Plan {
  position: Position;
  days: number[];
  scores: [MuscleGroup, Side, string][];
  /** Position by assessment index, where it differs from `position`. */
  positionAt?: Record<number, Position>;
  notes?: Record<number, string>;
  hoursSinceOralDose?: Record<number, number>;
  neuroSigns?: Record<number, { fasciculations?: boolean; weakness?: boolean; wasting?: boolean }>;
  /** The assessment at `index` was first recorded with left and right swapped, then amended. */
  amendSwappedSides?: { index: number; reason: string };
  toxins?: { daysAgo: number; muscleGroup: MuscleGroup; side: Side; units: number }[];
  oral?: {
    drug: OralDrug;
    dose: string;
    startedDaysAgo: number;
    stoppedDaysAgo?: number;
    stopReason?: "ineffective" | "side_effects" | "other";
  }[];
  pumpStartedDaysAgo?: number;
}

const BOTOX = "Botox (onabotulinumtoxinA)";

/**
 * The histories, by patient name. Across the Demo Clinic they set up each situation of the
 * escalation rules (CLINICAL.md §5): Maria a focal persistent 3 in the left calf with no toxin
 * (Botox referral); Aisha generalised persistent 3s with no drugs (start baclofen); Tomasz
 * generalised 3s after 8 months of oral baclofen and a 4 (optimise; MAS 4 review); David two toxin
 * injections into the right calf with the calf still 3 four to twelve weeks after each
 * (toxin-refractory surgical referral); Rahul a toxin into persistently tight right hamstrings six
 * weeks ago (reassess after Botox); Ewan generalised 3s and a 4 with an intrathecal pump (pump dose
 * review; MAS 4 review); Grace fasciculations and wasting on her latest assessment (neurology
 * review). James, Helen and Sofia are mild, stable or improving.
 */
const PLANS: Record<string, Plan> = {
  "Maria Lopez": {
    position: "supine",
    days: [301, 252, 203, 161, 119, 77, 35, 7],
    scores: [
      ["knee_flexors", "left", "3  3  2  2  2  1+ 1+ 1"],
      ["knee_flexors", "right", "2  2  2  1+ 1+ 1+ 1  1"],
      ["ankle_plantarflexors", "left", "2  2  3  3  3  3  3  3"],
      ["ankle_plantarflexors", "right", "1+ 2  2  1+ 2  1+ 1+ 1+"],
      ["hip_flexors", "left", "1+ 1+ 1+ 1  1  1  1  1"],
      ["hip_flexors", "right", "1  1  1  1  1  1  0  1"],
    ],
    positionAt: { 3: "sitting", 6: "sitting" },
    notes: {
      2: "Left calf tighter since a fall in the garden; stretches reviewed.",
      5: "Slept badly; tired today.",
      7: "Hamstrings much easier; left calf still catches early in range.",
    },
    amendSwappedSides: { index: 4, reason: "Left and right swapped when recording" },
  },
  "James Carter": {
    position: "sitting",
    days: [224, 182, 133, 91, 49, 14],
    scores: [
      ["knee_flexors", "left", "1+ 1+ 1+ 1+ 1+ 1+"],
      ["knee_flexors", "right", "1  1  1+ 1  1  1"],
      ["ankle_plantarflexors", "left", "2  2  2  1+ 2  2"],
      ["ankle_plantarflexors", "right", "1+ 1+ 1+ 1+ 1+ 1+"],
      ["hip_flexors", "left", "1  1  1  1  1  1"],
      ["hip_flexors", "right", "1  1  0  1  1  1"],
    ],
    positionAt: { 1: "supine", 4: "supine" },
    notes: { 2: "Hot week; felt stiffer than usual." },
  },
  "Aisha Bello": {
    position: "supine",
    days: [266, 224, 182, 140, 98, 56, 14],
    scores: [
      ["knee_flexors", "left", "2  2  3  3  3  3  3"],
      ["knee_flexors", "right", "2  2  2  3  3  3  3"],
      ["ankle_plantarflexors", "left", "2  3  3  3  3  3  3"],
      ["ankle_plantarflexors", "right", "2  2  3  3  3  3  3"],
      ["hip_adductors", "left", "1+ 2  2  2  3  3  3"],
      ["hip_adductors", "right", "1+ 1+ 2  2  2  2  2"],
      ["hip_flexors", "left", "1+ 1+ 2  2  2  2  2"],
      ["hip_flexors", "right", "1+ 1+ 1+ 2  2  2  2"],
    ],
    positionAt: { 1: "sitting" },
    notes: {
      3: "UTI last week; scores may be raised.",
      5: "Stiffness limiting transfers; would like to discuss medication.",
    },
  },
  "Tomasz Nowak": {
    position: "supine",
    days: [322, 280, 231, 189, 147, 105, 63, 21],
    scores: [
      ["knee_flexors", "left", "3  3  2  3  3  3  3  3"],
      ["knee_flexors", "right", "3  3  3  3  3  3  3  3"],
      ["ankle_plantarflexors", "left", "3  3  3  3  3  3  3  4"],
      ["ankle_plantarflexors", "right", "3  3  2  2  3  3  3  3"],
      ["hip_adductors", "left", "2  3  2  2  3  3  3  3"],
      ["hip_adductors", "right", "2  2  2  2  2  2  2  2"],
      ["hip_flexors", "left", "2  2  1+ 2  2  2  2  2"],
      ["hip_flexors", "right", "2  2  2  2  2  2  2  2"],
    ],
    positionAt: { 4: "sitting" },
    hoursSinceOralDose: { 2: 3, 3: 2, 4: 5, 5: 4, 6: 2, 7: 3 },
    notes: {
      2: "Started baclofen two weeks ago; a little drowsy in the afternoons.",
      7: "Left ankle hard to move past neutral; query contracture.",
    },
    oral: [{ drug: "baclofen", dose: "10 mg three times a day", startedDaysAgo: 245 }],
  },
  "Helen Fraser": {
    position: "sitting",
    days: [210, 168, 126, 91, 49, 10],
    scores: [
      ["ankle_plantarflexors", "left", "3  3  2  2  1+ 1+"],
      ["ankle_plantarflexors", "right", "2  2  2  1+ 1+ 1"],
      ["knee_flexors", "left", "2  2  1+ 1+ 1  1"],
      ["knee_flexors", "right", "2  1+ 1+ 1  1  1"],
      ["hip_flexors", "left", "1+ 1+ 1  1  1  0"],
      ["hip_flexors", "right", "1  1  1  1  0  0"],
    ],
    positionAt: { 0: "supine", 3: "supine" },
    notes: {
      1: "Started a daily calf and hamstring stretching program.",
      4: "Walking further; calves feel looser.",
    },
  },
  "David Kim": {
    position: "supine",
    days: [301, 252, 224, 168, 133, 84, 42, 10],
    scores: [
      ["ankle_plantarflexors", "right", "3  3  3  3  3  3  3  3"],
      ["ankle_plantarflexors", "left", "2  2  2  1+ 2  2  1+ 2"],
      ["knee_flexors", "right", "2  2  2  2  1+ 2  2  2"],
      ["knee_flexors", "left", "1+ 1+ 1+ 1+ 1+ 1+ 1+ 1+"],
      ["hip_flexors", "right", "1  1  1+ 1  1  1  1  1"],
      ["hip_flexors", "left", "1  1  1  1  1  1  1  1"],
    ],
    positionAt: { 1: "sitting", 5: "sitting" },
    notes: {
      2: "Right calf persistently tight; referred for botulinum toxin.",
      4: "Little change in the right calf since the injection; second injection planned.",
      6: "No change in the right calf after the second injection.",
    },
    toxins: [
      { daysAgo: 210, muscleGroup: "ankle_plantarflexors", side: "right", units: 150 },
      { daysAgo: 120, muscleGroup: "ankle_plantarflexors", side: "right", units: 200 },
    ],
  },
  "Grace O'Neill": {
    position: "supine",
    days: [231, 189, 147, 105, 63, 21],
    scores: [
      ["knee_extensors", "left", "2  2  2  2  1+ 1+"],
      ["knee_extensors", "right", "1+ 1+ 2  2  2  2"],
      ["knee_flexors", "left", "2  2  2  2  2  2"],
      ["knee_flexors", "right", "2  2  1+ 2  2  2"],
      ["ankle_plantarflexors", "left", "2  2  2  2  2  1+"],
      ["ankle_plantarflexors", "right", "1+ 2  2  2  2  2"],
      ["elbow_flexors", "left", "1+ 1+ 1+ 1+ 1+ 1+"],
      ["elbow_flexors", "right", "1  1  1+ 1+ 1+ 1+"],
    ],
    positionAt: { 2: "sitting" },
    notes: {
      5: "Visible twitching in both calves and the left thigh; left quadriceps looks thinner than before. Tone lower than expected. For neurology review.",
    },
    neuroSigns: { 5: { fasciculations: true, wasting: true } },
  },
  "Rahul Mehta": {
    position: "supine",
    days: [280, 238, 196, 154, 112, 63, 12],
    scores: [
      ["knee_flexors", "right", "2  2  2  3  3  3  3"],
      ["knee_flexors", "left", "2  2  2  2  1+ 2  2"],
      ["ankle_plantarflexors", "right", "1+ 2  2  2  2  2  2"],
      ["ankle_plantarflexors", "left", "1+ 1+ 1+ 1+ 1+ 1+ 1+"],
      ["hip_flexors", "right", "1  1  1  1+ 1+ 1  1"],
      ["hip_flexors", "left", "1  1  1  1  1  1  1"],
    ],
    positionAt: { 2: "sitting" },
    notes: {
      5: "Right hamstrings at 3 for four months despite stretching; referred for botulinum toxin.",
      6: "Four weeks after toxin to the right hamstrings; no change yet. Peak effect expected within 12 weeks.",
    },
    toxins: [{ daysAgo: 42, muscleGroup: "knee_flexors", side: "right", units: 150 }],
  },
  "Sofia Rossi": {
    position: "sitting",
    days: [217, 175, 133, 91, 49, 5],
    scores: [
      ["hip_flexors", "left", "2  2  1+ 1+ 1  1"],
      ["hip_flexors", "right", "2  1+ 1+ 1  1  1"],
      ["knee_flexors", "left", "1+ 1+ 1+ 1  1  1"],
      ["knee_flexors", "right", "1+ 1+ 1  1  1  0"],
      ["ankle_plantarflexors", "left", "2  2  2  1+ 1+ 1"],
      ["ankle_plantarflexors", "right", "1+ 1+ 1+ 1+ 1  1"],
    ],
    positionAt: { 0: "supine", 4: "supine" },
    notes: {
      0: "Recovering from a relapse two months ago.",
      2: "Slept badly; tired today.",
    },
  },
  "Ewan MacLeod": {
    position: "supine",
    days: [322, 273, 224, 182, 133, 91, 49, 8],
    scores: [
      ["hip_adductors", "left", "3  3  4  4  3  3  3  3"],
      ["hip_adductors", "right", "3  3  3  3  3  2  3  3"],
      ["knee_flexors", "left", "3  3  3  3  2  2  3  3"],
      ["knee_flexors", "right", "3  3  3  3  2  2  2  2"],
      ["ankle_plantarflexors", "left", "4  4  4  4  4  4  4  4"],
      ["ankle_plantarflexors", "right", "3  3  3  4  3  3  3  3"],
      ["hip_flexors", "left", "2  2  3  3  2  2  2  2"],
      ["hip_flexors", "right", "2  2  2  2  2  2  2  2"],
      ["elbow_flexors", "left", "1+ 1+ 2  2  1+ 1+ 1+ 1+"],
      ["elbow_flexors", "right", "1  1  1+ 1+ 1  1  1  1"],
    ],
    positionAt: { 2: "sitting" },
    hoursSinceOralDose: { 0: 4, 1: 3, 2: 6, 3: 2 },
    notes: {
      3: "Drowsy on oral baclofen at this dose; referred for intrathecal baclofen.",
      4: "Intrathecal pump implanted two and a half weeks ago; dose being titrated.",
      7: "Left ankle fixed in plantarflexion; query contracture.",
    },
    oral: [
      {
        drug: "baclofen",
        dose: "20 mg four times a day",
        startedDaysAgo: 430,
        stoppedDaysAgo: 150,
        stopReason: "side_effects",
      },
    ],
    pumpStartedDaysAgo: 150,
  },
  // Other Clinic
  "Linda Brooks": {
    position: "supine",
    days: [266, 224, 182, 140, 98, 56, 9],
    scores: [
      ["knee_flexors", "left", "2  2  2  2  2  2  2"],
      ["knee_flexors", "right", "2  2  3  2  2  2  2"],
      ["ankle_plantarflexors", "left", "2  2  2  2  1+ 2  2"],
      ["ankle_plantarflexors", "right", "2  2  2  2  2  2  2"],
      ["hip_adductors", "left", "1+ 1+ 1+ 1+ 1+ 1+ 1+"],
      ["hip_adductors", "right", "1+ 1+ 2  1+ 1+ 1+ 1+"],
    ],
    positionAt: { 4: "sitting" },
    notes: { 2: "UTI last week; scores may be raised." },
  },
  "Carlos Diaz": {
    position: "sitting",
    days: [203, 161, 126, 84, 42, 4],
    scores: [
      ["knee_flexors", "left", "1+ 1+ 1  1  1  1"],
      ["knee_flexors", "right", "1+ 1+ 1+ 1  1  1"],
      ["ankle_plantarflexors", "left", "2  1+ 1+ 1+ 1  1"],
      ["ankle_plantarflexors", "right", "1+ 1+ 1  1  1  0"],
    ],
    notes: { 3: "Cycling twice a week again." },
  },
  "Nora Lindqvist": {
    position: "supine",
    days: [280, 238, 196, 154, 112, 63, 18],
    scores: [
      ["knee_flexors", "left", "3  3  3  2  3  3  3"],
      ["knee_flexors", "right", "3  3  2  2  2  3  3"],
      ["ankle_plantarflexors", "left", "3  3  3  3  3  3  3"],
      ["ankle_plantarflexors", "right", "2  3  3  3  3  3  3"],
      ["hip_adductors", "left", "2  2  2  2  2  2  2"],
      ["hip_adductors", "right", "2  2  2  1+ 2  2  2"],
      ["hip_flexors", "left", "2  2  2  2  2  2  2"],
      ["hip_flexors", "right", "1+ 2  2  2  2  2  2"],
    ],
    positionAt: { 3: "sitting" },
    hoursSinceOralDose: { 2: 4, 3: 3, 4: 5, 5: 2, 6: 6 },
    notes: { 4: "Slept badly; spasms at night." },
    oral: [{ drug: "gabapentin", dose: "300 mg three times a day", startedDaysAgo: 200 }],
  },
};

type AssessmentRow = typeof assessments.$inferInsert;
type ScoreRow = typeof masScores.$inferInsert;

/**
 * Gives every demo patient 6–12 months of Modified Ashworth history, with the treatments that go
 * with it, ending recently. All dates count back from today in the patient's clinic time zone, so
 * they never lie in the future whenever the seed runs. Batched: one insert per table (plus one for
 * the amendment, which must be recorded after the version it corrects).
 */
export async function seedDemoHistories(tx: Tx, ctx: DemoHistoryContext): Promise<void> {
  const now = ctx.now ?? new Date();
  const originals: AssessmentRow[] = [];
  const amendments: AssessmentRow[] = [];
  const scores: ScoreRow[] = [];
  const orals: (typeof oralTreatments.$inferInsert)[] = [];
  const toxins: (typeof toxinInjections.$inferInsert)[] = [];
  const pumps: (typeof intrathecalPumps.$inferInsert)[] = [];

  const byName = new Map(ctx.patients.map((p) => [`${p.givenName} ${p.familyName}`, p]));
  for (const [name, plan] of Object.entries(PLANS)) {
    const patient = byName.get(name);
    if (!patient) throw new Error(`demo history for unknown patient ${name}`);
    const clinic = ctx.clinics.find((c) => c.id === patient.clinicId);
    if (!clinic) throw new Error(`no clinic for ${name}`);
    const today = todayIn(clinic.timeZone, now);
    const ago = (days: number) => {
      if (days < 0) throw new Error(`demo history for ${name} lies in the future`);
      return addDays(today, -days);
    };
    const assessor = assessorFor(patient, ctx.staff);
    const base = { clinicId: patient.clinicId, patientId: patient.id };
    const grades = parseScores(name, plan);
    const toxinDates = (plan.toxins ?? []).map((t) => ago(t.daysAgo)).sort();

    plan.days.forEach((daysAgo, i) => {
      const assessedOn = ago(daysAgo);
      const lastToxin = toxinDates.filter((d) => d <= assessedOn).at(-1);
      const id = crypto.randomUUID();
      const row: AssessmentRow = {
        ...base,
        id,
        rootId: id,
        supersedesId: null,
        amendmentReason: null,
        assessorId: assessor,
        assessedOn,
        position: plan.positionAt?.[i] ?? plan.position,
        hoursSinceOralDose: plan.hoursSinceOralDose?.[i] ?? null,
        daysSinceToxin: lastToxin ? daysBetween(lastToxin, assessedOn) : null,
        fasciculations: plan.neuroSigns?.[i]?.fasciculations ?? false,
        weakness: plan.neuroSigns?.[i]?.weakness ?? false,
        wasting: plan.neuroSigns?.[i]?.wasting ?? false,
        notes: plan.notes?.[i] ?? null,
      };
      const correct = grades.flatMap(([muscleGroup, side, g]) => {
        const grade = g[i];
        return grade ? [{ muscleGroup, side, grade }] : [];
      });
      if (correct.length < 4 || correct.length > 10) {
        throw new Error(`${name}, assessment ${i}: ${correct.length} scores (want 4–10)`);
      }
      originals.push(row);
      if (plan.amendSwappedSides?.index === i) {
        const swapped = correct.map((s) => ({
          ...s,
          side: (s.side === "left" ? "right" : "left") as Side,
        }));
        scores.push(...swapped.map((s) => ({ ...s, assessmentId: id })));
        const amendmentId = crypto.randomUUID();
        amendments.push({
          ...row,
          id: amendmentId,
          rootId: id,
          supersedesId: id,
          amendmentReason: plan.amendSwappedSides.reason,
        });
        scores.push(...correct.map((s) => ({ ...s, assessmentId: amendmentId })));
      } else {
        scores.push(...correct.map((s) => ({ ...s, assessmentId: id })));
      }
    });

    for (const t of plan.toxins ?? []) {
      toxins.push({
        ...base,
        injectedOn: ago(t.daysAgo),
        muscleGroup: t.muscleGroup,
        side: t.side,
        units: t.units,
        product: BOTOX,
        recordedBy: assessor,
      });
    }
    for (const o of plan.oral ?? []) {
      orals.push({
        ...base,
        drug: o.drug,
        dose: o.dose,
        startedOn: ago(o.startedDaysAgo),
        stoppedOn: o.stoppedDaysAgo === undefined ? null : ago(o.stoppedDaysAgo),
        stopReason: o.stopReason ?? null,
        recordedBy: assessor,
      });
    }
    if (plan.pumpStartedDaysAgo !== undefined) {
      pumps.push({ ...base, startedOn: ago(plan.pumpStartedDaysAgo), recordedBy: assessor });
    }
  }

  // `seq` numbers rows in recording order: every original before the amendment that corrects it.
  if (originals.length) await tx.insert(assessments).values(originals);
  if (amendments.length) await tx.insert(assessments).values(amendments);
  if (scores.length) await tx.insert(masScores).values(scores);
  if (orals.length) await tx.insert(oralTreatments).values(orals);
  if (toxins.length) await tx.insert(toxinInjections).values(toxins);
  if (pumps.length) await tx.insert(intrathecalPumps).values(pumps);
}

/** The patient's primary therapist, else a therapist (or failing that any staff) of the clinic. */
function assessorFor(
  patient: DemoHistoryContext["patients"][number],
  staff: DemoHistoryContext["staff"],
): string {
  if (patient.primaryTherapistId) return patient.primaryTherapistId;
  const colleagues = staff.filter((s) => s.clinicId === patient.clinicId && s.role !== "patient");
  const found = colleagues.find((s) => s.role === "therapist") ?? colleagues[0];
  if (!found) throw new Error(`no staff to assess ${patient.givenName} ${patient.familyName}`);
  return found.id;
}

/** The plan's score rows as grade codes, one per assessment (undefined = not assessed). */
function parseScores(name: string, plan: Plan): [MuscleGroup, Side, (MasGrade | undefined)[]][] {
  return plan.scores.map(([muscleGroup, side, row]) => {
    const tokens = row.trim().split(/\s+/);
    if (tokens.length !== plan.days.length) {
      throw new Error(
        `${name} ${side} ${muscleGroup}: ${tokens.length} grades for ${plan.days.length} dates`,
      );
    }
    const grades = tokens.map((t) => {
      if (t === "-") return undefined;
      if (!isMasGrade(t)) throw new Error(`${name} ${side} ${muscleGroup}: bad grade ${t}`);
      return t;
    });
    return [muscleGroup, side, grades];
  });
}
