/**
 * The synthetic large clinic of the benchmark (issue #8): one clinic, an admin, about a dozen
 * therapists and (by default) 300 patients with two years of Modified Ashworth assessments,
 * treatments, programs and daily logs, and the flags the escalation engine computes from them.
 *
 * Deterministic: seeded PRNGs drive every choice and every id, and every timestamp is derived from
 * `asOf`, so the same (seed, asOf, patients, days) gives the same rows. Two things are not ours:
 * the password hash (salted) and the flag rows and their audit events, which `recomputeFlags`
 * writes with the database's own ids and clock (their content is deterministic).
 *
 * Fast: every row is built in memory first, then written a few thousand rows a statement (see
 * `insertRows`) in one transaction, so a failed run leaves nothing behind. The full size loads
 * into PostgreSQL in 30–45 s on a busy 2-core machine, into PGlite in about a minute.
 */
import { and, count, eq, getTableColumns, inArray, isNull, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { hashPassword } from "@/lib/auth/password";
import { addDays, todayIn } from "@/lib/clinical/dates";
import {
  RELIEF_TOOLS,
  type ReliefTool,
  SYMPTOMS,
  type Symptom,
  TRIGGERS,
  type Trigger,
} from "@/lib/clinical/log-options";
import {
  keyShortLabel,
  MAS_GRADES,
  type MasGrade,
  type MuscleGroup,
  type Position,
  type Side,
} from "@/lib/clinical/mas";
import {
  isPausedOn,
  isProgramActiveOn,
  lastDay,
  versionInForce,
} from "@/lib/clinical/program-schedule";
import { recomputeFlags } from "@/lib/flags/recompute";
import type { Db, Tx } from "../client";
import { BUILT_IN_EXERCISES } from "../library/built-in-exercises";
import { STARTER_TEMPLATES } from "../library/starter-templates";
import {
  assessments,
  auditEvents,
  clinics,
  dailyLogs,
  exercises,
  flags,
  intrathecalPumps,
  logItems,
  logReviews,
  masScores,
  oralTreatments,
  patients,
  programItems,
  programPauses,
  programs,
  programTemplates,
  programVersions,
  templateItems,
  toxinInjections,
  users,
} from "../schema";

/** The password of every account of the large clinic: it is benchmark data, never real. */
export const LARGE_CLINIC_PASSWORD = "bench-spasticity-2026";
export const LARGE_CLINIC_NAME = "Large Clinic";
export const LARGE_ACCOUNTS = {
  admin: "admin@large.example",
  therapist: "therapist@large.example",
  patient: "patient@large.example",
} as const;

export interface LargeClinicOptions {
  /** Number of patients (default 300). */
  patients?: number;
  /** Days of history ending at `asOf` (default 730). */
  days?: number;
  /** PRNG seed (default 1). */
  seed?: number;
  /** YYYY-MM-DD (default: today in the clinic's time zone). */
  asOf?: string;
  log?: (message: string) => void;
}

export interface LargeClinicCounts {
  users: number;
  patients: number;
  /** Every version, amendments included. */
  assessments: number;
  amendments: number;
  masScores: number;
  dailyLogs: number;
  logItems: number;
  logReviews: number;
  programs: number;
  programVersions: number;
  programItems: number;
  programPauses: number;
  oralTreatments: number;
  toxinInjections: number;
  pumps: number;
  flags: number;
}

export interface LargeClinicSummary {
  clinicId: string;
  /** The patient record of patient@large.example: the full history the bench opens. */
  richPatientId: string;
  /** therapist@large.example */
  therapistUserId: string;
  patientIds: string[];
  counts: LargeClinicCounts;
}

const TIME_ZONE = "Europe/London";
/** 12 therapists for 300 patients: about 25 each as primary therapist. */
const PATIENTS_PER_THERAPIST = 25;
const MAX_THERAPISTS = 12;
/**
 * Share of patients with a portal login. Only patients log (lib/data/logs.ts), so this and the
 * logging rates below set the volume of daily logs: ~150,000 at 300 patients × 730 days.
 */
const LOGIN_SHARE = 0.9;
/** Rows per insert statement (a few MB of JSON at most). */
const ROWS_PER_STATEMENT = 5_000;
/** Patients per `recomputeFlags` call: its queries load every record of the batch at once. */
const RECOMPUTE_BATCH = 100;
const DAY_MS = 86_400_000;

// ── PRNG ─────────────────────────────────────────────────────────────────────────────────────

/**
 * sfc32, seeded through splitmix32 from (seed, stream). Its 128-bit state keeps the many streams
 * (one per patient and purpose) from overlapping, which mulberry32's 32-bit state would not.
 */
class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, stream: number) {
    let x = Math.imul(seed | 0, 0x9e3779b1) ^ Math.imul(stream + 0x632be5ab, 0x85ebca6b);
    const next = () => {
      x = (x + 0x9e3779b9) | 0;
      let t = x ^ (x >>> 16);
      t = Math.imul(t, 0x21f0aaad);
      t ^= t >>> 15;
      t = Math.imul(t, 0x735a2d97);
      return (t ^ (t >>> 15)) | 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.u32();
  }

  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.u32() / 4_294_967_296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  float(min: number, max: number): number {
    return min + this.next() * (max - min);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** About normal, mean 0 and standard deviation 1 (Irwin–Hall of 4). */
  normal(): number {
    return (this.next() + this.next() + this.next() + this.next() - 2) * Math.sqrt(3);
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)] as T;
  }
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of entries) total += w;
    let roll = this.next() * total;
    for (const [value, w] of entries) {
      if (roll < w) return value;
      roll -= w;
    }
    return (entries.at(-1) as readonly [T, number])[0];
  }
  /** `n` distinct items, drawn by weight. */
  sample<T>(entries: readonly (readonly [T, number])[], n: number): T[] {
    const left = [...entries];
    const out: T[] = [];
    while (out.length < n && left.length > 0) {
      const value = this.weighted(left);
      out.push(value);
      left.splice(
        left.findIndex(([v]) => v === value),
        1,
      );
    }
    return out;
  }
  /** A version-4 UUID made of PRNG bits (so ids repeat with the seed). */
  uuid(): string {
    const hex = [this.u32(), this.u32(), this.u32(), this.u32()]
      .map((w) => w.toString(16).padStart(8, "0"))
      .join("");
    const variant = ((Number.parseInt(hex.charAt(16), 16) & 3) | 8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }
}

/** Stream numbers: ids, clinic-wide choices, acknowledgements, and four streams per patient. */
const STREAM = {
  ids: 0,
  clinic: 1,
  acknowledge: 2,
  patient: (p: number, part: number) => 16 + p * 4 + part,
};

// ── Content ──────────────────────────────────────────────────────────────────────────────────

const GIVEN_NAMES = (
  "Olivia Amelia Isla Grace Sophie Emily Freya Chloe Hannah Ruth Margaret Susan Karen Helen " +
  "Fiona Claire Rachel Joanne Nicola Priya Aisha Fatima Zainab Mei Anna Katarzyna Maria Sofia " +
  "Elena Ingrid Siobhan Niamh Bronwen Rhian Yasmin Leila Amara Chidinma Abena Lucy Oliver " +
  "George Harry Jack Thomas James William Daniel David Michael Paul Mark Andrew Richard Stephen " +
  "Peter Gareth Rhys Callum Ewan Fraser Sean Liam Conor Arjun Rahul Imran Omar Yusuf Kwame " +
  "Tunde Wei Piotr Tomasz Marco Luca Lars Erik Graham Neil"
).split(" ");

const FAMILY_NAMES = (
  "Smith Jones Williams Taylor Brown Davies Evans Wilson Thomas Johnson Roberts Robinson " +
  "Thompson Wright Walker White Edwards Hughes Green Hall Lewis Harris Clarke Patel Jackson " +
  "Wood Turner Martin Cooper Hill Ward Morris Moore Clark Lee King Baker Harrison Morgan Allen " +
  "Scott Phillips Watson Parker Price Bennett Young Griffiths Mitchell Kelly Cook Carter " +
  "Richardson Bailey Collins Bell Shaw Murphy Miller Cox Khan Marshall Anderson Simpson Ellis " +
  "Adams Singh Begum Ali Hussain Ahmed Shah Chen Wang Nguyen Kowalski Nowak Rossi Fernandes " +
  "O'Brien O'Connor MacDonald Campbell Stewart Reid Murray Okafor Mensah Adeyemi Lindqvist " +
  "Jensen Novak Costa Silva Dubois Fitzgerald Byrne"
).split(" ");

