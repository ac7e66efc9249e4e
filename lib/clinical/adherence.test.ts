import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type AdherenceItem,
  type AdherenceLog,
  type AdherenceProgram,
  adherence,
  dailyAdherence,
  formatAdherence,
  windowDays,
} from "./adherence";
import { addDays } from "./dates";

// The standard window in these tests: the 7 days 2026-02-01 … 2026-02-07 (yesterday = 02-07).
const YESTERDAY = "2026-02-07";
const FEB = (d: number) => `2026-02-${String(d).padStart(2, "0")}`;

const item = (id: string, sessionsPerDay: number, daysPerWeek: number): AdherenceItem => ({
  id,
  sessionsPerDay,
  daysPerWeek,
});

/** A program running all of January–March with a single version (unless overridden). */
function program(items: AdherenceItem[], over: Partial<AdherenceProgram> = {}): AdherenceProgram {
  return {
    startDate: "2026-01-01",
    endDate: "2026-03-31",
    endedOn: null,
    pauses: [],
    versions: [{ versionNo: 1, effectiveFrom: "2026-01-01", items }],
    ...over,
  };
}

/** One log per listed day, each with `sessions` of `itemId`. */
const logsOn = (itemId: string, days: number[], sessions = 1): AdherenceLog[] =>
  days.map((d) => ({ date: FEB(d), items: [{ itemId, sessionsDone: sessions }] }));

const ALL_WEEK = [1, 2, 3, 4, 5, 6, 7];

