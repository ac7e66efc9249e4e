import { inArray } from "drizzle-orm";
import { addDays, daysBetween, todayIn } from "../../lib/clinical/dates";
import {
  type ReliefTool,
  SYMPTOMS,
  type Symptom,
  TRIGGERS,
  type Trigger,
} from "../../lib/clinical/log-options";
import { isProgramActiveOn, versionInForce } from "../../lib/clinical/program-schedule";
import type { Tx } from "../client";
import {
  dailyLogs,
  logItems,
  logReviews,
  programItems,
  programPauses,
  programs,
  programVersions,
} from "../schema";
import type { DemoHistoryContext } from "./demo-histories";

/** Same shape as the histories' context: what the demo seed has just inserted. */
export type DemoLogContext = DemoHistoryContext;

/** Logs go back to the earliest program start, but no further than this many days. */
export const MAX_LOG_DAYS = 110;

/** Triggers a story may report at random: shown to the therapist, never escalation triggers. */
type ShownTrigger = "heat" | "poor_sleep" | "dehydration" | "stress";

/** A scripted day: the patient logs it (unless `skip`), with these values instead of chance. */
interface StoryEvent {
  skip?: boolean;
  nrs?: number;
  pain?: number;
  penn?: number;
  triggers?: Trigger[];
  symptoms?: Symptom[];
  newWeakness?: boolean;
  wasting?: boolean;
  water?: number;
  note?: string;
}

/** How one patient logs. Rates are chances per day; `daysAgo` counts back from the clinic's today. */
interface Story {
  /** Seed of the patient's own PRNG: the same story every time, relative to today. */
  seed: number;
  /** Log only this many days back (else from the earliest program start, ≤ MAX_LOG_DAYS). */
  fromDaysAgo?: number;
  logRate: number | ((daysAgo: number) => number);
  /** Chance of doing every session of an item planned that day (else some or none). */
  sessionRate: number | ((daysAgo: number) => number);
  /** Spasticity NRS at the start and end of the window (linear drift), and the range it stays in. */
  nrs: [number, number];
  nrsRange: [number, number];
  /** Pain sits about this far from the NRS. */
  painOffset: number;
  /**
   * Relative weights of Penn frequency 0–4. The highest weighted score is also the cap: Tomasz and
   * Nora stay ≤ 2 so their generalised-spasticity flags stay those of their MAS history (§5 R4).
   */
  penn: [number, number, number, number, number];
  cramp: number;
  clonus: number;
  water: [number, number];
  triggers: [ShownTrigger, number][];
  relief: { tools: ReliefTool[]; rate: number };
  notes: string[];
  noteRate: number;
  /** Days of hot weather (from, to days ago): heat reported often, tone a little higher. */
  hotSpell?: [number, number];
  events?: Record<number, StoryEvent>;
}

const LONDON_HOT_SPELL: [number, number] = [49, 44];
const NEW_YORK_HOT_SPELL: [number, number] = [18, 15];

/**
 * The logging stories, by patient name, matched to the programs (demo-programs.ts) and the MAS
 * histories (demo-histories.ts). Only the scripted events report escalation triggers (§4 → §5) or
 * neuro signs, so random days never raise or withhold a flag: Aisha's urinary infection symptoms
 * 3–5 days ago, Sofia's relapse around her pause, Grace's twitching with new weakness and wasting.
 */