const ADMIN_NAME = "Morgan Blake";
const THERAPIST_NAMES = [
  "Hannah Price",
  "Daniel Osei",
  "Ruth Kaplan",
  "Marcus Bell",
  "Anjali Desai",
  "Tom Fletcher",
  "Sinead Walsh",
  "Kofi Mensah",
  "Laura Jennings",
  "Ben Harper",
  "Yuki Tanaka",
  "Carmen Ortiz",
] as const;
const RICH_PATIENT = { givenName: "Eleanor", familyName: "Whitfield", dateOfBirth: "1974-05-19" };

/** Muscle groups by how often they are assessed in MS (legs first: CLINICAL §1). */
const GROUP_WEIGHTS: readonly (readonly [MuscleGroup, number])[] = [
  ["knee_flexors", 10],
  ["ankle_plantarflexors", 10],
  ["hip_flexors", 8],
  ["hip_adductors", 7],
  ["knee_extensors", 6],
  ["hip_extensors", 3],
  ["elbow_flexors", 5],
  ["wrist_flexors", 3],
  ["finger_flexors", 2],
  ["shoulder_adductors", 2],
  ["forearm_pronators", 2],
  ["elbow_extensors", 1],
];
/** Groups where persistent high tone is usually found (and toxin given). */
const HIGH_TONE_GROUPS: readonly MuscleGroup[] = [
  "ankle_plantarflexors",
  "knee_flexors",
  "hip_adductors",
  "hip_flexors",
  "knee_extensors",
  "elbow_flexors",
  "wrist_flexors",
];

type Phenotype = "mild" | "moderate" | "focal" | "generalised";
type MsType = (typeof patients.$inferInsert)["msType"];
type OralDrug = (typeof oralTreatments.$inferInsert)["drug"];
type StopReason = NonNullable<(typeof oralTreatments.$inferInsert)["stopReason"]>;

const MS_TYPES: Record<Phenotype, readonly (readonly [MsType, number])[]> = {
  mild: [
    ["RRMS", 65],
    ["SPMS", 15],
    ["PPMS", 12],
    ["other", 8],
  ],
  moderate: [
    ["RRMS", 40],
    ["SPMS", 35],
    ["PPMS", 20],
    ["other", 5],
  ],
  focal: [
    ["RRMS", 25],
    ["SPMS", 50],
    ["PPMS", 25],
  ],
  generalised: [
    ["RRMS", 10],
    ["SPMS", 55],
    ["PPMS", 35],
  ],
};

/** The drugs of NICE NG220 this seed prescribes ("other" needs a name: not used here). */
type NamedDrug = Exclude<OralDrug, "other">;
const DOSES: Record<NamedDrug, readonly string[]> = {
  baclofen: ["5 mg three times a day", "10 mg three times a day", "20 mg three times a day"],
  gabapentin: ["300 mg at night", "300 mg three times a day", "600 mg three times a day"],
  tizanidine: ["2 mg at night", "4 mg three times a day", "6 mg three times a day"],
  dantrolene: ["25 mg once a day", "25 mg three times a day"],
  nabiximols: ["2 sprays a day", "4 sprays a day", "6 sprays a day"],
};

const TOXINS = [
  ["Botox (onabotulinumtoxinA)", 8],
  ["Dysport (abobotulinumtoxinA)", 2],
  ["Xeomin (incobotulinumtoxinA)", 1],
] as const;

const ASSESSMENT_NOTES = [
  "Slept badly; tired today.",
  "UTI last week; scores may be raised.",
  "Hot week; felt stiffer than usual.",
  "Pain in the knee limited testing.",
  "Came straight from a long drive; stiff on arrival.",
  "Stretching most days; pleased with progress.",
  "Cold clinic room today.",
  "Spasms at night disturbing sleep.",
  "Recovering from a chest infection.",
  "Carer present; helped with positioning.",
] as const;

const LOG_NOTES = [
  "Stretched after a warm shower.",
  "Busy day, stretched in the evening.",
  "Legs stiff after sitting all afternoon.",
  "Walked to the shops and back.",
  "Spasms woke me in the night.",
  "My partner helped with the strap stretch.",
  "Tired today, did what I could.",
  "Good day, legs felt looser.",
  "Calves tight on the stairs.",
  "Forgot this morning, did them at night.",
] as const;

const REVIEW_NOTES = [
  "Well done keeping up the stretches.",
  "Try to spread the sessions through the day.",
  "Good consistency: keep going.",
  "Thanks for logging the spasms: we will talk about them at your next visit.",
  "Remember to drink through the day.",
] as const;

const PAUSE_REASONS = [
  "Relapse: rest advised",
  "Holiday",
  "Hospital admission",
  "Chest infection",
  "Knee pain: seeing GP",
  "Fatigue after steroids",
] as const;

/** Escalation triggers a patient may report for a few days running (CLINICAL §4 → §5). */
const EPISODES: readonly (readonly [Trigger, number])[] = [
  ["uti", 50],
  ["infection", 20],
  ["constipation", 15],
  ["relapse", 10],
  ["pressure_sore", 5],
];

const BUILT_IN = new Map(BUILT_IN_EXERCISES.map((e) => [e.slug, e]));

// ── Plans ────────────────────────────────────────────────────────────────────────────────────

interface KeyPlan {
  muscleGroup: MuscleGroup;
  side: Side;
  base: number;
  /** Change of the tone level over the whole window (negative: improving). */
  trend: number;
  /** Persistently high tone (grade 3, sometimes 4) on days [from, to]. */
  high: { from: number; to: number; level: number } | null;
  /** Whether botulinum toxin into this key lowers its tone for a few months. */
  responds: boolean;
}

interface OralPlan {
  drug: NamedDrug;
  dose: string;
  start: number;
  stop: number | null;
  reason: StopReason | null;
}

interface PatientPlan {
  index: number;
  id: string;
  userId: string | null;
  phenotype: Phenotype;
  therapistId: string | null;
  keys: KeyPlan[];
  position: Position;
  assessmentDays: number[];
  toxins: { day: number; key: KeyPlan; units: number; product: string }[];
  orals: OralPlan[];
  pumpStart: number | null;
  /** Fasciculations with weakness and wasting lately: a neurology review. */
  neuro: boolean;
  /** Day the patient's record was created (before the window). */
  createdDay: number;
}

interface ItemPlan {
  slug: string;
  holdSeconds: number | null;
  repetitions: number;
  sets: number | null;
  sessionsPerDay: number;
  daysPerWeek: number;
  side: "left" | "right" | "both";
  note: string | null;
}

/** A program as the logs need it (dates as YYYY-MM-DD, like lib/clinical/program-schedule). */
interface LogProgram {
  startDate: string;
  endDate: string;
  endedOn: string | null;
  startDay: number;
  versions: {
    versionNo: number;
    effectiveFrom: string;
    items: { id: string; sessionsPerDay: number; daysPerWeek: number }[];
  }[];
  pauses: { pausedFrom: string; resumedOn: string | null }[];
}

/** Every row of the clinic, built in memory before the first insert. */
interface Rows {
  users: (typeof users.$inferInsert)[];
  patients: (typeof patients.$inferInsert)[];
  templates: (typeof programTemplates.$inferInsert)[];
  templateItems: (typeof templateItems.$inferInsert)[];
  assessments: (typeof assessments.$inferInsert & { createdAt: Date })[];
  scores: (typeof masScores.$inferInsert)[];
  orals: (typeof oralTreatments.$inferInsert)[];
  toxins: (typeof toxinInjections.$inferInsert)[];
  pumps: (typeof intrathecalPumps.$inferInsert)[];
  programs: (typeof programs.$inferInsert)[];
  versions: (typeof programVersions.$inferInsert)[];
  items: (typeof programItems.$inferInsert)[];
  pauses: (typeof programPauses.$inferInsert)[];
  logs: (typeof dailyLogs.$inferInsert)[];
  logItems: (typeof logItems.$inferInsert)[];
  reviews: (typeof logReviews.$inferInsert)[];
}