describe("adherence (CLINICAL §6)", () => {
  it("a 3-days-a-week item done on 3 of 7 days is 100 %; doing it every day is still 100 %", () => {
    const p = [program([item("a", 1, 3)])];
    // P = 1 × 3 × 7 ÷ 7 = 3; D = 3 → 3 ÷ 3.
    const r = adherence(p, logsOn("a", [1, 3, 5]), YESTERDAY, 7);
    expect(r).toEqual({ ratio: 1, prescribed: 3, done: 3 });
    expect(formatAdherence(r)).toBe("100 %");
    // D = 7 but min(7, 3) = 3 → capped at 100 %, never more.
    expect(adherence(p, logsOn("a", ALL_WEEK), YESTERDAY, 7)).toEqual({
      ratio: 1,
      prescribed: 3,
      done: 3,
    });
  });

  it("fewer sessions than prescribed gives the exact fraction", () => {
    // 2 sessions × 5 days/week over 14 days: P = 2 × 5 × 14 ÷ 7 = 20; D = 13 → 65 %.
    const logs: AdherenceLog[] = [
      ...logsOn("a", [1, 2, 3, 4, 5, 6], 2), // 12
      { date: "2026-01-28", items: [{ itemId: "a", sessionsDone: 1 }] }, // 1 (inside the 14 days)
    ];
    const r = adherence([program([item("a", 2, 5)])], logs, YESTERDAY, 14);
    expect(r).toEqual({ ratio: 13 / 20, prescribed: 20, done: 13 });
    expect(formatAdherence(r)).toBe("65 %");

    // Fractional prescription: 1 × 3 days/week over 10 days: P = 30/7; D = 2 → 2 ÷ 30/7 = 7/15.
    const f = adherence([program([item("a", 1, 3)])], logsOn("a", [2, 6]), YESTERDAY, 10);
    expect(f.prescribed).toBeCloseTo(30 / 7, 12);
    expect(f.done).toBe(2);
    expect(f.ratio).toBeCloseTo(7 / 15, 12);
    expect(formatAdherence(f)).toBe("47 %"); // 46.67 → 47
  });

  it("counts only the days a program has started", () => {
    // Starts 02-05: active 05, 06, 07 → A = 3, P = 1 × 7 × 3 ÷ 7 = 3.
    // Logs on 01–04 (before the start) don't count; 05 and 06 do → 2 ÷ 3.
    const p = [program([item("a", 1, 7)], { startDate: "2026-02-05" })];
    const r = adherence(p, logsOn("a", [1, 2, 3, 4, 5, 6]), YESTERDAY, 7);
    expect(r.prescribed).toBe(3);
    expect(r.done).toBe(2);
    expect(r.ratio).toBeCloseTo(2 / 3, 12);
  });

  it("counts only the days up to the program's planned end", () => {
    // endDate 02-03 (inclusive): A = 3 (01, 02, 03), P = 3.
    const p = [program([item("a", 1, 7)], { endDate: "2026-02-03" })];
    expect(adherence(p, logsOn("a", ALL_WEEK), YESTERDAY, 7)).toEqual({
      ratio: 1,
      prescribed: 3,
      done: 3,
    });
    // Sessions logged after the end don't count: 0 ÷ 3 = 0 %, which is not "no data".
    const after = adherence(p, logsOn("a", [4, 5, 6, 7]), YESTERDAY, 7);
    expect(after).toEqual({ ratio: 0, prescribed: 3, done: 0 });
    expect(formatAdherence(after)).toBe("0 %");
  });

  it("counts only the days up to the day a program was ended early", () => {
    // endedOn 02-02 before endDate 03-31: A = 2 (01, 02), P = 2; logged only on 01 → 1 ÷ 2.
    const p = [program([item("a", 1, 7)], { endedOn: "2026-02-02" })];
    expect(adherence(p, logsOn("a", [1, 3, 4]), YESTERDAY, 7)).toEqual({
      ratio: 0.5,
      prescribed: 2,
      done: 1,
    });
  });

  it("a pause covers its first day up to the day before it resumes", () => {
    // Paused 02-03, resumed 02-05 → not active on 03 and 04; A = 5, P = 5.
    // Logged on 01, 03, 04: only 01 counts → 1 ÷ 5 = 20 %.
    const p = [program([item("a", 1, 7)], { pauses: [{ pausedFrom: FEB(3), resumedOn: FEB(5) }] })];
    const r = adherence(p, logsOn("a", [1, 3, 4]), YESTERDAY, 7);
    expect(r).toEqual({ ratio: 0.2, prescribed: 5, done: 1 });
    // Logged on every active day (01, 02, 05, 06, 07) → 100 %.
    expect(adherence(p, logsOn("a", [1, 2, 5, 6, 7]), YESTERDAY, 7).ratio).toBe(1);
  });

  it("an open pause stops the prescription from its first day on", () => {
    // Paused from 02-06, not resumed: active 01–05 → A = 5, P = 5; logs on 06, 07 ignored.
    const p = [program([item("a", 1, 7)], { pauses: [{ pausedFrom: FEB(6), resumedOn: null }] })];
    expect(adherence(p, logsOn("a", ALL_WEEK), YESTERDAY, 7)).toEqual({
      ratio: 1,
      prescribed: 5,
      done: 5,
    });
  });

  it("a new version replaces the previous version's items from its effective date", () => {
    // v1 (item a: 1 × 7/wk) in force 01–03 → P_a = 3; v2 (item b: 2 × 7/wk) from 02-04 → A_b = 4, P_b = 8.
    const p = [
      program([], {
        versions: [
          { versionNo: 1, effectiveFrom: "2026-01-01", items: [item("a", 1, 7)] },
          { versionNo: 2, effectiveFrom: FEB(4), items: [item("b", 2, 7)] },
        ],
      }),
    ];
    // a logged on 01 and on 04–07 (after v2 took over: those don't count) → D_a = 1, min(1, 3) = 1.
    // b logged 2 a day on 04–07 → D_b = 8, min(8, 8) = 8.   (1 + 8) ÷ (3 + 8) = 9/11.
    const logs = [...logsOn("a", [1, 4, 5, 6, 7]), ...logsOn("b", [4, 5, 6, 7], 2)];
    const r = adherence(p, logs, YESTERDAY, 7);
    expect(r.prescribed).toBe(11);
    expect(r.done).toBe(9);
    expect(r.ratio).toBeCloseTo(9 / 11, 12);
    expect(formatAdherence(r)).toBe("82 %");
  });

  it("with two versions on the same date the higher version number is in force", () => {
    const versions = [
      { versionNo: 2, effectiveFrom: "2026-01-01", items: [item("b", 1, 7)] },
      { versionNo: 1, effectiveFrom: "2026-01-01", items: [item("a", 1, 7)] },
    ];
    // Only b (P = 7) is prescribed; the sessions logged for a count for nothing → 0 ÷ 7.
    const logs = logsOn("a", ALL_WEEK);
    const expected = { ratio: 0, prescribed: 7, done: 0 };
    expect(adherence([program([], { versions })], logs, YESTERDAY, 7)).toEqual(expected);
    const reversed = [...versions].reverse();
    expect(adherence([program([], { versions: reversed })], logs, YESTERDAY, 7)).toEqual(expected);
  });

  it("a day with no log (or an empty log, or 0 sessions) adds nothing done", () => {
    // Daily item, P = 7. Logged 1 on 01 and 02; 03 has an empty log; 04 logs 0; 05–07 nothing → 2/7.
    const logs: AdherenceLog[] = [
      ...logsOn("a", [1, 2]),
      { date: FEB(3), items: [] },
      { date: FEB(4), items: [{ itemId: "a", sessionsDone: 0 }] },
    ];
    const r = adherence([program([item("a", 1, 7)])], logs, YESTERDAY, 7);
    expect(r.prescribed).toBe(7);
    expect(r.done).toBe(2);
    expect(r.ratio).toBeCloseTo(2 / 7, 12);
    expect(formatAdherence(r)).toBe("29 %"); // 28.57 → 29
  });

  it("extra sessions of one item never hide skipped sessions of another", () => {
    // A and B both 1 × 7/wk: P_A = P_B = 7. A done 3 a day (21), B never.
    // min(21, 7) + min(0, 7) = 7; 7 ÷ 14 = 50 % (not 21 ÷ 14 capped to 100 %).
    const p = [program([item("A", 1, 7), item("B", 1, 7)])];
    const r = adherence(p, logsOn("A", ALL_WEEK, 3), YESTERDAY, 7);
    expect(r).toEqual({ ratio: 0.5, prescribed: 14, done: 7 });
    expect(r.ratio).toBeLessThan(1);
  });

  it("items of two programs active at once are all counted", () => {
    // Program 1: a 1 × 7/wk (P = 7), done every day; program 2: c 1 × 7/wk (P = 7), done 3 days → 10/14.
    const p = [program([item("a", 1, 7)]), program([item("c", 1, 7)])];
    const logs = [...logsOn("a", ALL_WEEK), ...logsOn("c", [1, 2, 3])];
    const r = adherence(p, logs, YESTERDAY, 7);
    expect(r).toEqual({ ratio: 10 / 14, prescribed: 14, done: 10 });
    expect(formatAdherence(r)).toBe("71 %");
  });

  it('no prescription in the window is "no data", not 0 % or 100 %', () => {
    const logs = logsOn("a", ALL_WEEK);
    const none = { ratio: null, prescribed: 0, done: 0 };
    // No programs at all.
    expect(adherence([], logs, YESTERDAY, 7)).toEqual(none);
    // The program starts the day after the window (i.e. today).
    expect(
      adherence([program([item("a", 1, 7)], { startDate: FEB(8) })], logs, YESTERDAY, 7),
    ).toEqual(none);
    // The program was paused throughout the window.
    const paused = program([item("a", 1, 7)], {
      pauses: [{ pausedFrom: "2026-01-20", resumedOn: null }],
    });
    expect(adherence([paused], logs, YESTERDAY, 7)).toEqual(none);
    // The program ended before the window.
    expect(
      adherence([program([item("a", 1, 7)], { endedOn: "2026-01-31" })], logs, YESTERDAY, 7),
    ).toEqual(none);
    // An empty window.
    expect(adherence([program([item("a", 1, 7)])], logs, YESTERDAY, 0)).toEqual(none);
    expect(formatAdherence(none)).toBe("no data");
  });

  it("the window is exactly the n days ending the given last day", () => {
    expect(windowDays(YESTERDAY, 7)).toEqual(ALL_WEEK.map(FEB));
    expect(windowDays(YESTERDAY, 28)).toHaveLength(28);
    expect(windowDays(YESTERDAY, 28)[0]).toBe("2026-01-11");
    // Daily item, P = 7. Logs on 01-31 (lastDay − 7) and 02-08 (today) are outside; 01 and 07 count → 2/7.
    const logs: AdherenceLog[] = [
      { date: "2026-01-31", items: [{ itemId: "a", sessionsDone: 1 }] },
      { date: FEB(8), items: [{ itemId: "a", sessionsDone: 5 }] },
      ...logsOn("a", [1, 7]),
    ];
    const r = adherence([program([item("a", 1, 7)])], logs, YESTERDAY, 7);
    expect(r.prescribed).toBe(7);
    expect(r.done).toBe(2);
    // The same logs over 8 days take in 01-31 as well: 3/8.
    expect(adherence([program([item("a", 1, 7)])], logs, YESTERDAY, 8).ratio).toBe(3 / 8);
  });

  it("calls with other windows in between each get their own window (the last one is reused)", () => {
    // Daily item, logged 02-01 … 02-07 only.
    const programs = [program([item("a", 1, 7)])];
    const logs = logsOn("a", ALL_WEEK);
    const calls: [string, number, number][] = [
      [YESTERDAY, 7, 1],
      [YESTERDAY, 7, 1],
      [FEB(3), 7, 3 / 7],
      [YESTERDAY, 14, 0.5],
      [FEB(3), 7, 3 / 7],
      [YESTERDAY, 7, 1],
    ];
    for (const [lastDay, days, ratio] of calls)
      expect(adherence(programs, logs, lastDay, days).ratio, `${lastDay}/${days}`).toBe(ratio);
  });

  it("14- and 28-day windows straddling a month end", () => {
    // Daily item all along; over 28 days (01-11 … 02-07) logged only in February (7) → 7/28 = 25 %.
    const r = adherence([program([item("a", 1, 7)])], logsOn("a", ALL_WEEK), YESTERDAY, 28);
    expect(r).toEqual({ ratio: 0.25, prescribed: 28, done: 7 });
    expect(
      adherence([program([item("a", 1, 7)])], logsOn("a", ALL_WEEK), YESTERDAY, 14).ratio,
    ).toBe(0.5);
  });
});