const STORIES: Record<string, Story> = {
  "Maria Lopez": {
    seed: 1001,
    logRate: 0.92,
    sessionRate: 0.95,
    nrs: [5.7, 4.4],
    nrsRange: [4, 6],
    painOffset: -2,
    penn: [58, 32, 10, 0, 0],
    cramp: 0.1,
    clonus: 0.05,
    water: [5, 8],
    triggers: [
      ["poor_sleep", 0.06],
      ["stress", 0.04],
      ["heat", 0.02],
    ],
    relief: { tools: ["foam_roller", "massage_gun"], rate: 0.35 },
    notes: [
      "Calf holds easier after a warm shower.",
      "Did the stretches before bed and slept better.",
      "Left calf tight on the stairs today.",
      "Walked to the shops and back.",
      "Busy day, stretched in the evening.",
    ],
    noteRate: 0.08,
    hotSpell: LONDON_HOT_SPELL,
    events: {
      26: { note: "New 40-second calf holds: hard for the last few seconds but OK." },
    },
  },
  "James Carter": {
    seed: 2002,
    // Program started 84 days ago: five good weeks, then fewer and fewer logs, none lately.
    logRate: (d) => (d >= 50 ? 0.9 : d >= 13 ? 0.1 + (0.6 * (d - 13)) / 37 : 0),
    sessionRate: (d) => (d >= 50 ? 0.9 : 0.55),
    nrs: [3.5, 4.2],
    nrsRange: [2, 6],
    painOffset: -2,
    penn: [60, 30, 10, 0, 0],
    cramp: 0.1,
    clonus: 0,
    water: [4, 7],
    triggers: [
      ["stress", 0.1],
      ["poor_sleep", 0.05],
      ["heat", 0.03],
    ],
    relief: { tools: ["foam_roller"], rate: 0.15 },
    notes: [
      "Long day at work, quick stretch only.",
      "Stretched after five-a-side.",
      "Forgot this morning, did them at night.",
    ],
    noteRate: 0.07,
    hotSpell: LONDON_HOT_SPELL,
    events: { 13: { note: "Away for work for a couple of weeks, will try to keep up." } },
  },
  "Aisha Bello": {
    seed: 3003,
    logRate: 0.8,
    sessionRate: 0.8,
    nrs: [6, 6.3],
    nrsRange: [4, 8],
    painOffset: -1,
    penn: [25, 35, 30, 10, 0],
    cramp: 0.2,
    clonus: 0.1,
    water: [3, 6],
    triggers: [
      ["poor_sleep", 0.08],
      ["dehydration", 0.04],
      ["heat", 0.02],
    ],
    relief: { tools: ["topical", "foam_roller"], rate: 0.3 },
    notes: [
      "Transfers hard this morning.",
      "Legs stiff after sitting all afternoon.",
      "My husband helped with the hamstring stretch.",
    ],
    noteRate: 0.08,
    hotSpell: LONDON_HOT_SPELL,
    events: {
      5: { nrs: 7, pain: 5, penn: 2, triggers: ["uti"], note: "Needing the toilet more often." },
      4: {
        nrs: 8,
        pain: 6,
        penn: 3,
        triggers: ["uti", "infection"],
        water: 9,
        note: "Burning when I pee, feel hot",
      },
      3: { nrs: 7, pain: 5, penn: 2, triggers: ["uti"], water: 9, note: "GP started antibiotics." },
    },
  },
  "Tomasz Nowak": {
    seed: 4004,
    logRate: 0.78,
    sessionRate: 0.85,
    nrs: [7, 7],
    nrsRange: [5, 9],
    painOffset: -1,
    penn: [15, 45, 40, 0, 0],
    cramp: 0.2,
    clonus: 0.4,
    water: [4, 7],
    triggers: [
      ["poor_sleep", 0.12],
      ["heat", 0.02],
    ],
    relief: { tools: ["medication"], rate: 0.5 },
    notes: [
      "Spasms woke me twice.",
      "Left ankle won't go flat.",
      "Drowsy after the lunchtime dose.",
    ],
    noteRate: 0.08,
    hotSpell: LONDON_HOT_SPELL,
  },
  "Helen Fraser": {
    seed: 5005,
    logRate: 0.8,
    sessionRate: 0.88,
    nrs: [3.5, 2.4],
    nrsRange: [1, 5],
    painOffset: -2,
    penn: [75, 20, 5, 0, 0],
    cramp: 0.05,
    clonus: 0,
    water: [6, 9],
    triggers: [
      ["stress", 0.05],
      ["heat", 0.03],
    ],
    relief: { tools: ["foam_roller"], rate: 0.2 },
    notes: ["Walked 2 km today.", "Calves feel looser.", "Yoga class in the evening."],
    noteRate: 0.07,
    hotSpell: LONDON_HOT_SPELL,
  },
  "David Kim": {
    seed: 6006,
    logRate: 0.72,
    sessionRate: 0.8,
    nrs: [6, 6],
    nrsRange: [4, 8],
    painOffset: -1,
    penn: [30, 40, 25, 5, 0],
    cramp: 0.1,
    clonus: 0.3,
    water: [4, 7],
    triggers: [
      ["poor_sleep", 0.06],
      ["heat", 0.03],
    ],
    relief: { tools: ["massage_gun"], rate: 0.3 },
    notes: [
      "Right ankle shaking on the stairs.",
      "My son held the towel stretch.",
      "Right calf no looser.",
    ],
    noteRate: 0.08,
    hotSpell: LONDON_HOT_SPELL,
  },
  "Grace O'Neill": {
    seed: 7007,
    logRate: 0.75,
    sessionRate: 0.8,
    nrs: [4.5, 3.8],
    nrsRange: [3, 6],
    painOffset: -1,
    penn: [50, 35, 15, 0, 0],
    cramp: 0.1,
    clonus: 0,
    water: [5, 7],
    triggers: [["poor_sleep", 0.06]],
    relief: { tools: ["topical"], rate: 0.2 },
    notes: ["Hands stiff in the cold.", "Did the arm stretches at the kitchen table."],
    noteRate: 0.07,
    hotSpell: LONDON_HOT_SPELL,
    events: {
      18: { symptoms: ["twitching"], note: "Small flickers in my left calf this evening." },
      12: {
        symptoms: ["twitching"],
        newWeakness: true,
        note: "Left leg gave way on the kerb.",
      },
      7: {
        symptoms: ["twitching"],
        newWeakness: true,
        wasting: true,
        note: "Left calf looks thinner, twitches at night",
      },
      3: { symptoms: ["twitching"], newWeakness: true },
    },
  },
  "Rahul Mehta": {
    seed: 8008,
    logRate: 0.75,
    sessionRate: 0.85,
    nrs: [5.5, 4.3],
    nrsRange: [3, 7],
    painOffset: -2,
    penn: [45, 35, 20, 0, 0],
    cramp: 0.1,
    clonus: 0,
    water: [5, 8],
    triggers: [
      ["stress", 0.06],
      ["heat", 0.02],
    ],
    relief: { tools: ["massage_gun"], rate: 0.2 },
    notes: [
      "My brother helped with the strap stretch.",
      "Hamstring a bit looser since the injection.",
    ],
    noteRate: 0.07,
    hotSpell: LONDON_HOT_SPELL,
  },
  "Sofia Rossi": {
    seed: 9009,
    // Paused 63 to 54 days ago for a relapse: she logs little while resting.
    logRate: (d) => (d <= 63 && d >= 54 ? 0.3 : 0.74),
    sessionRate: 0.8,
    nrs: [3.5, 2.5],
    nrsRange: [1, 6],
    painOffset: -1,
    penn: [70, 25, 5, 0, 0],
    cramp: 0.05,
    clonus: 0,
    water: [6, 9],
    triggers: [
      ["stress", 0.08],
      ["poor_sleep", 0.08],
      ["heat", 0.02],
    ],
    relief: { tools: ["foam_roller", "other"], rate: 0.2 },
    notes: ["Legs fine today.", "Long shift, stretched after."],
    noteRate: 0.06,
    hotSpell: LONDON_HOT_SPELL,
    events: {
      65: {
        nrs: 5,
        triggers: ["relapse"],
        newWeakness: true,
        note: "Right leg weak and numb since yesterday. Called the MS nurse.",
      },
      64: { nrs: 6, pain: 4, triggers: ["relapse"], newWeakness: true, note: "Steroids started." },
      60: { nrs: 5, triggers: ["relapse"], note: "Still tired, leg a bit better." },
    },
  },
  "Ewan MacLeod": {
    seed: 1010,
    logRate: 0.68,
    sessionRate: 0.72,
    nrs: [7.5, 7],
    nrsRange: [5, 9],
    painOffset: -1,
    penn: [10, 30, 40, 20, 0],
    cramp: 0.2,
    clonus: 0.4,
    water: [3, 6],
    triggers: [["poor_sleep", 0.1]],
    relief: { tools: ["other", "topical"], rate: 0.2 },
    notes: [
      "My wife helped with the stretches.",
      "Pump refill next week.",
      "Spasms in both legs at night.",
    ],
    noteRate: 0.08,
    hotSpell: LONDON_HOT_SPELL,
  },
  // Other Clinic: a few weeks each.
  "Linda Brooks": {
    seed: 1111,
    fromDaysAgo: 28,
    logRate: 0.7,
    sessionRate: 0.75,
    nrs: [5, 5],
    nrsRange: [3, 7],
    painOffset: -1,
    penn: [40, 40, 20, 0, 0],
    cramp: 0.1,
    clonus: 0,
    water: [5, 7],
    triggers: [["stress", 0.05]],
    relief: { tools: ["foam_roller"], rate: 0.2 },
    notes: ["Longer holds are tiring."],
    noteRate: 0.06,
    hotSpell: NEW_YORK_HOT_SPELL,
  },
  "Carlos Diaz": {
    seed: 1212,
    fromDaysAgo: 28,
    logRate: 0.75,
    sessionRate: 0.85,
    nrs: [2.5, 2],
    nrsRange: [1, 4],
    painOffset: -1,
    penn: [80, 20, 0, 0, 0],
    cramp: 0.05,
    clonus: 0,
    water: [6, 9],
    triggers: [["poor_sleep", 0.04]],
    relief: { tools: ["foam_roller"], rate: 0.15 },
    notes: ["Cycled 20 km.", "Stretched after the ride."],
    noteRate: 0.08,
    hotSpell: NEW_YORK_HOT_SPELL,
  },
  "Nora Lindqvist": {
    seed: 1313,
    fromDaysAgo: 28,
    logRate: 0.75,
    sessionRate: 0.7,
    nrs: [5, 5.5],
    nrsRange: [3, 7],
    painOffset: -1,
    penn: [40, 40, 20, 0, 0],
    cramp: 0.15,
    clonus: 0.1,
    water: [4, 7],
    triggers: [["poor_sleep", 0.1]],
    relief: { tools: ["medication"], rate: 0.4 },
    notes: ["Spasms at night again."],
    noteRate: 0.06,
    hotSpell: NEW_YORK_HOT_SPELL,
  },
};