/** What every builder needs: the window, the id stream and the clinic's references. */
interface Context {
  clinicId: string;
  days: number;
  /** The window's dates: day 0 is the first, day `days - 1` is `asOf`. */
  dates: string[];
  startMs: number;
  ids: Rng;
  therapistIds: string[];
  exerciseIds: Map<string, string>;
  templateIds: Map<string, string>;
  rows: Rows;
}

const clamp = (v: number, min: number, max: number) => Math.min(max, Math.max(min, v));
const gradeOf = (rank: number) => MAS_GRADES[clamp(Math.round(rank), 0, 5)] as MasGrade;

function dateOf(ctx: Context, day: number): string {
  return ctx.dates[day] ?? addDays(ctx.dates[0] as string, day);
}

/** A moment on `day` (UTC hours: the clinic is in London, within an hour of UTC). */
function at(ctx: Context, day: number, hour: number, minute = 0): Date {
  return new Date(ctx.startMs + day * DAY_MS + hour * 3_600_000 + minute * 60_000);
}

function planPatient(ctx: Context, seed: number, index: number): PatientPlan {
  const r = new Rng(seed, STREAM.patient(index, 0));
  const { days } = ctx;
  const rich = index === 0;
  // Fixed phenotypes for a few indexes, so that even a small clinic has every situation: the rich
  // patient (focal, toxin-refractory), a pump patient (1), a patient for neurology review (2),
  // one just injected with toxin (3).
  const reassess = index % 100 === 3;
  const phenotype: Phenotype =
    rich || reassess
      ? "focal"
      : index % 150 === 1
        ? "generalised"
        : r.weighted<Phenotype>([
            ["mild", 45],
            ["moderate", 30],
            ["focal", 13],
            ["generalised", 12],
          ]);
  const neuro = index % 100 === 2 || (!rich && r.chance(0.01));

  const groups: MuscleGroup[] = rich
    ? [
        "ankle_plantarflexors",
        "knee_flexors",
        "hip_flexors",
        "hip_adductors",
        "knee_extensors",
        "elbow_flexors",
      ]
    : r.sample(
        GROUP_WEIGHTS,
        r.weighted([
          [5, 3],
          [6, 4],
          [7, 3],
        ] as const),
      );
  const keys: KeyPlan[] = groups.flatMap((muscleGroup) => {
    const sideBias = r.float(-0.4, 0.4);
    return (["left", "right"] as const).map((side) => ({
      muscleGroup,
      side,
      base: clamp(
        (phenotype === "mild" ? r.float(0.2, 2.1) : r.float(1, 2.8)) +
          (side === "left" ? sideBias : -sideBias),
        0,
        3,
      ),
      trend: phenotype === "mild" ? r.float(-0.7, 0.2) : r.float(-0.3, 0.5),
      high: null,
      responds: r.chance(0.6),
    }));
  });
  const keyOf = (g: MuscleGroup, side: Side) =>
    keys.find((k) => k.muscleGroup === g && k.side === side) as KeyPlan;

  // Persistent high tone: one or two keys (focal) or three to five (generalised).
  if (rich) {
    keyOf("ankle_plantarflexors", "left").high = {
      from: Math.max(0, days - 300),
      to: days,
      level: 4.1,
    };
    keyOf("ankle_plantarflexors", "left").responds = false;
    keyOf("knee_flexors", "right").high = { from: Math.max(0, days - 130), to: days, level: 4 };
  } else if (phenotype === "focal" || phenotype === "generalised") {
    const candidates = keys.filter((k) => HIGH_TONE_GROUPS.includes(k.muscleGroup));
    const n = phenotype === "focal" ? r.int(1, 2) : r.int(3, 5);
    const from = r.int(0, Math.max(0, days - 120));
    // A quarter improved: the high tone ended a while ago.
    const to = !reassess && r.chance(0.25) ? r.int(from + 60, from + 240) : days;
    for (const k of r.sample(
      candidates.map((c) => [c, 1] as const),
      n,
    ))
      k.high = { from: from + r.int(0, 30), to, level: r.float(3.9, 4.35) };
  }

  // The last assessment is at most yesterday; earlier ones every 4–7 weeks before it.
  const assessmentDays: number[] = [];
  for (let d = days - (rich ? 6 : r.int(2, 40)); d >= 0; d -= r.int(26, 46))
    assessmentDays.unshift(d);

  const toxins: PatientPlan["toxins"] = [];
  const productOf = () => r.weighted(TOXINS);
  const unitsFor = (product: string) =>
    product.startsWith("Dysport") ? r.int(30, 100) * 10 : r.int(5, 30) * 10;
  if (rich) {
    for (const ago of [210, 115]) {
      const day = days - 1 - ago;
      if (day >= 0)
        toxins.push({
          day,
          key: keyOf("ankle_plantarflexors", "left"),
          units: 200,
          product: TOXINS[0][0],
        });
    }
  } else if (reassess) {
    // One injection a few weeks ago, its peak effect not yet due (REASSESS_AFTER_BOTOX).
    const day = days - 1 - r.int(20, 70);
    for (const key of keys.filter((k) => k.high)) {
      key.responds = false;
      const product = productOf();
      toxins.push({ day, key, units: unitsFor(product), product });
    }
  } else if (phenotype === "focal" && r.chance(0.55)) {
    for (const key of keys.filter((k) => k.high)) {
      const product = productOf();
      for (let day = (key.high?.from ?? 0) + r.int(40, 100); day <= days - 2; day += r.int(84, 140))
        toxins.push({ day, key, units: unitsFor(product), product });
    }
  }

  const highFrom = Math.min(...keys.map((k) => k.high?.from ?? days));
  const pumpStart =
    phenotype === "generalised" && index % 150 === 1
      ? clamp(r.int(Math.floor(days * 0.35), Math.floor(days * 0.7)), 0, days - 2)
      : null;
  const orals = planOrals(r, phenotype, rich, highFrom, pumpStart, days);

  // Round robin over the therapists (the bench's therapist first), a few patients without one.
  const therapistId =
    index % 37 === 36 ? null : (ctx.therapistIds[index % ctx.therapistIds.length] as string);
  return {
    index,
    id: ctx.ids.uuid(),
    userId: rich || r.chance(LOGIN_SHARE) ? ctx.ids.uuid() : null,
    phenotype,
    therapistId,
    keys,
    position: r.weighted<Position>([
      ["supine", 70],
      ["sitting", 25],
      ["side_lying", 5],
    ]),
    assessmentDays,
    toxins: toxins.sort((a, b) => a.day - b.day),
    orals,
    pumpStart,
    neuro,
    createdDay: -r.int(20, 120),
  };
}

/** Oral antispasticity history (NICE NG220): first line, then sometimes a second-line switch. */
function planOrals(
  r: Rng,
  phenotype: Phenotype,
  rich: boolean,
  highFrom: number,
  pumpStart: number | null,
  days: number,
): OralPlan[] {
  const dose = (drug: NamedDrug) => r.pick(DOSES[drug]);
  if (rich) {
    return [
      {
        drug: "baclofen",
        dose: "10 mg three times a day",
        start: days - 600,
        stop: days - 420,
        reason: "side_effects",
      },
      {
        drug: "gabapentin",
        dose: "300 mg three times a day",
        start: days - 400,
        stop: null,
        reason: null,
      },
    ];
  }
  if (pumpStart !== null) {
    // Oral baclofen until side effects, then an intrathecal pump.
    return [
      {
        drug: "baclofen",
        dose: "20 mg three times a day",
        start: pumpStart - r.int(300, 500),
        stop: pumpStart - r.int(10, 40),
        reason: "side_effects",
      },
    ];
  }
  const p = { mild: 0.1, moderate: 0.45, focal: 0.4, generalised: 0.9 }[phenotype];
  if (!r.chance(p)) return [];
  const first: NamedDrug = r.chance(0.7) ? "baclofen" : "gabapentin";
  const start = Math.min(
    days - 2,
    phenotype === "generalised" ? highFrom + r.int(-250, 40) : r.int(-300, days - 60),
  );
  const stop = r.chance(0.4) ? start + r.int(60, 360) : null;
  if (stop === null || stop > days - 2)
    return [{ drug: first, dose: dose(first), start, stop: null, reason: null }];
  const reason = r.weighted<StopReason>([
    ["side_effects", 50],
    ["ineffective", 40],
    ["other", 10],
  ]);
  const orals: OralPlan[] = [{ drug: first, dose: dose(first), start, stop, reason }];
  const next = stop + r.int(1, 21);
  if (next <= days - 2) {
    const second = r.weighted<NamedDrug>([
      ["tizanidine", 45],
      [first === "baclofen" ? "gabapentin" : "baclofen", 35],
      ["dantrolene", 10],
      ["nabiximols", 10],
    ]);
    orals.push({ drug: second, dose: dose(second), start: next, stop: null, reason: null });
  }
  return orals;
}

