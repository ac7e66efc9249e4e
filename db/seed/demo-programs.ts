import { isNull } from "drizzle-orm";
import { addDays, todayIn } from "../../lib/clinical/dates";
import { DOSAGE_BOUNDS } from "../../lib/clinical/dosage";
import { plannedEnd } from "../../lib/clinical/program-schedule";
import type { Tx } from "../client";
import { STARTER_TEMPLATES, type StarterTemplateItem } from "../library/starter-templates";
import {
  exercises,
  programItems,
  programPauses,
  programs,
  programTemplates,
  programVersions,
  templateItems,
} from "../schema";
import type { DemoHistoryContext } from "./demo-histories";

/** Same shape as the histories' context: what the demo seed has just inserted. */
export type DemoProgramContext = DemoHistoryContext;

type Item = StarterTemplateItem;
type TemplateName =
  | "Lower-limb stretch routine"
  | "Calf and hamstring focus"
  | "Strength before release"
  | "Upper-limb stretch routine";

/** One program of a patient, dated in days before the clinic's today. */
interface ProgramPlan {
  title: string;
  template?: TemplateName;
  /** 40–120: the program started in the past, so logs can exist. */
  startedDaysAgo: number;
  /** 12–26, so the program is still running in two weeks' time. */
  weeks: number;
  items: Item[];
  /** Version 2: a dosage change from `daysAgo`, items copied from version 1 and changed. */
  revised?: { daysAgo: number; changeNote: string; change: (item: Item) => Item };
  /** A closed pause: from `fromDaysAgo` for `days` days (resumes on the day after). */
  pause?: { fromDaysAgo: number; days: number; reason: string };
}

/** Stretch at the seed dosage (CLINICAL.md §3): 30 s × 3, twice a day, every day. */
function stretch(slug: string, s: Item["side"] = "both", dosage: Partial<Item> = {}): Item {
  return {
    slug,
    holdSeconds: 30,
    repetitions: 3,
    sets: null,
    sessionsPerDay: 2,
    daysPerWeek: 7,
    side: s,
    ...dosage,
  };
}

/** Strength: 2 sets of 10, once a day, 3 days a week. */
function strength(slug: string, dosage: Partial<Item> = {}): Item {
  return {
    slug,
    holdSeconds: null,
    repetitions: 10,
    sets: 2,
    sessionsPerDay: 1,
    daysPerWeek: 3,
    side: "both",
    ...dosage,
  };
}

/** Movement: little and often, every day. */
function movement(slug: string, repetitions: number, sessionsPerDay: number): Item {
  return {
    slug,
    holdSeconds: null,
    repetitions,
    sets: null,
    sessionsPerDay,
    daysPerWeek: 7,
    side: "both",
  };
}

/** A starter template's items, copied (optionally changed). */
function fromTemplate(name: TemplateName, change: (item: Item) => Item = (i) => i): Item[] {
  const template = STARTER_TEMPLATES.find((t) => t.name === name);
  if (!template) throw new Error(`no starter template ${name}`);
  return template.items.map((i) => change({ ...i }));
}

const onceADay = (i: Item): Item => ({ ...i, sessionsPerDay: 1 });

/**
 * Every demo patient's programs, matched to their MAS history (demo-histories.ts). Maria (the
 * patient login) has a stretch program for her left calf and hamstrings, revised to longer calf
 * holds after her calf stayed at 3, and a strength program; the severe patients (Tomasz, Ewan)
 * build strength before stretching gently; mild patients stretch once a day; Sofia paused for a
 * relapse.
 */
