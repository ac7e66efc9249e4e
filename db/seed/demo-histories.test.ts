import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import {
  assessments,
  clinics,
  intrathecalPumps,
  masScores,
  oralTreatments,
  patients,
  toxinInjections,
} from "@/db/schema";
import { addDays, daysBetween, todayIn } from "@/lib/clinical/dates";
import { isHighGrade, type MasGrade } from "@/lib/clinical/mas";
import { seedDemo } from "./demo";

type Data = Awaited<ReturnType<typeof load>>;
let data: Data;

async function load() {
  const db = await getDb();
  const [clinicRows, patientRows, assessmentRows, scoreRows, orals, toxins, pumps] =
    await Promise.all([
      db.select().from(clinics),
      db.select().from(patients),
      db.select().from(assessments),
      db.select().from(masScores),
      db.select().from(oralTreatments),
      db.select().from(toxinInjections),
      db.select().from(intrathecalPumps),
    ]);
  const superseded = new Set(assessmentRows.map((a) => a.supersedesId).filter(Boolean));
  const effective = assessmentRows.filter((a) => !superseded.has(a.id));
  const todayOf = (clinicId: string) => {
    const clinic = clinicRows.find((c) => c.id === clinicId);
    if (!clinic) throw new Error("no clinic");
    return todayIn(clinic.timeZone);
  };
  const patient = (name: string) => {
    const found = patientRows.find((p) => `${p.givenName} ${p.familyName}` === name);
    if (!found) throw new Error(`no ${name}`);
    return found;
  };
  /** Effective scores of one patient by key ("ankle_plantarflexors:left"), oldest first. */
  const scoresByKey = (patientId: string) => {
    const byKey = new Map<string, { grade: MasGrade; on: string }[]>();
    const mine = effective
      .filter((a) => a.patientId === patientId)
      .sort((a, b) => a.assessedOn.localeCompare(b.assessedOn) || a.seq - b.seq);
    for (const a of mine) {
      for (const s of scoreRows.filter((s) => s.assessmentId === a.id)) {
        const key = `${s.muscleGroup}:${s.side}`;
        byKey.set(key, [...(byKey.get(key) ?? []), { grade: s.grade, on: a.assessedOn }]);
      }
    }
    return byKey;
  };
  return {
    clinicRows,
    patientRows,
    assessmentRows,
    scoreRows,
    effective,
    orals,
    toxins,
    pumps,
    todayOf,
    patient,
    scoresByKey,
  };
}

/** Keys with persistent high tone (CLINICAL.md §5): ≥ 2 latest consecutive 3/4s over ≥ 28 days. */
function persistentHighKeys(byKey: Map<string, { grade: MasGrade; on: string }[]>) {
  const keys: string[] = [];
  for (const [key, list] of byKey) {
    const run: string[] = [];
    for (let i = list.length - 1; i >= 0; i--) {
      const s = list[i];
      if (!s || !isHighGrade(s.grade)) break;
      if (run.length && daysBetween(s.on, run[run.length - 1] as string) > 180) break;
      run.push(s.on);
    }
    if (run.length >= 2 && daysBetween(run[run.length - 1] as string, run[0] as string) >= 28) {
      keys.push(key);
    }
  }
  return keys.sort();
}

beforeAll(async () => {
  await seedDemo(await getDb());
  data = await load();
});