// ── MAS history and treatments ───────────────────────────────────────────────────────────────

type Score = { muscleGroup: MuscleGroup; side: Side; grade: MasGrade };

/**
 * The patient's assessments: per key a tone level (on the rank scale 0–5) that drifts with its
 * trend and autocorrelated noise, sits at 3–4 through a persistent high-tone period, and drops for
 * a few months after toxin into a key that responds. About one assessment in twenty is corrected
 * by an amendment (the original keeps the mistake; the amendment the right scores).
 */
function buildHistory(ctx: Context, plan: PatientPlan, seed: number) {
  const r = new Rng(seed, STREAM.patient(plan.index, 1));
  const { rows, days } = ctx;
  const base = { clinicId: ctx.clinicId, patientId: plan.id };
  const rich = plan.index === 0;
  const noise = new Map(plan.keys.map((k) => [k, 0]));
  const therapistOr = (fallback: string) => plan.therapistId ?? fallback;
  const n = plan.assessmentDays.length;
  const addScores = (assessmentId: string, scores: Score[]) => {
    for (const s of scores) rows.scores.push({ id: ctx.ids.uuid(), assessmentId, ...s });
  };

  plan.assessmentDays.forEach((day, i) => {
    const dayEffect = 0.2 * r.normal();
    const correct: Score[] = plan.keys.map((k) => {
      const previous = noise.get(k) ?? 0;
      const drift = 0.55 * previous + 0.35 * r.normal();
      noise.set(k, drift);
      let level = k.base + (k.trend * day) / days + drift + dayEffect;
      if (k.high && day >= k.high.from && day <= k.high.to) {
        level = Math.max(3.55, k.high.level + 0.25 * r.normal());
      } else if (k.high && day < k.high.from) {
        // Tone creeps up over the four months before it stays high.
        level += Math.max(0, 1 - (k.high.from - day) / 120) * (3.2 - k.base);
        level = Math.min(level, 3.45);
      } else {
        // Milder keys stay below 3, bar a rare sudden worsening.
        level = r.chance(0.012) ? level + 1.8 : Math.min(level, 3.45);
      }
      const lastToxin = plan.toxins.filter((t) => t.key === k && t.day <= day).at(-1);
      if (lastToxin && k.responds && day - lastToxin.day >= 14 && day - lastToxin.day <= 110)
        level -= 1.7;
      if (rich && k.muscleGroup === "ankle_plantarflexors" && k.side === "left" && i === n - 1)
        level = 5; // a 4 on the latest assessment: contracture or spasticity? (MAS4_REVIEW)
      return { muscleGroup: k.muscleGroup, side: k.side, grade: gradeOf(level) };
    });

    const date = dateOf(ctx, day);
    const oralActive = plan.orals.some((o) => o.start <= day && (o.stop === null || o.stop >= day));
    const lastInjection = plan.toxins.filter((t) => t.day <= day).at(-1);
    const latest = i === n - 1;
    const id = ctx.ids.uuid();
    const original = {
      ...base,
      id,
      rootId: id,
      supersedesId: null,
      amendmentReason: null,
      assessorId: r.chance(0.85)
        ? therapistOr(ctx.therapistIds[0] as string)
        : r.pick(ctx.therapistIds),
      assessedOn: date,
      position: r.chance(0.85) ? plan.position : r.pick<Position>(["supine", "sitting"]),
      hoursSinceOralDose: oralActive && r.chance(0.7) ? r.int(1, 8) : null,
      daysSinceToxin: lastInjection ? day - lastInjection.day : null,
      fasciculations: plan.neuro && latest,
      weakness: false,
      wasting: plan.neuro && latest,
      notes:
        plan.neuro && latest
          ? "Visible twitching in both calves; the left calf looks thinner than before. For neurology review."
          : r.chance(0.12)
            ? r.pick(ASSESSMENT_NOTES)
            : null,
      createdAt: at(ctx, day, r.int(9, 16), r.int(0, 59)),
    };

    const amend = rich ? i === n - 3 || i === n - 8 : r.chance(0.05);
    if (!amend) {
      rows.assessments.push(original);
      addScores(id, correct);
      return;
    }
    // The original is recorded with a mistake, corrected 1–48 hours later (by yesterday night).
    const mistake = r.weighted([
      ["swap", 3],
      ["grade", 4],
      ["missing", 2],
      ["position", 1],
    ] as const);
    const target = r.pick(correct);
    let recorded = correct;
    let reason: string;
    let position = original.position;
    if (mistake === "swap") {
      recorded = correct.map((s) => ({ ...s, side: s.side === "left" ? "right" : "left" }));
      reason = "Left and right swapped when recording";
    } else if (mistake === "grade") {
      const rank = MAS_GRADES.indexOf(target.grade);
      const wrong = gradeOf(rank === 0 ? 1 : rank - 1);
      recorded = correct.map((s) => (s === target ? { ...s, grade: wrong } : s));
      reason = `Wrong grade entered for ${keyShortLabel(target.muscleGroup, target.side)}: ${wrong} corrected to ${target.grade}`;
    } else if (mistake === "missing") {
      recorded = correct.filter((s) => s !== target);
      reason = `Score for ${keyShortLabel(target.muscleGroup, target.side)} left out by mistake`;
    } else {
      position = original.position === "supine" ? "sitting" : "supine";
      reason = "Position recorded wrongly";
    }
    const amendedAt = (from: Date) =>
      new Date(
        Math.min(from.getTime() + r.int(1, 48) * 3_600_000, at(ctx, days - 2, 23).getTime()),
      );
    rows.assessments.push({ ...original, position });
    addScores(id, recorded);
    const amendmentId = ctx.ids.uuid();
    const amendment = {
      ...original,
      id: amendmentId,
      supersedesId: id,
      amendmentReason: reason,
      createdAt: amendedAt(original.createdAt),
    };
    rows.assessments.push(amendment);
    addScores(amendmentId, correct);
    if (rich && i === n - 8) {
      // A correction of the correction: the chain of versions the history view shows.
      const secondId = ctx.ids.uuid();
      rows.assessments.push({
        ...amendment,
        id: secondId,
        supersedesId: amendmentId,
        amendmentReason: "Added a note on pain during testing",
        notes: "Left knee painful at end of range; hamstring scores may be raised.",
        createdAt: amendedAt(amendment.createdAt),
      });
      addScores(secondId, correct);
    }
  });

  const recorder = therapistOr(ctx.therapistIds[0] as string);
  // Treatments started before the window were entered when the patient joined the clinic.
  const recordedAt = (day: number) => at(ctx, Math.max(day, plan.createdDay), 12, r.int(0, 59));
  for (const o of plan.orals) {
    rows.orals.push({
      ...base,
      id: ctx.ids.uuid(),
      drug: o.drug,
      dose: o.dose,
      startedOn: dateOf(ctx, o.start),
      stoppedOn: o.stop === null ? null : dateOf(ctx, o.stop),
      stopReason: o.reason,
      recordedBy: recorder,
      createdAt: recordedAt(o.start),
    });
  }
  for (const t of plan.toxins) {
    rows.toxins.push({
      ...base,
      id: ctx.ids.uuid(),
      injectedOn: dateOf(ctx, t.day),
      muscleGroup: t.key.muscleGroup,
      side: t.key.side,
      units: t.units,
      product: t.product,
      recordedBy: recorder,
      createdAt: recordedAt(t.day),
    });
  }
  if (plan.pumpStart !== null) {
    rows.pumps.push({
      ...base,
      id: ctx.ids.uuid(),
      startedOn: dateOf(ctx, plan.pumpStart),
      recordedBy: recorder,
      createdAt: recordedAt(plan.pumpStart),
    });
  }
}