const PLANS: Record<string, ProgramPlan[]> = {
  "Maria Lopez": [
    {
      title: "Calf and hamstring stretches",
      template: "Calf and hamstring focus",
      startedDaysAgo: 110,
      weeks: 26,
      items: [
        stretch("calf-stretch-standing", "left"),
        stretch("calf-stretch-seated-towel", "left", {
          note: "Use the towel if standing is hard today.",
        }),
        stretch("hamstring-stretch-seated"),
        stretch("hamstring-stretch-lying-strap"),
      ],
      revised: {
        daysAgo: 28,
        changeNote: "Longer holds: calf still tight",
        change: (i) => (i.slug.startsWith("calf-") ? { ...i, holdSeconds: 40 } : i),
      },
    },
    {
      title: "Strength for standing",
      template: "Strength before release",
      startedDaysAgo: 56,
      weeks: 16,
      items: [
        strength("sit-to-stand"),
        strength("heel-raises-at-counter", { note: "Hold the counter with both hands." }),
        strength("bridging"),
      ],
    },
  ],
  "James Carter": [
    {
      title: "Daily leg stretches",
      template: "Lower-limb stretch routine",
      startedDaysAgo: 84,
      weeks: 16,
      items: [
        stretch("calf-stretch-standing", "both", { sessionsPerDay: 1 }),
        stretch("hamstring-stretch-seated", "both", { sessionsPerDay: 1 }),
        stretch("hip-flexor-stretch-bed-edge", "both", { sessionsPerDay: 1 }),
      ],
    },
  ],
  "Aisha Bello": [
    {
      title: "Lower-limb stretch routine",
      template: "Lower-limb stretch routine",
      startedDaysAgo: 98,
      weeks: 20,
      items: fromTemplate("Lower-limb stretch routine"),
      revised: {
        daysAgo: 28,
        changeNote: "Three sessions a day for calves and hamstrings: stiffness limiting transfers",
        change: (i) =>
          i.slug.startsWith("calf-") || i.slug.startsWith("hamstring-")
            ? { ...i, sessionsPerDay: 3 }
            : i,
      },
    },
  ],
  "Tomasz Nowak": [
    {
      title: "Strength before release",
      template: "Strength before release",
      startedDaysAgo: 70,
      weeks: 16,
      items: fromTemplate("Strength before release", (i) =>
        i.slug === "sit-to-stand"
          ? { ...i, note: "Push up with your arms from the chair if you need to." }
          : i,
      ),
    },
  ],
  "Helen Fraser": [
    {
      title: "Leg stretches, once a day",
      template: "Lower-limb stretch routine",
      startedDaysAgo: 49,
      weeks: 12,
      items: fromTemplate("Lower-limb stretch routine", onceADay),
    },
  ],
  "David Kim": [
    {
      title: "Right calf and hamstring stretches",
      template: "Calf and hamstring focus",
      startedDaysAgo: 84,
      weeks: 20,
      items: [
        stretch("calf-stretch-standing", "right", { holdSeconds: 40 }),
        stretch("calf-stretch-seated-towel", "right", {
          holdSeconds: 60,
          note: "A helper can hold the foot for the full minute.",
        }),
        stretch("hamstring-stretch-seated", "right", { holdSeconds: 40 }),
        movement("ankle-pumps", 20, 3),
      ],
    },
  ],
  "Grace O'Neill": [
    {
      title: "Arm and leg stretches",
      template: "Upper-limb stretch routine",
      startedDaysAgo: 63,
      weeks: 16,
      items: [
        stretch("elbow-stretch-straight-arm", "both", { sessionsPerDay: 1 }),
        stretch("wrist-finger-stretch-table", "left", { sessionsPerDay: 1 }),
        stretch("forearm-stretch-palm-up", "left", { sessionsPerDay: 1 }),
        stretch("quadriceps-stretch-side-lying", "both", { sessionsPerDay: 1 }),
        stretch("hamstring-stretch-seated", "both", { sessionsPerDay: 1 }),
        stretch("calf-stretch-seated-towel", "both", { sessionsPerDay: 1 }),
      ],
    },
  ],
  "Rahul Mehta": [
    {
      title: "Hamstring stretches after toxin",
      template: "Calf and hamstring focus",
      startedDaysAgo: 42,
      weeks: 12,
      items: [
        stretch("hamstring-stretch-lying-strap", "right", {
          holdSeconds: 60,
          note: "A helper can hold the leg for the full minute.",
        }),
        stretch("hamstring-stretch-seated", "right", { holdSeconds: 40 }),
        stretch("calf-stretch-standing", "right"),
      ],
    },
  ],
  "Sofia Rossi": [
    {
      title: "Leg stretches, once a day",
      template: "Lower-limb stretch routine",
      startedDaysAgo: 91,
      weeks: 20,
      items: fromTemplate("Lower-limb stretch routine", onceADay),
      pause: { fromDaysAgo: 63, days: 10, reason: "Relapse: rest advised" },
    },
  ],
  "Ewan MacLeod": [
    {
      title: "Strength first, gentle stretches",
      template: "Strength before release",
      startedDaysAgo: 105,
      weeks: 24,
      items: [
        strength("sit-to-stand", { repetitions: 5, note: "Use a chair with arms." }),
        strength("bridging"),
        strength("seated-knee-extension"),
        stretch("hamstring-stretch-lying-strap", "both", {
          holdSeconds: 60,
          sessionsPerDay: 1,
          note: "A helper can hold the leg for the full minute.",
        }),
        stretch("inner-thigh-stretch-lying-legs-apart", "both", { sessionsPerDay: 1 }),
        stretch("calf-stretch-seated-towel", "right", {
          sessionsPerDay: 1,
          note: "Gentle: stop at a mild pull.",
        }),
      ],
    },
  ],
  // Other Clinic
  "Linda Brooks": [
    {
      title: "Lower-limb stretch routine",
      template: "Lower-limb stretch routine",
      startedDaysAgo: 56,
      weeks: 16,
      items: fromTemplate("Lower-limb stretch routine"),
      revised: {
        daysAgo: 35,
        changeNote: "Longer holds for hamstrings and calves",
        change: (i) =>
          i.slug.startsWith("calf-") || i.slug.startsWith("hamstring-")
            ? { ...i, holdSeconds: 40 }
            : i,
      },
    },
  ],
  "Carlos Diaz": [
    {
      title: "Calf and hamstring stretches, once a day",
      template: "Lower-limb stretch routine",
      startedDaysAgo: 42,
      weeks: 12,
      items: fromTemplate("Lower-limb stretch routine", onceADay).filter(
        (i) => i.slug.startsWith("calf-") || i.slug.startsWith("hamstring-"),
      ),
    },
  ],
  "Nora Lindqvist": [
    {
      title: "Calf and hamstring focus",
      template: "Calf and hamstring focus",
      startedDaysAgo: 63,
      weeks: 16,
      items: fromTemplate("Calf and hamstring focus"),
    },
  ],
};

