import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { STARTER_TEMPLATES } from "@/db/library/starter-templates";
import {
  clinics,
  exercises,
  patients,
  programItems,
  programPauses,
  programs,
  programTemplates,
  programVersions,
  templateItems,
  users,
} from "@/db/schema";
import { daysBetween, todayIn } from "@/lib/clinical/dates";
import { isProgramActiveOn, versionInForce } from "@/lib/clinical/program-schedule";
import { seedDemo } from "./demo";

type Data = Awaited<ReturnType<typeof load>>;
let data: Data;

async function load() {
  const db = await getDb();
  const [
    clinicRows,
    patientRows,
    userRows,
    exerciseRows,
    templates,
    tItems,
    programRows,
    versions,
    items,
    pauses,
  ] = await Promise.all([
    db.select().from(clinics),
    db.select().from(patients),
    db.select().from(users),
    db.select().from(exercises),
    db.select().from(programTemplates),
    db.select().from(templateItems),
    db.select().from(programs),
    db.select().from(programVersions),
    db.select().from(programItems),
    db.select().from(programPauses),
  ]);
  const kindOf = new Map(exerciseRows.map((e) => [e.id, e.kind]));
  const todayOf = (clinicId: string) => {
    const clinic = clinicRows.find((c) => c.id === clinicId);
    if (!clinic) throw new Error("no clinic");
    return todayIn(clinic.timeZone);
  };
  const itemsOf = (versionId: string) =>
    items.filter((i) => i.versionId === versionId).sort((a, b) => a.position - b.position);
  const versionsOf = (programId: string) => versions.filter((v) => v.programId === programId);
  const pausesOf = (programId: string) => pauses.filter((p) => p.programId === programId);
  /** The patient's programs active today, each with the items of its version in force. */
  const activeToday = (patientId: string) =>
    programRows
      .filter((p) => p.patientId === patientId)
      .filter((p) => isProgramActiveOn(p, pausesOf(p.id), todayOf(p.clinicId)))
      .map((p) => {
        const version = versionInForce(versionsOf(p.id), todayOf(p.clinicId));
        return { program: p, version, items: version ? itemsOf(version.id) : [] };
      });
  return {
    clinicRows,
    patientRows,
    userRows,
    kindOf,
    templates,
    tItems,
    programRows,
    versions,
    items,
    pauses,
    todayOf,
    itemsOf,
    activeToday,
  };
}

beforeAll(async () => {
  await seedDemo(await getDb());
  data = await load();
});