// ── Programs ─────────────────────────────────────────────────────────────────────────────────

function itemFrom(r: Rng, slug: string, side: ItemPlan["side"], mild: boolean): ItemPlan {
  const e = BUILT_IN.get(slug);
  if (!e) throw new Error(`built-in exercise ${slug} missing`);
  if (e.kind === "stretch") {
    return {
      slug,
      holdSeconds: r.pick([30, 30, 40, 60]),
      repetitions: 3,
      sets: null,
      sessionsPerDay: mild ? r.int(1, 2) : r.int(1, 3),
      daysPerWeek: r.chance(0.85) ? 7 : 5,
      side,
      note: null,
    };
  }
  if (e.kind === "strength") {
    return {
      slug,
      holdSeconds: null,
      repetitions: r.int(8, 12),
      sets: r.int(2, 3),
      sessionsPerDay: 1,
      daysPerWeek: r.int(2, 4),
      side: "both",
      note: null,
    };
  }
  return {
    slug,
    holdSeconds: null,
    repetitions: e.repetitions,
    sets: null,
    sessionsPerDay: e.sessionsPerDay,
    daysPerWeek: 7,
    side: "both",
    note: null,
  };
}

/** A dosage change of one version to the next, and the note that explains it. */
function revise(r: Rng, items: ItemPlan[], patientKeys: KeyPlan[], mild: boolean) {
  const change = r.weighted([
    ["longer", 4],
    ["fewer", 2],
    ["add", 3],
    ["drop", 1],
    ["stronger", 2],
  ] as const);
  const stretches = items.filter((i) => i.holdSeconds !== null);
  const strength = items.filter((i) => i.sets !== null);
  if (change === "longer" && stretches.length) {
    return {
      note: "Longer holds: still tight",
      items: items.map((i) =>
        i.holdSeconds === null ? i : { ...i, holdSeconds: Math.min(120, i.holdSeconds + 20) },
      ),
    };
  }
  if (change === "fewer" && items.some((i) => i.sessionsPerDay > 1)) {
    return {
      note: "Fewer sessions a day: fatigue",
      items: items.map((i) => ({ ...i, sessionsPerDay: Math.max(1, i.sessionsPerDay - 1) })),
    };
  }
  if (change === "stronger" && strength.length) {
    return {
      note: "More repetitions: getting stronger",
      items: items.map((i) =>
        i.sets === null ? i : { ...i, repetitions: Math.min(50, i.repetitions + 2) },
      ),
    };
  }
  if (change === "drop" && items.length > 2) {
    const dropped = r.pick(items);
    return {
      note: `Stopped ${BUILT_IN.get(dropped.slug)?.name.toLowerCase()}: hard to do at home`,
      items: items.filter((i) => i !== dropped),
    };
  }
  const candidates = stretchesFor(patientKeys).filter((s) => !items.some((i) => i.slug === s));
  const slug = candidates.length ? r.pick(candidates) : "ankle-pumps";
  if (items.some((i) => i.slug === slug)) return { note: "Reviewed: no change", items };
  return {
    note: `Added ${BUILT_IN.get(slug)?.name.toLowerCase()}`,
    items: [...items, itemFrom(r, slug, "both", mild)],
  };
}

/** The built-in stretches of the patient's groups, tightest first. */
function stretchesFor(keys: KeyPlan[]): string[] {
  const tightness = new Map<MuscleGroup, number>();
  for (const k of keys)
    tightness.set(k.muscleGroup, Math.max(tightness.get(k.muscleGroup) ?? 0, k.high ? 5 : k.base));
  const groups = [...tightness.entries()].sort((a, b) => b[1] - a[1]).map(([g]) => g);
  return groups.flatMap((g) =>
    BUILT_IN_EXERCISES.filter((e) => e.kind === "stretch" && e.muscleGroups[0] === g).map(
      (e) => e.slug,
    ),
  );
}

const STRENGTH_SLUGS = BUILT_IN_EXERCISES.filter((e) => e.kind === "strength").map((e) => e.slug);
const MOVEMENT_SLUGS = BUILT_IN_EXERCISES.filter((e) => e.kind === "movement").map((e) => e.slug);

/** What one program holds: from a starter template, a stretch program or a strength program. */
function programContent(r: Rng, plan: PatientPlan) {
  const mild = plan.phenotype === "mild";
  const highSides = new Map<MuscleGroup, Set<Side>>();
  for (const k of plan.keys.filter((k) => k.high)) {
    const set = highSides.get(k.muscleGroup) ?? new Set();
    set.add(k.side);
    highSides.set(k.muscleGroup, set);
  }
  const sideFor = (slug: string): ItemPlan["side"] => {
    const sides = highSides.get(BUILT_IN.get(slug)?.muscleGroups[0] as MuscleGroup);
    return sides?.size === 1 ? ([...sides][0] as Side) : "both";
  };
  const kind = r.weighted([
    ["template", 3],
    ["stretch", 5],
    ["strength", mild ? 1 : 3],
  ] as const);
  if (kind === "template") {
    const hasArm = plan.keys.some((k) =>
      ["elbow_flexors", "wrist_flexors"].includes(k.muscleGroup),
    );
    const template = r.pick(STARTER_TEMPLATES.filter((t) => hasArm || !t.name.startsWith("Upper")));
    return {
      title: template.name,
      template: template.name,
      items: template.items.map((i) => ({
        ...i,
        side: i.holdSeconds === null ? i.side : sideFor(i.slug),
        sessionsPerDay: mild && i.holdSeconds !== null ? 1 : i.sessionsPerDay,
        note: i.note ?? null,
      })),
    };
  }
  if (kind === "strength") {
    const slugs = [
      ...r.sample(
        STRENGTH_SLUGS.map((s) => [s, 1] as const),
        r.int(2, 3),
      ),
      ...stretchesFor(plan.keys).slice(0, 1),
    ];
    return {
      title: r.pick(["Strength before release", "Strength for standing", "Leg strength"]),
      template: null,
      items: slugs.map((s) => itemFrom(r, s, sideFor(s), mild)),
    };
  }
  const slugs = stretchesFor(plan.keys)
    .filter((_, i) => i % 2 === 0 || r.chance(0.3))
    .slice(0, r.int(2, 4));
  if (r.chance(0.4)) slugs.push(r.pick(MOVEMENT_SLUGS));
  const first = BUILT_IN.get(slugs[0] ?? "")?.muscleGroups[0];
  const title =
    first === "ankle_plantarflexors" || first === "knee_flexors"
      ? "Calf and hamstring stretches"
      : first &&
          [
            "elbow_flexors",
            "wrist_flexors",
            "finger_flexors",
            "shoulder_adductors",
            "forearm_pronators",
          ].includes(first)
        ? "Arm stretches"
        : "Daily leg stretches";
  return { title, template: null, items: slugs.map((s) => itemFrom(r, s, sideFor(s), mild)) };
}

/**
 * The patient's programs over the window, one after another (12 % ended early), with a
 * concurrent strength or stretch program now and then, 1–3 versions each and an occasional pause.
 */