describe("dailyAdherence", () => {
  it("returns n days, oldest first, null on days nothing was prescribed", () => {
    // 1 × 3/wk item; program starts 02-03; paused on 02-05 (resumed 02-06).
    // Each day: P = 3/7; a logged session gives min(1, 3/7) ÷ 3/7 = 1, none gives 0.
    const p = [
      program([item("a", 1, 3)], {
        startDate: FEB(3),
        pauses: [{ pausedFrom: FEB(5), resumedOn: FEB(6) }],
      }),
    ];
    const logs = logsOn("a", [1, 3, 5, 6]); // 01 (not started) and 05 (paused) count for nothing
    expect(dailyAdherence(p, logs, YESTERDAY, 7)).toEqual([
      { date: FEB(1), ratio: null },
      { date: FEB(2), ratio: null },
      { date: FEB(3), ratio: 1 },
      { date: FEB(4), ratio: 0 },
      { date: FEB(5), ratio: null },
      { date: FEB(6), ratio: 1 },
      { date: FEB(7), ratio: 0 },
    ]);
  });

  it("applies the per-item cap on each day", () => {
    // A and B 1 × 7/wk: each day P_A = P_B = 1. On 07 A done 2, B done 0 → 1 ÷ 2.
    const p = [program([item("A", 1, 7), item("B", 1, 7)])];
    expect(dailyAdherence(p, logsOn("A", [7], 2), YESTERDAY, 1)).toEqual([
      { date: FEB(7), ratio: 0.5 },
    ]);
    expect(dailyAdherence(p, [], YESTERDAY, 0)).toEqual([]);
  });
});

