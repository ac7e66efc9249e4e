import { describe, expect, it } from "vitest";
import { isMuscleGroup, MUSCLE_GROUP_INFO, MUSCLE_GROUPS } from "../../lib/clinical/mas";
import { BUILT_IN_EXERCISES, type BuiltInExercise } from "./built-in-exercises";
import { STARTER_TEMPLATES } from "./starter-templates";

type Dosage = Pick<
  BuiltInExercise,
  "holdSeconds" | "repetitions" | "sets" | "sessionsPerDay" | "daysPerWeek"
>;

const bySlug = new Map(BUILT_IN_EXERCISES.map((e) => [e.slug, e]));
const HEAT_ADVICE = /\bheat(ed)? pack|hot water bottle|sauna/i;

/** The bounds of the program tables (CLINICAL.md §3), shape checked against the exercise kind. */
function expectDosageInBounds(kind: BuiltInExercise["kind"], d: Dosage, label: string) {
  if (kind === "stretch") {
    expect(d.holdSeconds, `${label}: hold`).not.toBeNull();
    expect(d.holdSeconds, `${label}: hold`).toBeGreaterThanOrEqual(10);
    expect(d.holdSeconds, `${label}: hold`).toBeLessThanOrEqual(120);
    expect(d.sets, `${label}: sets`).toBeNull();
  } else {
    expect(d.holdSeconds, `${label}: hold`).toBeNull();
  }
  if (kind === "strength") {
    expect(d.sets, `${label}: sets`).not.toBeNull();
    expect(d.sets, `${label}: sets`).toBeGreaterThanOrEqual(1);
    expect(d.sets, `${label}: sets`).toBeLessThanOrEqual(10);
  }
  if (kind === "movement") expect(d.sets, `${label}: sets`).toBeNull();
  for (const [field, min, max] of [
    ["repetitions", 1, 50],
    ["sessionsPerDay", 1, 5],
    ["daysPerWeek", 1, 7],
  ] as const) {
    expect(Number.isInteger(d[field]), `${label}: ${field} is whole`).toBe(true);
    expect(d[field], `${label}: ${field}`).toBeGreaterThanOrEqual(min);
    expect(d[field], `${label}: ${field}`).toBeLessThanOrEqual(max);
  }
}

function allText(e: BuiltInExercise): string[] {
  return [e.name, e.summary, ...e.steps, ...e.safety];
}