describe("demo programs", () => {
  it("gives each demo clinic the four starter templates, 4–7 items each", () => {
    expect(data.clinicRows.map((c) => c.name).sort()).toEqual(["Demo Clinic", "Other Clinic"]);
    for (const clinic of data.clinicRows) {
      const mine = data.templates.filter((t) => t.clinicId === clinic.id);
      expect(mine.map((t) => t.name).sort()).toEqual(STARTER_TEMPLATES.map((t) => t.name).sort());
      for (const t of mine) {
        const its = data.tItems.filter((i) => i.templateId === t.id);
        expect(its.length, t.name).toBeGreaterThanOrEqual(4);
        expect(its.length, t.name).toBeLessThanOrEqual(7);
        expect(its.map((i) => i.position).sort((a, b) => a - b)).toEqual(its.map((_, n) => n));
        const author = data.userRows.find((u) => u.id === t.createdBy);
        expect(author?.role).toBe("therapist");
        expect(author?.clinicId).toBe(clinic.id);
      }
    }
  });

  it("gives every demo patient a program active today, in their clinic", () => {
    expect(data.patientRows).toHaveLength(13);
    for (const p of data.patientRows) {
      const active = data.activeToday(p.id);
      expect(active.length, `${p.givenName} ${p.familyName}`).toBeGreaterThanOrEqual(1);
      for (const { program, version, items } of active) {
        expect(program.clinicId).toBe(p.clinicId);
        expect(version).not.toBeNull();
        expect(items.length).toBeGreaterThan(0);
        const today = data.todayOf(p.clinicId);
        expect(program.startDate < today).toBe(true);
        expect(program.endDate >= today).toBe(true);
      }
    }
  });

  it("starts one program about 110 days ago, and none in the future", () => {
    const ages = data.programRows.map((p) => daysBetween(p.startDate, data.todayOf(p.clinicId)));
    expect(Math.max(...ages)).toBeGreaterThanOrEqual(100);
    expect(Math.max(...ages)).toBeLessThanOrEqual(120);
    expect(Math.min(...ages)).toBeGreaterThanOrEqual(40);
  });

  it("gives Maria a stretch program (≤ 6 items) and a strength program, both active", () => {
    const maria = data.patientRows.find((p) => p.givenName === "Maria" && p.familyName === "Lopez");
    expect(maria).toBeDefined();
    const login = data.userRows.find((u) => u.id === maria?.userId);
    expect(login?.email).toBe("patient@demo.clinic");
    const active = data.activeToday(maria?.id ?? "");
    expect(active.length).toBeGreaterThanOrEqual(2);
    const kinds = (items: { exerciseId: string }[]) =>
      new Set(items.map((i) => data.kindOf.get(i.exerciseId)));
    const stretchOnly = active.filter((a) => {
      const k = kinds(a.items);
      return k.size === 1 && k.has("stretch");
    });
    const strengthOnly = active.filter((a) => {
      const k = kinds(a.items);
      return k.size === 1 && k.has("strength");
    });
    expect(stretchOnly).toHaveLength(1);
    expect(strengthOnly).toHaveLength(1);
    expect(stretchOnly[0]?.items.length).toBeLessThanOrEqual(6);
    // Her left calf stays at 3: the calf stretches are one-sided.
    expect(stretchOnly[0]?.items.some((i) => i.side === "left")).toBe(true);
  });

  it("gives James Carter one stretch program", () => {
    const james = data.patientRows.find((p) => p.givenName === "James");
    const active = data.activeToday(james?.id ?? "");
    expect(active).toHaveLength(1);
    expect(active[0]?.items.every((i) => data.kindOf.get(i.exerciseId) === "stretch")).toBe(true);
  });

  it("revises at least two programs with a version 2 that changes the dosage", () => {
    const revised = data.versions.filter((v) => v.versionNo === 2);
    const changed = revised.filter((v2) => {
      const v1 = data.versions.find((v) => v.programId === v2.programId && v.versionNo === 1);
      if (!v1) return false;
      const before = data.itemsOf(v1.id);
      const after = data.itemsOf(v2.id);
      // Append-only: version 2 has its own rows.
      expect(after.every((a) => !before.some((b) => b.id === a.id))).toBe(true);
      expect(v2.effectiveFrom > v1.effectiveFrom).toBe(true);
      expect(v2.changeNote).toBeTruthy();
      const dosage = (i: (typeof before)[number]) =>
        [i.exerciseId, i.holdSeconds, i.repetitions, i.sets, i.sessionsPerDay, i.daysPerWeek]
          .map(String)
          .join("|");
      return before.map(dosage).join(";") !== after.map(dosage).join(";");
    });
    expect(changed.length).toBeGreaterThanOrEqual(2);
    const maria = data.patientRows.find((p) => p.givenName === "Maria");
    const mariaPrograms = data.programRows.filter((p) => p.patientId === maria?.id);
    expect(changed.some((v) => mariaPrograms.some((p) => p.id === v.programId))).toBe(true);
  });

  it("records one closed pause", () => {
    const closed = data.pauses.filter((p) => p.resumedOn !== null);
    expect(closed.length).toBeGreaterThanOrEqual(1);
    for (const p of closed) expect((p.resumedOn ?? "") > p.pausedFrom).toBe(true);
  });

  it("keeps every item's dosage to its exercise's kind", () => {
    for (const i of [...data.items, ...data.tItems]) {
      const kind = data.kindOf.get(i.exerciseId);
      if (kind === "stretch") {
        expect(i.holdSeconds).not.toBeNull();
        expect(i.sets).toBeNull();
      } else if (kind === "strength") {
        expect(i.sets).not.toBeNull();
        expect(i.holdSeconds).toBeNull();
      } else {
        expect(kind).toBe("movement");
        expect(i.holdSeconds).toBeNull();
        expect(i.sets).toBeNull();
      }
    }
  });
});