/** Maria's therapist's reviews of her logs: through `throughDaysAgo`, recorded the day after. */
const REVIEWS: Record<string, { throughDaysAgo: number; note: string | null }[]> = {
  "Maria Lopez": [
    {
      throughDaysAgo: 45,
      note: "Well done starting the strength exercises: three days a week is plenty.",
    },
    { throughDaysAgo: 10, note: "Great consistency — keep the calf holds long." },
  ],
};

/** A program as the logs need it: its span, pauses and versions with their items. */
export interface LogProgram {
  id: string;
  patientId: string;
  startDate: string;
  endDate: string;
  endedOn: string | null;
  versions: {
    id: string;
    versionNo: number;
    effectiveFrom: string;
    items: { id: string; sessionsPerDay: number; daysPerWeek: number }[];
  }[];
  pauses: { pausedFrom: string; resumedOn: string | null }[];
}

export interface DemoLogRows {
  logs: (typeof dailyLogs.$inferInsert & { id: string })[];
  items: (typeof logItems.$inferInsert)[];
  reviews: (typeof logReviews.$inferInsert)[];
}

/** The items of the program to be done on `day`: those of the version in force, unless paused. */
export function activeItemsOn(program: LogProgram, day: string) {
  if (!isProgramActiveOn(program, program.pauses, day)) return [];
  return versionInForce(program.versions, day)?.items ?? [];
}