describe("built-in exercise library", () => {
  it("has at least 24 exercises with unique kebab-case slugs and unique names", () => {
    expect(BUILT_IN_EXERCISES.length).toBeGreaterThanOrEqual(24);
    const slugs = BUILT_IN_EXERCISES.map((e) => e.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    for (const slug of slugs) expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    const names = BUILT_IN_EXERCISES.map((e) => e.name.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
  });

  it("names valid, distinct target muscle groups on every exercise", () => {
    for (const e of BUILT_IN_EXERCISES) {
      expect(e.muscleGroups.length, e.slug).toBeGreaterThanOrEqual(1);
      expect(new Set(e.muscleGroups).size, e.slug).toBe(e.muscleGroups.length);
      for (const g of e.muscleGroups) expect(isMuscleGroup(g), `${e.slug}: ${g}`).toBe(true);
    }
  });

  it("has a stretch for every lower-limb muscle group", () => {
    const lower = MUSCLE_GROUPS.filter((g) => MUSCLE_GROUP_INFO[g].limb === "lower");
    expect(lower).toHaveLength(6);
    for (const g of lower) {
      const stretches = BUILT_IN_EXERCISES.filter(
        (e) => e.kind === "stretch" && e.muscleGroups.includes(g),
      );
      expect(stretches.length, g).toBeGreaterThanOrEqual(1);
    }
  });

  it("has a stretch for the main upper-limb muscle groups", () => {
    for (const g of [
      "elbow_flexors",
      "wrist_flexors",
      "finger_flexors",
      "shoulder_adductors",
      "forearm_pronators",
    ] as const) {
      expect(
        BUILT_IN_EXERCISES.some((e) => e.kind === "stretch" && e.muscleGroups.includes(g)),
        g,
      ).toBe(true);
    }
  });

  it("has all three kinds", () => {
    for (const kind of ["stretch", "strength", "movement"] as const) {
      expect(
        BUILT_IN_EXERCISES.some((e) => e.kind === kind),
        kind,
      ).toBe(true);
    }
  });

  it("keeps every default dosage within the clinical bounds", () => {
    for (const e of BUILT_IN_EXERCISES) expectDosageInBounds(e.kind, e, e.slug);
  });

  it("uses the stretch dosage of the seed routine: 30–40 s holds, 3 repetitions", () => {
    for (const e of BUILT_IN_EXERCISES.filter((x) => x.kind === "stretch")) {
      expect(e.holdSeconds, e.slug).toBeGreaterThanOrEqual(30);
      expect(e.holdSeconds, e.slug).toBeLessThanOrEqual(40);
      expect(e.repetitions, e.slug).toBe(3);
    }
  });

  it("gives 3–7 short steps and at least one safety cue, none empty", () => {
    for (const e of BUILT_IN_EXERCISES) {
      expect(e.name.trim().length, e.slug).toBeGreaterThan(0);
      expect(e.name.length, e.slug).toBeLessThanOrEqual(120);
      expect(e.summary.trim().length, e.slug).toBeGreaterThan(0);
      expect(e.steps.length, e.slug).toBeGreaterThanOrEqual(3);
      expect(e.steps.length, e.slug).toBeLessThanOrEqual(7);
      expect(e.safety.length, e.slug).toBeGreaterThanOrEqual(1);
      expect(e.safety.length, e.slug).toBeLessThanOrEqual(4);
      for (const s of [...e.steps, ...e.safety]) {
        expect(s.trim().length, e.slug).toBeGreaterThan(0);
        expect(s, e.slug).toMatch(/[.!?]$/);
      }
      // Plain language: each step one short sentence.
      for (const s of e.steps) expect(s.length, `${e.slug}: ${s}`).toBeLessThanOrEqual(110);
    }
  });

  it("never advises heat (many people with MS are heat-sensitive)", () => {
    for (const e of BUILT_IN_EXERCISES) {
      for (const text of allText(e)) expect(text, e.slug).not.toMatch(HEAT_ADVICE);
    }
    for (const t of STARTER_TEMPLATES) {
      for (const text of [t.name, t.description, ...t.items.map((i) => i.note ?? "")]) {
        expect(text, t.name).not.toMatch(HEAT_ADVICE);
      }
    }
  });
});

describe("starter templates", () => {
  it("are exactly the four named routines", () => {
    expect(STARTER_TEMPLATES.map((t) => t.name)).toEqual([
      "Lower-limb stretch routine",
      "Calf and hamstring focus",
      "Strength before release",
      "Upper-limb stretch routine",
    ]);
  });

  it("have 4–7 items each, from the library, within the clinical bounds", () => {
    for (const t of STARTER_TEMPLATES) {
      expect(t.description.trim().length, t.name).toBeGreaterThan(0);
      expect(t.items.length, t.name).toBeGreaterThanOrEqual(4);
      expect(t.items.length, t.name).toBeLessThanOrEqual(7);
      expect(new Set(t.items.map((i) => i.slug)).size, t.name).toBe(t.items.length);
      for (const item of t.items) {
        const exercise = bySlug.get(item.slug);
        expect(exercise, `${t.name}: ${item.slug}`).toBeDefined();
        if (!exercise) continue;
        expectDosageInBounds(exercise.kind, item, `${t.name}: ${item.slug}`);
        expect(["left", "right", "both"]).toContain(item.side);
      }
    }
  });

  it("match their descriptions", () => {
    const [lower, calfHamstring, strengthFirst, upper] = STARTER_TEMPLATES;
    const groupsOf = (slugs: string[]) =>
      new Set(slugs.flatMap((s) => bySlug.get(s)?.muscleGroups ?? []));

    // Lower limb: 30 s × 3, twice a day, every day, covering the five named groups.
    expect(lower?.items.every((i) => i.holdSeconds === 30 && i.repetitions === 3)).toBe(true);
    expect(lower?.items.every((i) => i.sessionsPerDay === 2 && i.daysPerWeek === 7)).toBe(true);
    const lowerGroups = groupsOf(lower?.items.map((i) => i.slug) ?? []);
    for (const g of [
      "knee_flexors",
      "ankle_plantarflexors",
      "hip_flexors",
      "hip_adductors",
      "knee_extensors",
    ] as const) {
      expect(lowerGroups.has(g), g).toBe(true);
    }

    // Calf and hamstring: every stretch held 40–60 s.
    for (const i of calfHamstring?.items ?? []) {
      if (bySlug.get(i.slug)?.kind !== "stretch") continue;
      expect(i.holdSeconds, i.slug).toBeGreaterThanOrEqual(40);
      expect(i.holdSeconds, i.slug).toBeLessThanOrEqual(60);
    }

    // Strength before release: strength items first, 2 × 10 three days a week, then stretches.
    const kinds = strengthFirst?.items.map((i) => bySlug.get(i.slug)?.kind) ?? [];
    const firstStretch = kinds.indexOf("stretch");
    expect(kinds[0]).toBe("strength");
    expect(firstStretch).toBeGreaterThan(0);
    expect(kinds.slice(firstStretch).every((k) => k !== "strength")).toBe(true);
    for (const slug of ["sit-to-stand", "bridging", "heel-raises-at-counter"]) {
      const item = strengthFirst?.items.find((i) => i.slug === slug);
      expect(item, slug).toMatchObject({ sets: 2, repetitions: 10, daysPerWeek: 3 });
    }

    // Upper limb: only upper-limb groups, covering the main ones.
    const upperGroups = groupsOf(upper?.items.map((i) => i.slug) ?? []);
    for (const g of upperGroups) expect(MUSCLE_GROUP_INFO[g].limb, g).toBe("upper");
    for (const g of [
      "elbow_flexors",
      "wrist_flexors",
      "finger_flexors",
      "shoulder_adductors",
      "forearm_pronators",
    ] as const) {
      expect(upperGroups.has(g), g).toBe(true);
    }
  });
});