function buildPrograms(ctx: Context, plan: PatientPlan, seed: number): LogProgram[] {
  const r = new Rng(seed, STREAM.patient(plan.index, 2));
  const { rows, days } = ctx;
  const createdBy = plan.therapistId ?? (ctx.therapistIds[0] as string);
  const mild = plan.phenotype === "mild";
  const out: LogProgram[] = [];

  const addProgram = (start: number) => {
    const weeks = r.pick([8, 12, 12, 16, 20, 26]);
    const planned = start + weeks * 7 - 1;
    const endedDay = r.chance(0.12) ? start + r.int(21, weeks * 7 - 7) : null;
    const ended = endedDay !== null && endedDay <= days - 2 ? endedDay : null;
    const last = Math.min(ended ?? planned, days - 2);
    const content = programContent(r, plan);
    const id = ctx.ids.uuid();
    rows.programs.push({
      id,
      clinicId: ctx.clinicId,
      patientId: plan.id,
      title: content.title,
      startDate: dateOf(ctx, start),
      endDate: dateOf(ctx, planned),
      endedOn: ended === null ? null : dateOf(ctx, ended),
      templateId: content.template ? ctx.templateIds.get(content.template) : null,
      createdBy,
      createdAt: at(ctx, start, 9, r.int(0, 59)),
    });
    const program: LogProgram = {
      startDate: dateOf(ctx, start),
      endDate: dateOf(ctx, planned),
      endedOn: ended === null ? null : dateOf(ctx, ended),
      startDay: start,
      versions: [],
      pauses: [],
    };
    let items: ItemPlan[] = content.items;
    let from = start;
    let note: string | null = null;
    for (let versionNo = 1; versionNo <= 3; versionNo++) {
      const versionId = ctx.ids.uuid();
      rows.versions.push({
        id: versionId,
        programId: id,
        versionNo,
        effectiveFrom: dateOf(ctx, from),
        changeNote: note,
        createdBy,
        createdAt: at(ctx, from, 9, 30),
      });
      const version: LogProgram["versions"][number] = {
        versionNo,
        effectiveFrom: dateOf(ctx, from),
        items: [],
      };
      items.forEach((item, position) => {
        const itemId = ctx.ids.uuid();
        const exerciseId = ctx.exerciseIds.get(item.slug);
        if (!exerciseId)
          throw new Error(`built-in exercise ${item.slug} missing (sync the library first)`);
        rows.items.push({
          id: itemId,
          versionId,
          exerciseId,
          position,
          holdSeconds: item.holdSeconds,
          repetitions: item.repetitions,
          sets: item.sets,
          sessionsPerDay: item.sessionsPerDay,
          daysPerWeek: item.daysPerWeek,
          side: item.side,
          note: item.note,
        });
        version.items.push({
          id: itemId,
          sessionsPerDay: item.sessionsPerDay,
          daysPerWeek: item.daysPerWeek,
        });
      });
      program.versions.push(version);
      const nextFrom = from + r.int(14, 56);
      if (nextFrom > last - 7 || !r.chance(versionNo === 1 ? 0.55 : 0.4)) break;
      ({ note, items } = revise(r, items, plan.keys, mild));
      from = nextFrom;
    }
    if (r.chance(0.12) && last - start > 30) {
      const pausedFrom = start + r.int(7, last - start - 14);
      const resumed = pausedFrom + r.int(5, 21);
      const pause = {
        pausedFrom: dateOf(ctx, pausedFrom),
        resumedOn: resumed > days - 1 ? null : dateOf(ctx, resumed),
      };
      rows.pauses.push({
        id: ctx.ids.uuid(),
        programId: id,
        ...pause,
        reason: r.pick(PAUSE_REASONS),
        createdBy,
        createdAt: at(ctx, pausedFrom, 10, r.int(0, 59)),
      });
      program.pauses.push(pause);
    }
    out.push(program);
    return last;
  };

  for (let cursor = r.int(0, 20); cursor <= days - 2; ) {
    const last = addProgram(cursor);
    if (r.chance(0.15) && cursor + 30 <= days - 2) addProgram(cursor + r.int(0, 30));
    cursor = last + 1 + r.int(0, 21);
  }
  return out;
}

// ── Daily logs ───────────────────────────────────────────────────────────────────────────────

/** The days of a program week an item of `daysPerWeek` is planned on, spread out (3 → 0, 2, 5). */
const PLANNED_OFFSETS = Array.from({ length: 8 }, (_, n) => {
  const days = new Set<number>();
  for (let j = 0; j < n; j++) days.add(Math.round((j * 7) / n) % 7);
  return days;
});

const PENN: Record<Phenotype, readonly (readonly [number, number])[]> = {
  mild: [
    [0, 60],
    [1, 30],
    [2, 10],
  ],
  moderate: [
    [0, 35],
    [1, 35],
    [2, 25],
    [3, 5],
  ],
  focal: [
    [0, 30],
    [1, 35],
    [2, 25],
    [3, 10],
  ],
  generalised: [
    [0, 10],
    [1, 25],
    [2, 35],
    [3, 25],
    [4, 5],
  ],
};
const NRS_BASE: Record<Phenotype, number> = {
  mild: 2.5,
  moderate: 4.5,
  focal: 5.5,
  generalised: 6.5,
};

/**
 * A patient's daily logs up to yesterday (today shows "not yet"): on most days, less often during
 * pauses and holidays. Each log has one item per program item active that day; escalation
 * triggers come in short episodes (a few a year), never in the rich patient's last six weeks, so
 * the flags the bench shows for them stay their MAS flags.
 */
function buildLogs(ctx: Context, plan: PatientPlan, programList: LogProgram[], seed: number) {
  if (!plan.userId) return;
  const r = new Rng(seed, STREAM.patient(plan.index, 3));
  const { rows, days } = ctx;
  const rich = plan.index === 0;
  const logRate = rich ? 0.93 : r.float(0.62, 0.99);
  const sessionRate = rich ? 0.9 : r.float(0.5, 0.95);
  const nrsBase = NRS_BASE[plan.phenotype] + 0.8 * r.normal();
  const water = r.int(3, 6);
  const tools = r.sample(
    RELIEF_TOOLS.map((t) => [t, t === "medication" && plan.orals.length ? 4 : 1] as const),
    r.int(1, 2),
  );
  const reliefRate = r.float(0.1, 0.5);
  const clonus = { mild: 0.03, moderate: 0.1, focal: 0.2, generalised: 0.35 }[plan.phenotype];
  let holidayLeft = 0;
  let episode: { trigger: Trigger; left: number } | null = null;

  for (let day = 0; day <= days - 2; day++) {
    const date = ctx.dates[day] as string;
    if (holidayLeft > 0) holidayLeft--;
    else if (r.chance(1 / 150)) holidayLeft = r.int(4, 14);
    if (episode && --episode.left <= 0) episode = null;
    if (!episode && r.chance(1 / 300) && !(rich && day >= days - 45))
      episode = { trigger: r.weighted(EPISODES), left: r.int(2, 5) };

    const active = programList.filter((p) => isProgramActiveOn(p, p.pauses, date));
    const paused = programList.some(
      (p) => p.startDate <= date && date <= lastDay(p) && isPausedOn(p.pauses, date),
    );
    const rate = holidayLeft > 0 ? 0.05 : logRate * (paused ? 0.5 : active.length ? 1 : 0.85);
    if (!r.chance(rate)) continue;

    const summer = date.slice(5, 7) === "07" || date.slice(5, 7) === "08";
    const triggers = new Set<Trigger>();
    if (episode) triggers.add(episode.trigger);
    if (r.chance(0.07)) triggers.add("poor_sleep");
    if (r.chance(0.05)) triggers.add("stress");
    if (r.chance(summer ? 0.25 : 0.01)) triggers.add("heat");
    const glasses = clamp(water + r.int(-2, 3), 0, 40);
    if (glasses <= 3 && r.chance(0.5)) triggers.add("dehydration");

    const worse =
      (triggers.has("heat") ? 0.8 : 0) +
      (triggers.has("poor_sleep") ? 0.5 : 0) +
      (episode ? 1.5 : 0);
    const nrs = clamp(Math.round(nrsBase + worse + 1.2 * r.normal()), 0, 10);
    const pain = clamp(Math.round(nrs - 1 + 1.3 * r.normal()), 0, 10);
    let penn = r.weighted(PENN[plan.phenotype]);
    if (episode && penn < 3 && r.chance(0.5)) penn++;
    const severity =
      penn === 0
        ? null
        : clamp(
            1 + (penn >= 2 && r.chance(0.5) ? 1 : 0) + (penn >= 3 && r.chance(0.3) ? 1 : 0),
            1,
            3,
          );

    const neuroNow = plan.neuro && day >= days - 41;
    const symptoms = new Set<Symptom>();
    if (r.chance(nrs >= 5 ? 0.8 : 0.4)) symptoms.add("stiffness");
    if (penn > 0 && r.chance(0.8)) symptoms.add("spasm");
    if (r.chance(0.1)) symptoms.add("cramp");
    if (r.chance(clonus)) symptoms.add("clonus");
    if (r.chance(neuroNow ? 0.5 : 0.004)) symptoms.add("twitching");
    const newWeakness = neuroNow ? r.chance(0.3) : episode?.trigger === "relapse" && r.chance(0.5);
    const wasting = neuroNow && r.chance(0.15);

    const relief = new Set<ReliefTool>();
    if (r.chance(reliefRate)) relief.add(r.pick(tools));
    if (r.chance(reliefRate / 4)) relief.add(r.pick(tools));

    const logId = ctx.ids.uuid();
    const createdAt = at(ctx, day, r.int(18, 21), r.int(0, 59));
    rows.logs.push({
      id: logId,
      clinicId: ctx.clinicId,
      patientId: plan.id,
      logDate: date,
      spasticityNrs: nrs,
      pain,
      pennFrequency: penn,
      pennSeverity: severity,
      symptoms: SYMPTOMS.filter((s) => symptoms.has(s)),
      triggers: TRIGGERS.filter((t) => triggers.has(t)),
      newWeakness,
      wasting,
      relief: RELIEF_TOOLS.filter((t) => relief.has(t)),
      waterGlasses: glasses,
      note: r.chance(0.05) ? r.pick(LOG_NOTES) : null,
      createdAt,
      updatedAt: createdAt,
    });

    for (const program of active) {
      const weekday = (day - program.startDay) % 7;
      for (const item of versionInForce(program.versions, date)?.items ?? []) {
        const planned = PLANNED_OFFSETS[item.daysPerWeek]?.has(weekday) ?? true;
        const sessionsDone = planned
          ? r.chance(sessionRate)
            ? item.sessionsPerDay
            : r.int(0, item.sessionsPerDay - 1)
          : r.chance(0.04)
            ? item.sessionsPerDay
            : 0;
        rows.logItems.push({ id: ctx.ids.uuid(), logId, programItemId: item.id, sessionsDone });
      }
    }
  }

  // The therapist reviews the logs every few weeks, sometimes with a note back.
  const reviewedBy = plan.therapistId ?? (ctx.therapistIds[0] as string);
  for (let day = r.int(10, 40); day <= days - 3; day += r.int(14, 45)) {
    rows.reviews.push({
      id: ctx.ids.uuid(),
      clinicId: ctx.clinicId,
      patientId: plan.id,
      reviewedThrough: dateOf(ctx, day),
      note: r.chance(0.35) ? r.pick(REVIEW_NOTES) : null,
      reviewedBy,
      createdAt: at(ctx, day + 1, 9, 30),
    });
  }
}