/**
 * The days of a week (0 = the program's first weekday) an item of `daysPerWeek` is planned on,
 * spread out: 3 → days 0, 2, 5.
 */
function plannedOffsets(daysPerWeek: number): Set<number> {
  const days = new Set<number>();
  for (let j = 0; j < daysPerWeek; j++) days.add(Math.round((j * 7) / daysPerWeek) % 7);
  return days;
}

/** A small seeded PRNG (mulberry32): deterministic, so the demo tells the same story every time. */
function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const clamp = (v: number, min: number, max: number) => Math.min(max, Math.max(min, v));
const rateOn = (rate: number | ((daysAgo: number) => number), daysAgo: number) =>
  typeof rate === "number" ? rate : rate(daysAgo);

/**
 * Every demo patient's daily logs (pure, apart from the ids): from their earliest program start
 * (at most MAX_LOG_DAYS back) up to yesterday in their clinic's zone. A log has one row per
 * program item active that day; items planned fewer than 7 days a week are done on about that
 * many days.
 */
export function buildDemoLogs(ctx: DemoLogContext, programList: LogProgram[]): DemoLogRows {
  const now = ctx.now ?? new Date();
  const rows: DemoLogRows = { logs: [], items: [], reviews: [] };
  const byName = new Map(ctx.patients.map((p) => [`${p.givenName} ${p.familyName}`, p]));
  for (const patient of ctx.patients) {
    const name = `${patient.givenName} ${patient.familyName}`;
    if (!STORIES[name]) throw new Error(`no demo logs for ${name}`);
  }

  for (const [name, story] of Object.entries(STORIES)) {
    const patient = byName.get(name);
    if (!patient) throw new Error(`demo logs for unknown patient ${name}`);
    const clinic = ctx.clinics.find((c) => c.id === patient.clinicId);
    if (!clinic) throw new Error(`no clinic for ${name}`);
    const today = todayIn(clinic.timeZone, now);
    const yesterday = addDays(today, -1);
    const mine = programList
      .filter((p) => p.patientId === patient.id)
      .sort((a, b) => a.startDate.localeCompare(b.startDate) || a.id.localeCompare(b.id));
    if (!mine.length) throw new Error(`${name}: no program to log`);
    const earliest = mine.map((p) => p.startDate).sort()[0] as string;
    const floor = addDays(today, -(story.fromDaysAgo ?? MAX_LOG_DAYS));
    const first = earliest > floor ? earliest : floor;
    const span = daysBetween(first, yesterday);
    const random = mulberry32(story.seed);
    const chance = (p: number) => random() < p;
    const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
    const noise = () => random() + random() + random() - 1.5; // about ±0.5
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    const maxPenn = story.penn.reduce((m, w, i) => (w > 0 ? i : m), 0);
    const pennTotal = story.penn.reduce((s, w) => s + w, 0);

    for (let i = 0; i <= span; i++) {
      const day = addDays(first, i);
      const daysAgo = daysBetween(day, today);
      const event = story.events?.[daysAgo];
      if (event?.skip) continue;
      if (!event && !chance(rateOn(story.logRate, daysAgo))) continue;

      const hot = !!story.hotSpell && daysAgo <= story.hotSpell[0] && daysAgo >= story.hotSpell[1];
      const triggers = new Set<Trigger>(event?.triggers ?? []);
      for (const [kind, rate] of story.triggers) if (chance(rate)) triggers.add(kind);
      if (hot && chance(0.6)) triggers.add("heat");
      const water = event?.water ?? int(story.water[0], story.water[1]);
      if (water <= 3 && chance(0.5)) triggers.add("dehydration");

      const drift = story.nrs[0] + ((story.nrs[1] - story.nrs[0]) * i) / Math.max(1, span);
      const worse = (triggers.has("heat") ? 0.8 : 0) + (triggers.has("poor_sleep") ? 0.5 : 0);
      const nrsRaw = drift + worse + noise() * 1.4;
      const nrs = event?.nrs ?? clamp(Math.round(nrsRaw), story.nrsRange[0], story.nrsRange[1]);
      const pain = event?.pain ?? clamp(Math.round(nrs + story.painOffset + noise() * 1.4), 0, 10);

      let roll = random() * pennTotal;
      let drawn = 0;
      for (const [score, weight] of story.penn.entries()) {
        drawn = score;
        if (weight > 0 && roll < weight) break;
        roll -= weight;
      }
      drawn = Math.min(drawn, maxPenn);
      if (nrs - drift >= 1 && drawn < maxPenn) drawn++;
      const penn = event?.penn ?? drawn;
      const severity =
        penn === 0
          ? null
          : clamp(
              1 + (penn >= 2 && chance(0.5) ? 1 : 0) + (penn >= 3 && chance(0.3) ? 1 : 0),
              1,
              3,
            );

      const symptoms = new Set<Symptom>(event?.symptoms ?? []);
      if (chance(nrs >= 5 ? 0.8 : 0.4)) symptoms.add("stiffness");
      if (penn > 0 && chance(0.8)) symptoms.add("spasm");
      if (chance(story.cramp)) symptoms.add("cramp");
      if (chance(story.clonus)) symptoms.add("clonus");

      const relief = new Set<ReliefTool>();
      if (chance(story.relief.rate)) relief.add(pick(story.relief.tools));
      if (chance(story.relief.rate / 4)) relief.add(pick(story.relief.tools));

      const note = event?.note ?? (chance(story.noteRate) ? pick(story.notes) : null);
      const at = new Date(`${day}T${18 + int(0, 3)}:${String(int(0, 59)).padStart(2, "0")}:00Z`);
      const logId = crypto.randomUUID();
      rows.logs.push({
        id: logId,
        clinicId: patient.clinicId,
        patientId: patient.id,
        logDate: day,
        spasticityNrs: nrs,
        pain,
        pennFrequency: penn,
        pennSeverity: severity,
        symptoms: SYMPTOMS.filter((s) => symptoms.has(s)),
        triggers: TRIGGERS.filter((t) => triggers.has(t)),
        newWeakness: event?.newWeakness ?? false,
        wasting: event?.wasting ?? false,
        relief: [...relief].sort(),
        waterGlasses: water,
        note,
        createdAt: at,
        updatedAt: at,
      });

      const sessionRate = rateOn(story.sessionRate, daysAgo);
      for (const program of mine) {
        const weekday = daysBetween(program.startDate, day) % 7;
        for (const item of activeItemsOn(program, day)) {
          const planned = plannedOffsets(item.daysPerWeek).has(weekday);
          const done = planned
            ? chance(sessionRate)
              ? item.sessionsPerDay
              : int(0, item.sessionsPerDay - 1)
            : chance(0.04)
              ? item.sessionsPerDay
              : 0;
          rows.items.push({ logId, programItemId: item.id, sessionsDone: done });
        }
      }
    }

    for (const review of REVIEWS[name] ?? []) {
      const reviewedBy = patient.primaryTherapistId;
      if (!reviewedBy) throw new Error(`${name}: a log review needs a therapist`);
      const reviewedThrough = addDays(today, -review.throughDaysAgo);
      rows.reviews.push({
        clinicId: patient.clinicId,
        patientId: patient.id,
        reviewedThrough,
        note: review.note,
        reviewedBy,
        createdAt: new Date(`${addDays(reviewedThrough, 1)}T09:30:00Z`),
      });
    }
  }
  return rows;
}