type ExerciseRef = { id: string; kind: "stretch" | "strength" | "movement" };

/**
 * Gives each demo clinic the four starter templates and every demo patient at least one program
 * running today, dated back from the clinic's today. Built-in exercises are looked up by slug:
 * `syncBuiltInExercises` has run before the seed. Batched: one insert per table.
 */
export async function seedDemoPrograms(tx: Tx, ctx: DemoProgramContext): Promise<void> {
  const now = ctx.now ?? new Date();
  const library = await tx
    .select({ id: exercises.id, slug: exercises.slug, kind: exercises.kind })
    .from(exercises)
    .where(isNull(exercises.clinicId));
  const bySlug = new Map<string, ExerciseRef>(
    library.flatMap((e) => (e.slug ? [[e.slug, { id: e.id, kind: e.kind }] as const] : [])),
  );
  const exerciseFor = (slug: string, where: string): ExerciseRef => {
    const found = bySlug.get(slug);
    if (!found) {
      throw new Error(`${where}: built-in exercise ${slug} missing (sync the library first)`);
    }
    return found;
  };

  const templates: (typeof programTemplates.$inferInsert)[] = [];
  const tItems: (typeof templateItems.$inferInsert)[] = [];
  const programRows: (typeof programs.$inferInsert)[] = [];
  const versions: (typeof programVersions.$inferInsert)[] = [];
  const items: (typeof programItems.$inferInsert)[] = [];
  const pauses: (typeof programPauses.$inferInsert)[] = [];

  const templateIds = new Map<string, string>(); // `${clinicId}:${name}`
  for (const clinic of ctx.clinics) {
    const createdBy = firstTherapist(clinic.id, ctx.staff);
    for (const t of STARTER_TEMPLATES) {
      const id = crypto.randomUUID();
      templateIds.set(`${clinic.id}:${t.name}`, id);
      templates.push({
        id,
        clinicId: clinic.id,
        name: t.name,
        description: t.description,
        createdBy,
      });
      t.items.forEach((item, position) => {
        const where = `template ${t.name}`;
        tItems.push({
          templateId: id,
          position,
          ...dosageRow(item, exerciseFor(item.slug, where), where),
        });
      });
    }
  }

  const byName = new Map(ctx.patients.map((p) => [`${p.givenName} ${p.familyName}`, p]));
  for (const patient of ctx.patients) {
    const name = `${patient.givenName} ${patient.familyName}`;
    if (!PLANS[name]) throw new Error(`no demo program for ${name}`);
  }
  for (const [name, plans] of Object.entries(PLANS)) {
    const patient = byName.get(name);
    if (!patient) throw new Error(`demo program for unknown patient ${name}`);
    const clinic = ctx.clinics.find((c) => c.id === patient.clinicId);
    if (!clinic) throw new Error(`no clinic for ${name}`);
    const today = todayIn(clinic.timeZone, now);
    const createdBy = patient.primaryTherapistId ?? firstTherapist(clinic.id, ctx.staff);

    for (const plan of plans) {
      const where = `${name}, ${plan.title}`;
      if (plan.startedDaysAgo < 40 || plan.startedDaysAgo > 120) {
        throw new Error(`${where}: start 40–120 days ago`);
      }
      if (plan.weeks < 12 || plan.weeks > DOSAGE_BOUNDS.weeks.max) {
        throw new Error(`${where}: 12–26 weeks`);
      }
      const startDate = addDays(today, -plan.startedDaysAgo);
      const endDate = plannedEnd(startDate, plan.weeks);
      if (endDate < addDays(today, 14)) throw new Error(`${where}: ends within two weeks`);
      const programId = crypto.randomUUID();
      programRows.push({
        id: programId,
        clinicId: patient.clinicId,
        patientId: patient.id,
        title: plan.title,
        startDate,
        endDate,
        templateId: plan.template ? templateIds.get(`${clinic.id}:${plan.template}`) : null,
        createdBy,
      });

      const addVersion = (
        versionNo: number,
        effectiveFrom: string,
        changeNote: string | null,
        list: Item[],
      ) => {
        const versionId = crypto.randomUUID();
        versions.push({
          id: versionId,
          programId,
          versionNo,
          effectiveFrom,
          changeNote,
          createdBy,
        });
        list.forEach((item, position) => {
          const at = `${where} v${versionNo}`;
          items.push({ versionId, position, ...dosageRow(item, exerciseFor(item.slug, at), at) });
        });
      };
      addVersion(1, startDate, null, plan.items);
      if (plan.revised) {
        const { daysAgo, changeNote, change } = plan.revised;
        if (daysAgo <= 0 || daysAgo >= plan.startedDaysAgo) {
          throw new Error(`${where}: version 2 must take effect between the start and today`);
        }
        addVersion(2, addDays(today, -daysAgo), changeNote, plan.items.map(change));
      }
      if (plan.pause) {
        const { fromDaysAgo, days, reason } = plan.pause;
        const pausedFrom = addDays(today, -fromDaysAgo);
        const resumedOn = addDays(pausedFrom, days);
        if (pausedFrom <= startDate || resumedOn >= today) {
          throw new Error(`${where}: the pause must lie between the start and today`);
        }
        pauses.push({ programId, pausedFrom, resumedOn, reason, createdBy });
      }
    }
  }

  if (templates.length) await tx.insert(programTemplates).values(templates);
  if (tItems.length) await tx.insert(templateItems).values(tItems);
  if (programRows.length) await tx.insert(programs).values(programRows);
  if (versions.length) await tx.insert(programVersions).values(versions);
  if (items.length) await tx.insert(programItems).values(items);
  if (pauses.length) await tx.insert(programPauses).values(pauses);
}