describe("formatAdherence", () => {
  it("rounds half up to a whole percent", () => {
    expect(formatAdherence({ ratio: 0.825 })).toBe("83 %");
    expect(formatAdherence({ ratio: 0.145 })).toBe("15 %"); // 0.145 × 100 = 14.4999… in binary
    expect(formatAdherence({ ratio: 0.8249 })).toBe("82 %");
    expect(formatAdherence({ ratio: 2 / 3 })).toBe("67 %");
    expect(formatAdherence({ ratio: 0.995 })).toBe("100 %");
    expect(formatAdherence({ ratio: 1 })).toBe("100 %");
    expect(formatAdherence({ ratio: 0 })).toBe("0 %");
    expect(formatAdherence({ ratio: null })).toBe("no data");
  });
});

// ---------------------------------------------------------------------------------------------
// Properties over random programs and logs around the standard window.

const BASE = "2026-01-20"; // random dates are BASE + 0…27, the window is 02-01 … 02-07 or wider
const dateArb = fc.integer({ min: 0, max: 27 }).map((k) => addDays(BASE, k));
const ITEM_IDS = ["0.1.0", "0.1.1", "0.2.0", "1.1.0", "1.2.0", "1.2.1", "unknown"];

const programArb = (p: number): fc.Arbitrary<AdherenceProgram> =>
  fc
    .record({
      start: fc.integer({ min: 0, max: 20 }),
      length: fc.integer({ min: 1, max: 28 }),
      endedAfter: fc.option(fc.integer({ min: 0, max: 28 }), { nil: null }),
      pauses: fc.array(
        fc.record({
          from: dateArb,
          resumeAfter: fc.option(fc.integer({ min: 1, max: 10 }), { nil: null }),
        }),
        { maxLength: 2 },
      ),
      versions: fc.array(
        fc.record({
          from: dateArb,
          items: fc.array(
            fc.record({
              sessionsPerDay: fc.integer({ min: 1, max: 4 }),
              daysPerWeek: fc.integer({ min: 1, max: 7 }),
            }),
            { minLength: 1, maxLength: 2 },
          ),
        }),
        { minLength: 1, maxLength: 2 },
      ),
    })
    .map(({ start, length, endedAfter, pauses, versions }) => {
      const startDate = addDays(BASE, start);
      return {
        startDate,
        endDate: addDays(startDate, length - 1),
        endedOn: endedAfter === null ? null : addDays(startDate, endedAfter),
        pauses: pauses.map(({ from, resumeAfter }) => ({
          pausedFrom: from,
          resumedOn: resumeAfter === null ? null : addDays(from, resumeAfter),
        })),
        versions: versions.map((v, i) => ({
          versionNo: i + 1,
          effectiveFrom: v.from,
          items: v.items.map((it, k) => ({ id: `${p}.${i + 1}.${k}`, ...it })),
        })),
      };
    });