/** The demo patients' programs, with versions, items and pauses, as `seedDemoPrograms` left them. */
async function loadPrograms(tx: Tx, patientIds: string[]): Promise<LogProgram[]> {
  if (!patientIds.length) return [];
  const programRows = await tx
    .select({
      id: programs.id,
      patientId: programs.patientId,
      startDate: programs.startDate,
      endDate: programs.endDate,
      endedOn: programs.endedOn,
    })
    .from(programs)
    .where(inArray(programs.patientId, patientIds));
  if (!programRows.length) return [];
  const programIds = programRows.map((p) => p.id);
  const [versions, pauses] = await Promise.all([
    tx
      .select({
        id: programVersions.id,
        programId: programVersions.programId,
        versionNo: programVersions.versionNo,
        effectiveFrom: programVersions.effectiveFrom,
      })
      .from(programVersions)
      .where(inArray(programVersions.programId, programIds)),
    tx
      .select({
        programId: programPauses.programId,
        pausedFrom: programPauses.pausedFrom,
        resumedOn: programPauses.resumedOn,
      })
      .from(programPauses)
      .where(inArray(programPauses.programId, programIds)),
  ]);
  const items = versions.length
    ? await tx
        .select({
          id: programItems.id,
          versionId: programItems.versionId,
          position: programItems.position,
          sessionsPerDay: programItems.sessionsPerDay,
          daysPerWeek: programItems.daysPerWeek,
        })
        .from(programItems)
        .where(
          inArray(
            programItems.versionId,
            versions.map((v) => v.id),
          ),
        )
    : [];
  return programRows.map((p) => ({
    ...p,
    versions: versions
      .filter((v) => v.programId === p.id)
      .sort((a, b) => a.versionNo - b.versionNo)
      .map((v) => ({
        id: v.id,
        versionNo: v.versionNo,
        effectiveFrom: v.effectiveFrom,
        items: items
          .filter((i) => i.versionId === v.id)
          .sort((a, b) => a.position - b.position)
          .map(({ id, sessionsPerDay, daysPerWeek }) => ({ id, sessionsPerDay, daysPerWeek })),
      })),
    pauses: pauses
      .filter((x) => x.programId === p.id)
      .map(({ pausedFrom, resumedOn }) => ({ pausedFrom, resumedOn })),
  }));
}

/** Inserts in statements of at most `size` rows: both drivers cap the parameters per statement. */
async function inChunks<T>(rows: T[], size: number, insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

/**
 * Gives every demo patient daily logs consistent with their programs (run after
 * `seedDemoPrograms`), and Maria's therapist's reviews of them. Dates count back from today in the
 * clinic's zone and stop at yesterday, so today always shows "not yet" logged.
 */
export async function seedDemoLogs(tx: Tx, ctx: DemoLogContext): Promise<void> {
  const programList = await loadPrograms(
    tx,
    ctx.patients.map((p) => p.id),
  );
  const { logs, items, reviews } = buildDemoLogs(ctx, programList);
  await inChunks(logs, 500, (chunk) => tx.insert(dailyLogs).values(chunk));
  await inChunks(items, 1000, (chunk) => tx.insert(logItems).values(chunk));
  if (reviews.length) await tx.insert(logReviews).values(reviews);
}
