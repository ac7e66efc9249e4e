import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import {
  clinics,
  dailyLogs,
  logItems,
  logReviews,
  patients,
  programItems,
  programPauses,
  programs,
  programVersions,
  users,
} from "@/db/schema";
import { addDays, daysBetween, todayIn } from "@/lib/clinical/dates";
import { isProgramActiveOn, versionInForce } from "@/lib/clinical/program-schedule";
import { seedDemo } from "./demo";
import { buildDemoLogs, type LogProgram } from "./demo-logs";

type Data = Awaited<ReturnType<typeof load>>;
let data: Data;

async function load() {
  const db = await getDb();
  const [clinicRows, patientRows, userRows, programRows, versions, items, pauses, logs, lItems] =
    await Promise.all([
      db.select().from(clinics),
      db.select().from(patients),
      db.select().from(users),
      db.select().from(programs),
      db.select().from(programVersions),
      db.select().from(programItems),
      db.select().from(programPauses),
      db.select().from(dailyLogs),
      db.select().from(logItems),
    ]);
  const reviews = await db.select().from(logReviews);
  const todayOf = (clinicId: string) => {
    const clinic = clinicRows.find((c) => c.id === clinicId);
    if (!clinic) throw new Error("no clinic");
    return todayIn(clinic.timeZone);
  };
  const patient = (given: string) => {
    const found = patientRows.find((p) => p.givenName === given);
    if (!found) throw new Error(`no ${given}`);
    return found;
  };
  const logsOf = (patientId: string) =>
    logs
      .filter((l) => l.patientId === patientId)
      .sort((a, b) => a.logDate.localeCompare(b.logDate));
  /** The items to be done by the patient on `day`, recomputed from the program tables (§6). */
  const activeItems = (patientId: string, day: string) =>
    programRows
      .filter((p) => p.patientId === patientId)
      .filter((p) =>
        isProgramActiveOn(
          p,
          pauses.filter((x) => x.programId === p.id),
          day,
        ),
      )
      .flatMap((p) => {
        const version = versionInForce(
          versions.filter((v) => v.programId === p.id),
          day,
        );
        return version ? items.filter((i) => i.versionId === version.id) : [];
      });
  return {
    clinicRows,
    patientRows,
    userRows,
    programRows,
    versions,
    items,
    pauses,
    logs,
    lItems,
    reviews,
    todayOf,
    patient,
    logsOf,
    activeItems,
  };
}

beforeAll(async () => {
  await seedDemo(await getDb());
  data = await load();
});