describe("demo histories", () => {
  it("gives every demo patient ≥ 4 assessments over ≥ 180 days, every 4–8 weeks, none in the future", () => {
    expect(data.patientRows).toHaveLength(13);
    for (const p of data.patientRows) {
      const dates = data.effective
        .filter((a) => a.patientId === p.id)
        .map((a) => a.assessedOn)
        .sort();
      const today = data.todayOf(p.clinicId);
      const name = `${p.givenName} ${p.familyName}`;
      expect(dates.length, name).toBeGreaterThanOrEqual(4);
      expect(daysBetween(dates[0] as string, dates.at(-1) as string), name).toBeGreaterThanOrEqual(
        180,
      );
      // The latest is recent: within the last month, and not in the future.
      const sinceLatest = daysBetween(dates.at(-1) as string, today);
      expect(sinceLatest, name).toBeGreaterThanOrEqual(0);
      expect(sinceLatest, name).toBeLessThanOrEqual(31);
      for (let i = 1; i < dates.length; i++) {
        const gap = daysBetween(dates[i - 1] as string, dates[i] as string);
        expect(gap, name).toBeGreaterThanOrEqual(28);
        expect(gap, name).toBeLessThanOrEqual(56);
      }
    }
    for (const row of [...data.orals, ...data.pumps]) {
      expect(row.startedOn <= data.todayOf(row.clinicId)).toBe(true);
    }
    for (const row of data.toxins) {
      expect(row.injectedOn <= data.todayOf(row.clinicId)).toBe(true);
    }
  });

  it("records each assessment with 4–10 scores by the patient's clinic staff", () => {
    for (const a of data.assessmentRows) {
      const n = data.scoreRows.filter((s) => s.assessmentId === a.id).length;
      expect(n).toBeGreaterThanOrEqual(4);
      expect(n).toBeLessThanOrEqual(10);
      const p = data.patientRows.find((x) => x.id === a.patientId);
      expect(a.clinicId).toBe(p?.clinicId);
      if (p?.primaryTherapistId) expect(a.assessorId).toBe(p.primaryTherapistId);
      if (!a.supersedesId) expect(a.rootId).toBe(a.id);
    }
    expect(data.scoreRows.some((s) => s.grade === "1+")).toBe(true);
  });

  it("has exactly one amendment, recorded after its original, which is kept", () => {
    const amended = data.assessmentRows.filter((a) => a.supersedesId !== null);
    expect(amended).toHaveLength(1);
    const [amendment] = amended;
    const original = data.assessmentRows.find((a) => a.id === amendment?.supersedesId);
    expect(original).toBeDefined();
    expect(amendment?.rootId).toBe(original?.id);
    expect(amendment?.amendmentReason).toBeTruthy();
    expect(original?.amendmentReason).toBeNull();
    expect(Number(amendment?.seq)).toBeGreaterThan(Number(original?.seq));
    expect(amendment?.assessedOn).toBe(original?.assessedOn);
  });

  it("has a toxin, an oral baclofen and a pump history", () => {
    const perKey = new Map<string, Set<string>>();
    for (const t of data.toxins) {
      const key = `${t.patientId}:${t.muscleGroup}:${t.side}`;
      perKey.set(key, (perKey.get(key) ?? new Set()).add(t.injectedOn));
    }
    expect([...perKey.values()].some((dates) => dates.size >= 2)).toBe(true);

    const active = (r: { startedOn: string; stoppedOn: string | null; clinicId: string }) =>
      r.startedOn <= data.todayOf(r.clinicId) && r.stoppedOn === null;
    const baclofen = data.orals.filter((o) => o.drug === "baclofen" && active(o));
    expect(baclofen).toHaveLength(1);
    expect(baclofen[0]?.dose).toMatch(/mg/);
    expect(data.pumps.filter(active)).toHaveLength(1);
  });

  it("sets up the escalation situations of CLINICAL.md §5 in the demo clinic", () => {
    const maria = data.patient("Maria Lopez");
    expect(persistentHighKeys(data.scoresByKey(maria.id))).toEqual(["ankle_plantarflexors:left"]);
    expect(data.toxins.some((t) => t.patientId === maria.id)).toBe(false);

    const aisha = data.patient("Aisha Bello");
    expect(persistentHighKeys(data.scoresByKey(aisha.id)).length).toBeGreaterThanOrEqual(3);
    expect(data.orals.some((o) => o.patientId === aisha.id)).toBe(false);
    expect(data.pumps.some((o) => o.patientId === aisha.id)).toBe(false);

    // Toxin-refractory: two injections into the right calf, all scores 28–84 days after each high.
    const david = data.patient("David Kim");
    const davidCalf = data.scoresByKey(david.id).get("ankle_plantarflexors:right") ?? [];
    const injections = data.toxins.filter(
      (t) => t.patientId === david.id && t.muscleGroup === "ankle_plantarflexors",
    );
    expect(injections).toHaveLength(2);
    for (const t of injections) {
      const window = davidCalf.filter(
        (s) => s.on >= addDays(t.injectedOn, 28) && s.on <= addDays(t.injectedOn, 84),
      );
      expect(window.length).toBeGreaterThan(0);
      expect(window.every((s) => isHighGrade(s.grade))).toBe(true);
    }
    expect(persistentHighKeys(data.scoresByKey(david.id))).toEqual(["ankle_plantarflexors:right"]);

    // Reassess after Botox: a recent injection into a persistently high key.
    const rahul = data.patient("Rahul Mehta");
    expect(persistentHighKeys(data.scoresByKey(rahul.id))).toEqual(["knee_flexors:right"]);
    const rahulToxin = data.toxins.find((t) => t.patientId === rahul.id);
    expect(
      daysBetween(rahulToxin?.injectedOn as string, data.todayOf(rahul.clinicId)),
    ).toBeLessThan(84);

    // MAS 4 review: some key's latest grade is 4.
    const demoClinic = data.clinicRows.find((c) => c.name === "Demo Clinic");
    const demoPatients = data.patientRows.filter((p) => p.clinicId === demoClinic?.id);
    const latestFours = demoPatients.flatMap((p) =>
      [...data.scoresByKey(p.id).values()].filter((list) => list.at(-1)?.grade === "4"),
    );
    expect(latestFours.length).toBeGreaterThan(0);

    // Neuro review: fasciculations and wasting on the latest assessment.
    const grace = data.patient("Grace O'Neill");
    const latest = data.effective
      .filter((a) => a.patientId === grace.id)
      .sort((a, b) => a.assessedOn.localeCompare(b.assessedOn))
      .at(-1);
    expect(latest?.fasciculations).toBe(true);
    expect(latest?.wasting).toBe(true);
  });
});