const programsArb = fc
  .tuple(fc.option(programArb(0), { nil: null }), programArb(1))
  .map(([a, b]) => (a ? [a, b] : [b]));
const logArb: fc.Arbitrary<AdherenceLog> = fc.record({
  date: dateArb,
  items: fc.array(
    fc.record({
      itemId: fc.constantFrom(...ITEM_IDS),
      sessionsDone: fc.integer({ min: 0, max: 5 }),
    }),
    { maxLength: 4 },
  ),
});
const logsArb = fc.array(logArb, { maxLength: 25 });
const daysArb = fc.constantFrom(1, 7, 14, 28);

describe("adherence properties", () => {
  it("ratio is null exactly when nothing is prescribed, otherwise within [0, 1]", () => {
    fc.assert(
      fc.property(programsArb, logsArb, daysArb, (programs, logs, days) => {
        const r = adherence(programs, logs, YESTERDAY, days);
        if (r.prescribed === 0) {
          expect(r.ratio).toBeNull();
          expect(r.done).toBe(0);
        } else {
          expect(r.ratio).not.toBeNull();
          expect(r.ratio).toBeGreaterThanOrEqual(0);
          expect(r.ratio).toBeLessThanOrEqual(1);
          expect(r.done).toBeLessThanOrEqual(r.prescribed);
        }
        for (const d of dailyAdherence(programs, logs, YESTERDAY, days)) {
          if (d.ratio !== null) {
            expect(d.ratio).toBeGreaterThanOrEqual(0);
            expect(d.ratio).toBeLessThanOrEqual(1);
          }
        }
      }),
    );
  });

  it("adding sessions never decreases adherence", () => {
    fc.assert(
      fc.property(programsArb, logsArb, logArb, daysArb, (programs, logs, extra, days) => {
        const before = adherence(programs, logs, YESTERDAY, days);
        const after = adherence(programs, [...logs, extra], YESTERDAY, days);
        expect(after.prescribed).toBe(before.prescribed);
        expect(after.done).toBeGreaterThanOrEqual(before.done);
        if (before.ratio === null) expect(after.ratio).toBeNull();
        else expect(after.ratio).toBeGreaterThanOrEqual(before.ratio);
      }),
    );
  });

  it("does not depend on the order of logs or of the entries within a log", () => {
    const withShuffle = logsArb.chain((logs) =>
      fc.tuple(
        fc.constant(logs),
        fc.shuffledSubarray(logs, { minLength: logs.length, maxLength: logs.length }),
      ),
    );
    fc.assert(
      fc.property(programsArb, withShuffle, daysArb, (programs, [logs, shuffled], days) => {
        const reordered = shuffled.map((l) => ({ ...l, items: [...l.items].reverse() }));
        expect(adherence(programs, reordered, YESTERDAY, days)).toEqual(
          adherence(programs, logs, YESTERDAY, days),
        );
        expect(dailyAdherence(programs, reordered, YESTERDAY, days)).toEqual(
          dailyAdherence(programs, logs, YESTERDAY, days),
        );
      }),
    );
  });
});