/**
 * An item's row, checked against its exercise's kind and the dosage bounds: a stretch has a hold
 * and no sets, a strength exercise sets and no hold, a movement neither.
 */
function dosageRow(item: Item, exercise: ExerciseRef, where: string) {
  const fail = (why: string) => {
    throw new Error(`${where}, ${item.slug}: ${why}`);
  };
  const within = (value: number, key: keyof typeof DOSAGE_BOUNDS) => {
    const { min, max } = DOSAGE_BOUNDS[key];
    if (!Number.isInteger(value) || value < min || value > max)
      fail(`${key} ${value} out of range`);
  };
  if (exercise.kind === "stretch") {
    if (item.holdSeconds === null || item.sets !== null) fail("a stretch needs a hold, no sets");
  } else if (exercise.kind === "strength") {
    if (item.sets === null || item.holdSeconds !== null) fail("strength needs sets, no hold");
  } else if (item.sets !== null || item.holdSeconds !== null) {
    fail("a movement has neither hold nor sets");
  }
  if (item.holdSeconds !== null) within(item.holdSeconds, "holdSeconds");
  if (item.sets !== null) within(item.sets, "sets");
  within(item.repetitions, "repetitions");
  within(item.sessionsPerDay, "sessionsPerDay");
  within(item.daysPerWeek, "daysPerWeek");
  return {
    exerciseId: exercise.id,
    holdSeconds: item.holdSeconds,
    repetitions: item.repetitions,
    sets: item.sets,
    sessionsPerDay: item.sessionsPerDay,
    daysPerWeek: item.daysPerWeek,
    side: item.side,
    note: item.note ?? null,
  };
}

/** The clinic's first therapist (else its first staff member): creator of its templates. */
function firstTherapist(clinicId: string, staff: DemoProgramContext["staff"]): string {
  const colleagues = staff.filter((s) => s.clinicId === clinicId && s.role !== "patient");
  const found = colleagues.find((s) => s.role === "therapist") ?? colleagues[0];
  if (!found) throw new Error(`no staff in clinic ${clinicId}`);
  return found.id;
}