// ── People ───────────────────────────────────────────────────────────────────────────────────

function buildPeople(
  ctx: Context,
  plans: PatientPlan[],
  seed: number,
  passwordHash: string,
  adminId: string,
) {
  const r = new Rng(seed, STREAM.clinic);
  const { rows } = ctx;
  const staffDay = -150;
  const staff = (
    id: string,
    role: "admin" | "therapist",
    email: string,
    name: string,
    offset: number,
  ) => {
    const createdAt = at(ctx, staffDay + offset, 9);
    rows.users.push({
      id,
      clinicId: ctx.clinicId,
      role,
      email,
      name,
      passwordHash,
      createdAt,
      passwordChangedAt: createdAt,
    });
  };
  staff(adminId, "admin", LARGE_ACCOUNTS.admin, ADMIN_NAME, 0);
  ctx.therapistIds.forEach((id, i) => {
    staff(
      id,
      "therapist",
      i === 0 ? LARGE_ACCOUNTS.therapist : `therapist${i + 1}@large.example`,
      THERAPIST_NAMES[i] as string,
      1 + i,
    );
  });

  const year = Number((ctx.dates.at(-1) as string).slice(0, 4));
  for (const plan of plans) {
    const severe = plan.phenotype === "focal" || plan.phenotype === "generalised";
    const person =
      plan.index === 0
        ? RICH_PATIENT
        : {
            givenName: r.pick(GIVEN_NAMES),
            familyName: r.pick(FAMILY_NAMES),
            dateOfBirth: `${year - (severe ? r.int(40, 78) : r.int(24, 70))}-${String(r.int(1, 12)).padStart(2, "0")}-${String(r.int(1, 28)).padStart(2, "0")}`,
          };
    const birthYear = Number(person.dateOfBirth.slice(0, 4));
    const msType: MsType = plan.index === 0 ? "SPMS" : r.weighted(MS_TYPES[plan.phenotype]);
    const diagnosisYear = clamp(
      birthYear + r.int(20, 48),
      birthYear + 16,
      year - (msType === "SPMS" ? 8 : 1),
    );
    const createdAt = at(ctx, plan.createdDay, 11, r.int(0, 59));
    if (plan.userId) {
      const invitedAt = at(ctx, plan.createdDay + r.int(1, 14), 19, r.int(0, 59));
      rows.users.push({
        id: plan.userId,
        clinicId: ctx.clinicId,
        role: "patient",
        email: plan.index === 0 ? LARGE_ACCOUNTS.patient : `patient${plan.index + 1}@large.example`,
        name: `${person.givenName} ${person.familyName}`,
        passwordHash,
        createdAt: invitedAt,
        passwordChangedAt: invitedAt,
      });
    }
    rows.patients.push({
      id: plan.id,
      clinicId: ctx.clinicId,
      userId: plan.userId,
      ...person,
      msType,
      diagnosisYear,
      primaryTherapistId: plan.therapistId,
      createdAt,
      updatedAt: createdAt,
    });
  }
}

// ── Writing ──────────────────────────────────────────────────────────────────────────────────

/**
 * Inserts `rows` into `table`, ROWS_PER_STATEMENT rows a statement, as one JSON parameter that
 * jsonb_to_recordset expands. Not `insert().values()`: drizzle spends about 10 µs building each
 * bind parameter here, some 50 s for the ~5 million values of the full-size clinic (PostgreSQL
 * needs a fraction of that), and JSON.stringify next to nothing. One parameter per statement also
 * keeps clear of PostgreSQL's 65,535-parameter limit whatever the row width. Every row has the
 * same keys; columns left out (e.g. `seq`) take their defaults, in the order of `rows`.
 */
async function insertRows<T extends PgTable>(tx: Tx, table: T, rows: T["$inferInsert"][]) {
  const [first] = rows;
  if (!first) return;
  const columns = Object.entries(getTableColumns(table)).filter(([key]) => key in first);
  const names = sql.raw(columns.map(([, c]) => `"${c.name}"`).join(", "));
  const types = sql.raw(columns.map(([, c]) => `"${c.name}" ${c.getSQLType()}`).join(", "));
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const json = JSON.stringify(
      rows
        .slice(i, i + ROWS_PER_STATEMENT)
        .map((row) =>
          Object.fromEntries(
            columns.map(([key, c]) => [c.name, (row as Record<string, unknown>)[key] ?? null]),
          ),
        ),
    );
    await tx.execute(
      sql`insert into ${table} (${names}) select ${names} from jsonb_to_recordset(${json}::jsonb) as t(${types})`,
    );
  }
}

/**
 * Adds the large clinic (see the file comment) and returns what the bench needs. The caller
 * checks that no "Large Clinic" exists yet: the accounts' emails are fixed.
 */