describe("demo logs", () => {
  it("keeps the row counts reasonable and every log in the past, up to yesterday", () => {
    expect(data.logs.length).toBeGreaterThan(300);
    expect(data.logs.length).toBeLessThan(3000);
    expect(data.lItems.length).toBeLessThan(15000);
    for (const log of data.logs) {
      const today = data.todayOf(log.clinicId);
      expect(log.logDate < today, `${log.logDate} vs ${today}`).toBe(true);
      expect(daysBetween(log.logDate, today)).toBeLessThanOrEqual(110);
      const patient = data.patientRows.find((p) => p.id === log.patientId);
      expect(patient?.clinicId).toBe(log.clinicId);
    }
  });

  it("gives every demo patient logs, the Other Clinic's a few weeks", () => {
    for (const p of data.patientRows) {
      const mine = data.logsOf(p.id);
      const name = `${p.givenName} ${p.familyName}`;
      expect(mine.length, name).toBeGreaterThanOrEqual(7);
      const clinic = data.clinicRows.find((c) => c.id === p.clinicId);
      if (clinic?.name === "Other Clinic") {
        const today = data.todayOf(p.clinicId);
        expect(
          mine.every((l) => daysBetween(l.logDate, today) <= 28),
          name,
        ).toBe(true);
      }
    }
  });

  it("logs exactly the program items active on each log's date, within their sessions", () => {
    const itemById = new Map(data.items.map((i) => [i.id, i]));
    const itemsByLog = new Map<string, typeof data.lItems>();
    for (const li of data.lItems) {
      itemsByLog.set(li.logId, [...(itemsByLog.get(li.logId) ?? []), li]);
    }
    expect(data.lItems.every((li) => data.logs.some((l) => l.id === li.logId))).toBe(true);
    for (const log of data.logs) {
      const active = data.activeItems(log.patientId, log.logDate);
      const logged = itemsByLog.get(log.id) ?? [];
      expect(logged.map((li) => li.programItemId).sort(), log.logDate).toEqual(
        active.map((i) => i.id).sort(),
      );
      for (const li of logged) {
        const item = itemById.get(li.programItemId);
        expect(item).toBeDefined();
        expect(li.sessionsDone).toBeGreaterThanOrEqual(0);
        expect(li.sessionsDone).toBeLessThanOrEqual(item?.sessionsPerDay ?? 0);
      }
    }
  });

  it("logs nothing for Sofia's items while her program is paused", () => {
    const sofia = data.patient("Sofia");
    const program = data.programRows.find((p) => p.patientId === sofia.id);
    const pause = data.pauses.find((x) => x.programId === program?.id);
    expect(pause).toBeDefined();
    const during = data
      .logsOf(sofia.id)
      .filter(
        (l) => l.logDate >= (pause?.pausedFrom ?? "") && l.logDate < (pause?.resumedOn ?? ""),
      );
    for (const log of during) expect(data.lItems.filter((li) => li.logId === log.id)).toEqual([]);
    expect(data.logsOf(sofia.id).some((l) => l.triggers.includes("relapse"))).toBe(true);
  });

  it("keeps values in range, Penn severity only with a frequency", () => {
    for (const log of data.logs) {
      expect(log.spasticityNrs).toBeGreaterThanOrEqual(0);
      expect(log.spasticityNrs).toBeLessThanOrEqual(10);
      expect(log.pain).toBeGreaterThanOrEqual(0);
      expect(log.pain).toBeLessThanOrEqual(10);
      expect(log.pennFrequency).toBeGreaterThanOrEqual(0);
      expect(log.pennFrequency).toBeLessThanOrEqual(4);
      if ((log.pennFrequency ?? 0) > 0) {
        expect(log.pennSeverity).toBeGreaterThanOrEqual(1);
        expect(log.pennSeverity).toBeLessThanOrEqual(3);
      } else {
        expect(log.pennSeverity).toBeNull();
      }
      expect(log.waterGlasses).toBeGreaterThanOrEqual(0);
      expect(log.waterGlasses).toBeLessThanOrEqual(40);
      expect((log.note ?? "").length).toBeLessThanOrEqual(2000);
    }
  });

  it("refuses a Penn severity without a frequency", async () => {
    const db = await getDb();
    const maria = data.patient("Maria");
    await expect(
      db.insert(dailyLogs).values({
        clinicId: maria.clinicId,
        patientId: maria.id,
        logDate: "2000-01-01",
        pennFrequency: 0,
        pennSeverity: 1,
      }),
    ).rejects.toThrow();
  });

  it("shows Maria adherent: ≥ 60 days over ≥ 60 days, nearly all sessions, NRS 4–6 easing", () => {
    const maria = data.patient("Maria");
    const today = data.todayOf(maria.clinicId);
    const logs = data.logsOf(maria.id);
    const days = new Set(logs.map((l) => l.logDate));
    expect(days.size).toBeGreaterThanOrEqual(60);
    const first = logs[0]?.logDate ?? today;
    const last = logs.at(-1)?.logDate ?? first;
    expect(daysBetween(first, last)).toBeGreaterThanOrEqual(60);
    expect(days.size / (daysBetween(first, today) - 0)).toBeGreaterThan(0.8);
    expect(logs.every((l) => (l.spasticityNrs ?? 0) >= 4 && (l.spasticityNrs ?? 0) <= 6)).toBe(
      true,
    );
    const mean = (list: typeof logs) =>
      list.reduce((s, l) => s + (l.spasticityNrs ?? 0), 0) / Math.max(1, list.length);
    expect(mean(logs.slice(-20))).toBeLessThan(mean(logs.slice(0, 20)));
    expect(logs.every((l) => (l.waterGlasses ?? 0) >= 5 && (l.waterGlasses ?? 0) <= 8)).toBe(true);

    // Daily stretches: nearly every session done on the days she logged.
    const ids = new Set(logs.map((l) => l.id));
    const itemById = new Map(data.items.map((i) => [i.id, i]));
    const mine = data.lItems.filter((li) => ids.has(li.logId));
    const daily = mine.filter((li) => itemById.get(li.programItemId)?.daysPerWeek === 7);
    const done = daily.reduce((s, li) => s + li.sessionsDone, 0);
    const prescribed = daily.reduce(
      (s, li) => s + (itemById.get(li.programItemId)?.sessionsPerDay ?? 0),
      0,
    );
    expect(done / prescribed).toBeGreaterThan(0.85);

    // Strength three days a week: done on about 3 of 7 days.
    const strength = mine.filter((li) => itemById.get(li.programItemId)?.daysPerWeek === 3);
    expect(strength.length).toBeGreaterThan(0);
    const doneShare = strength.filter((li) => li.sessionsDone > 0).length / strength.length;
    expect(doneShare).toBeGreaterThan(0.3);
    expect(doneShare).toBeLessThan(0.55);
  });

  it("shows James lapsing: ≥ 20 logs, fading, none in the last 8 days", () => {
    const james = data.patient("James");
    const today = data.todayOf(james.clinicId);
    const logs = data.logsOf(james.id);
    expect(logs.length).toBeGreaterThanOrEqual(20);
    expect(logs.filter((l) => l.logDate >= addDays(today, -8))).toEqual([]);
    const start = data.programRows.find((p) => p.patientId === james.id)?.startDate ?? today;
    const early = logs.filter((l) => daysBetween(start, l.logDate) < 35).length;
    const late = logs.filter((l) => daysBetween(start, l.logDate) >= 35).length;
    expect(early).toBeGreaterThanOrEqual(25);
    expect(late).toBeLessThan(early);
  });

  it("shows Aisha's urinary infection symptoms 3–6 days ago, with a fever once", () => {
    const aisha = data.patient("Aisha");
    const today = data.todayOf(aisha.clinicId);
    const recent = data.logsOf(aisha.id).filter((l) => l.logDate >= addDays(today, -14));
    const uti = recent.filter((l) => l.triggers.includes("uti"));
    expect(uti.length).toBeGreaterThanOrEqual(1);
    for (const l of uti) {
      const ago = daysBetween(l.logDate, today);
      expect(ago).toBeGreaterThanOrEqual(3);
      expect(ago).toBeLessThanOrEqual(6);
      expect(l.spasticityNrs).toBeGreaterThanOrEqual(7);
    }
    expect(uti.some((l) => l.triggers.includes("infection"))).toBe(true);
    expect(uti.some((l) => l.note?.includes("Burning when I pee"))).toBe(true);
  });

  it("shows Grace's twitching with new weakness (and wasting once) within 3 weeks", () => {
    const grace = data.patient("Grace");
    const today = data.todayOf(grace.clinicId);
    const recent = data.logsOf(grace.id).filter((l) => l.logDate >= addDays(today, -90));
    const signs = recent.filter((l) => l.symptoms.includes("twitching") && l.newWeakness);
    expect(signs.length).toBeGreaterThanOrEqual(2);
    expect(signs.every((l) => l.logDate >= addDays(today, -21))).toBe(true);
    expect(
      recent.some((l) => l.wasting && l.note === "Left calf looks thinner, twitches at night"),
    ).toBe(true);
  });

  it("keeps neuro signs and escalation triggers to the scripted stories", () => {
    const scripted = new Set(["Aisha", "Grace", "Sofia"]);
    for (const log of data.logs) {
      const given = data.patientRows.find((p) => p.id === log.patientId)?.givenName ?? "";
      if (scripted.has(given)) continue;
      expect(log.symptoms).not.toContain("twitching");
      expect(log.newWeakness).toBe(false);
      expect(log.wasting).toBe(false);
      expect(
        log.triggers.filter((t) =>
          ["uti", "infection", "relapse", "pressure_sore", "constipation"].includes(t),
        ),
      ).toEqual([]);
    }
  });

  it("records Maria's therapist's reviews, the latest about 10 days ago", () => {
    const maria = data.patient("Maria");
    const today = data.todayOf(maria.clinicId);
    const mine = data.reviews
      .filter((r) => r.patientId === maria.id)
      .sort((a, b) => a.reviewedThrough.localeCompare(b.reviewedThrough));
    expect(mine.length).toBeGreaterThanOrEqual(1);
    expect(mine.length).toBeLessThanOrEqual(2);
    const latest = mine.at(-1);
    expect(daysBetween(latest?.reviewedThrough ?? today, today)).toBe(10);
    expect(latest?.note).toBe("Great consistency — keep the calf holds long.");
    expect(latest?.reviewedBy).toBe(maria.primaryTherapistId);
    expect(data.userRows.find((u) => u.id === latest?.reviewedBy)?.role).toBe("therapist");
    expect((latest?.createdAt ?? new Date()).getTime()).toBeLessThan(Date.now());
  });

  it("tells the same story every time (seeded, relative to today)", () => {
    const ctx = {
      clinics: data.clinicRows,
      patients: data.patientRows,
      staff: data.userRows,
    };
    const programList: LogProgram[] = data.programRows.map((p) => ({
      ...p,
      versions: data.versions
        .filter((v) => v.programId === p.id)
        .map((v) => ({
          ...v,
          items: data.items
            .filter((i) => i.versionId === v.id)
            .sort((a, b) => a.position - b.position),
        })),
      pauses: data.pauses.filter((x) => x.programId === p.id),
    }));
    const strip = (rows: ReturnType<typeof buildDemoLogs>) =>
      rows.logs.map(({ id: _id, ...rest }) => rest);
    const a = buildDemoLogs(ctx, programList);
    const b = buildDemoLogs(ctx, programList);
    expect(strip(a)).toEqual(strip(b));
    expect(a.items.map((i) => i.sessionsDone)).toEqual(b.items.map((i) => i.sessionsDone));
    // And the same as what the seed stored.
    const stored = (given: string) =>
      data.logsOf(data.patient(given).id).map((l) => [l.logDate, l.spasticityNrs, l.pennFrequency]);
    const built = (given: string) =>
      a.logs
        .filter((l) => l.patientId === data.patient(given).id)
        .map((l) => [l.logDate, l.spasticityNrs, l.pennFrequency]);
    expect(built("Maria")).toEqual(stored("Maria"));
  });
});