export async function seedLargeClinic(
  db: Db,
  options: LargeClinicOptions = {},
): Promise<LargeClinicSummary> {
  const patientCount = options.patients ?? 300;
  const days = options.days ?? 730;
  const seed = options.seed ?? 1;
  const asOf = options.asOf ?? todayIn(TIME_ZONE);
  const log = options.log ?? (() => {});
  if (!Number.isInteger(patientCount) || patientCount < 1)
    throw new Error("patients: a whole number ≥ 1");
  if (!Number.isInteger(days) || days < 30) throw new Error("days: a whole number ≥ 30");
  if (!Number.isInteger(seed)) throw new Error("seed: a whole number");
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || addDays(asOf, 0) !== asOf)
    throw new Error("asOf: YYYY-MM-DD");
  const started = Date.now();
  const step = (what: string) => log(`${what} (${((Date.now() - started) / 1000).toFixed(1)} s)`);

  // Hashed once (argon2id is slow on purpose) and shared by every account.
  const passwordHash = await hashPassword(LARGE_CLINIC_PASSWORD);
  const library = await db
    .select({ id: exercises.id, slug: exercises.slug })
    .from(exercises)
    .where(isNull(exercises.clinicId));
  const exerciseIds = new Map(library.flatMap((e) => (e.slug ? [[e.slug, e.id] as const] : [])));

  const ids = new Rng(seed, STREAM.ids);
  const first = addDays(asOf, -(days - 1));
  const dates = Array.from({ length: days }, (_, d) => addDays(first, d));
  const therapistCount = clamp(
    Math.round(patientCount / PATIENTS_PER_THERAPIST),
    2,
    MAX_THERAPISTS,
  );
  const clinicId = ids.uuid();
  const adminId = ids.uuid();
  const ctx: Context = {
    clinicId,
    days,
    dates,
    startMs: Date.parse(`${first}T00:00:00Z`),
    ids,
    therapistIds: Array.from({ length: therapistCount }, () => ids.uuid()),
    exerciseIds,
    templateIds: new Map(STARTER_TEMPLATES.map((t) => [t.name, ids.uuid()])),
    rows: {
      users: [],
      patients: [],
      templates: [],
      templateItems: [],
      assessments: [],
      scores: [],
      orals: [],
      toxins: [],
      pumps: [],
      programs: [],
      versions: [],
      items: [],
      pauses: [],
      logs: [],
      logItems: [],
      reviews: [],
    },
  };
  const { rows } = ctx;

  // The clinic's copies of the starter templates, as a clinic would have them.
  for (const t of STARTER_TEMPLATES) {
    const templateId = ctx.templateIds.get(t.name) as string;
    const createdAt = at(ctx, -140, 10);
    rows.templates.push({
      id: templateId,
      clinicId,
      name: t.name,
      description: t.description,
      createdBy: adminId,
      createdAt,
      updatedAt: createdAt,
    });
    t.items.forEach((item, position) => {
      const exerciseId = exerciseIds.get(item.slug);
      if (!exerciseId)
        throw new Error(`built-in exercise ${item.slug} missing (sync the library first)`);
      rows.templateItems.push({
        id: ids.uuid(),
        templateId,
        exerciseId,
        position,
        holdSeconds: item.holdSeconds,
        repetitions: item.repetitions,
        sets: item.sets,
        sessionsPerDay: item.sessionsPerDay,
        daysPerWeek: item.daysPerWeek,
        side: item.side,
        note: item.note ?? null,
      });
    });
  }

  const plans = Array.from({ length: patientCount }, (_, p) => planPatient(ctx, seed, p));
  buildPeople(ctx, plans, seed, passwordHash, adminId);
  for (const plan of plans) {
    buildHistory(ctx, plan, seed);
    buildLogs(ctx, plan, buildPrograms(ctx, plan, seed), seed);
  }
  // Recording order is `seq` order: every version after the one it corrects.
  // (A stable sort: equal times keep the order they were built in.)
  rows.assessments.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  step(`Built ${rows.logs.length} logs, ${rows.assessments.length} assessments in memory`);

  const [richPlan] = plans;
  if (!richPlan) throw new Error("no patients");
  const flagCount = await db.transaction(async (tx) => {
    await tx.insert(clinics).values({
      id: clinicId,
      name: LARGE_CLINIC_NAME,
      timeZone: TIME_ZONE,
      // Benchmark accounts with a known password; two-step sign-in would stop the bench signing in.
      requireStaffMfa: false,
      createdAt: at(ctx, -150, 8),
    });
    await insertRows(tx, users, rows.users);
    await insertRows(tx, patients, rows.patients);
    await insertRows(tx, programTemplates, rows.templates);
    await insertRows(tx, templateItems, rows.templateItems);
    await insertRows(tx, assessments, rows.assessments);
    await insertRows(tx, masScores, rows.scores);
    await insertRows(tx, oralTreatments, rows.orals);
    await insertRows(tx, toxinInjections, rows.toxins);
    await insertRows(tx, intrathecalPumps, rows.pumps);
    step("Inserted people, assessments and treatments");
    await insertRows(tx, programs, rows.programs);
    await insertRows(tx, programVersions, rows.versions);
    await insertRows(tx, programItems, rows.items);
    await insertRows(tx, programPauses, rows.pauses);
    await insertRows(tx, dailyLogs, rows.logs);
    step("Inserted programs and daily logs");
    await insertRows(tx, logItems, rows.logItems);
    await insertRows(tx, logReviews, rows.reviews);
    step("Inserted log items and reviews");

    // Flags are what the engine computes from the records, never inserted directly.
    const patientIds = plans.map((p) => p.id);
    for (let i = 0; i < patientIds.length; i += RECOMPUTE_BATCH)
      await recomputeFlags(tx, clinicId, patientIds.slice(i, i + RECOMPUTE_BATCH), asOf);
    await acknowledgeSome(tx, ctx, plans, seed);
    step("Computed flags");
    const [n] = await tx.select({ n: count() }).from(flags).where(eq(flags.clinicId, clinicId));
    return n?.n ?? 0;
  });

  return {
    clinicId,
    richPatientId: richPlan.id,
    therapistUserId: ctx.therapistIds[0] as string,
    patientIds: plans.map((p) => p.id),
    counts: {
      users: rows.users.length,
      patients: rows.patients.length,
      assessments: rows.assessments.length,
      amendments: rows.assessments.filter((a) => a.supersedesId).length,
      masScores: rows.scores.length,
      dailyLogs: rows.logs.length,
      logItems: rows.logItems.length,
      logReviews: rows.reviews.length,
      programs: rows.programs.length,
      programVersions: rows.versions.length,
      programItems: rows.items.length,
      programPauses: rows.pauses.length,
      oralTreatments: rows.orals.length,
      toxinInjections: rows.toxins.length,
      pumps: rows.pumps.length,
      flags: flagCount,
    },
  };
}

/**
 * About 30 % of the other patients' open flags acknowledged by their therapist, as
 * lib/data/flags.ts `actOnFlag` does it (status, who, when, and an audit event). The rich
 * patient's stay open. The moment is the engine's (the flags were raised just now).
 */
async function acknowledgeSome(tx: Tx, ctx: Context, plans: PatientPlan[], seed: number) {
  const r = new Rng(seed, STREAM.acknowledge);
  const open = await tx
    .select({ id: flags.id, patientId: flags.patientId, kind: flags.kind })
    .from(flags)
    .where(and(eq(flags.clinicId, ctx.clinicId), eq(flags.status, "open")));
  const order = new Map(plans.map((p) => [p.id, p]));
  open.sort(
    (a, b) =>
      (order.get(a.patientId)?.index ?? 0) - (order.get(b.patientId)?.index ?? 0) ||
      (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0),
  );
  const byTherapist = new Map<string, typeof open>();
  for (const flag of open) {
    const plan = order.get(flag.patientId);
    if (!plan || plan.index === 0 || !r.chance(0.3)) continue;
    const therapist = plan.therapistId ?? (ctx.therapistIds[0] as string);
    byTherapist.set(therapist, [...(byTherapist.get(therapist) ?? []), flag]);
  }
  const now = new Date();
  for (const [therapist, list] of byTherapist) {
    await tx
      .update(flags)
      .set({ status: "acknowledged", statusBy: therapist, statusAt: now, updatedAt: now })
      .where(
        inArray(
          flags.id,
          list.map((f) => f.id),
        ),
      );
    await tx.insert(auditEvents).values(
      list.map((f) => ({
        at: now,
        clinicId: ctx.clinicId,
        actorUserId: therapist,
        actorRole: "therapist",
        action: "flag.acknowledge",
        entityType: "flag",
        entityId: f.id,
        patientId: f.patientId,
        outcome: "success" as const,
        details: { kind: f.kind },
      })),
    );
  }
}
