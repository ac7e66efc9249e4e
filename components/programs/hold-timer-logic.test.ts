import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type AnnouncementKind,
  elapsedMs,
  initialTimerState,
  progressFraction,
  remainingSeconds,
  type TimerEvent,
  type TimerState,
  timerReducer,
} from "./hold-timer-logic";

const T0 = 1_700_000_000_000; // an arbitrary wall-clock start

/** Apply events in order and collect every new announcement (kind and text). */
function run(state: TimerState, events: TimerEvent[]) {
  const said: { kind: AnnouncementKind; text: string }[] = [];
  let s = state;
  for (const e of events) {
    const next = timerReducer(s, e);
    if (next.announcement && next.announcement.id !== s.announcement?.id) {
      said.push({ kind: next.announcement.kind, text: next.announcement.text });
    }
    s = next;
  }
  return { state: s, said };
}

/** Ticks every `step` ms from `from` to `to` inclusive, like the 250 ms display refresh. */
function ticks(from: number, to: number, step = 250): TimerEvent[] {
  const out: TimerEvent[] = [];
  for (let t = from; t <= to; t += step) out.push({ type: "tick", now: t });
  return out;
}

describe("hold timer state machine", () => {
  it("starts idle at repetition 1 with the full hold time", () => {
    const s = initialTimerState(30, 3);
    expect(s.phase).toBe("idle");
    expect(s.repetition).toBe(1);
    expect(s.completed).toBe(0);
    expect(remainingSeconds(s)).toBe(30);
    expect(progressFraction(s)).toBe(0);
    expect(s.announcement).toBeNull();
  });

  it("announces the start, halfway once at 15 s, and the end at 30 s of a 30 s hold", () => {
    const s0 = initialTimerState(30, 3);
    const { state: s1, said: started } = run(s0, [{ type: "start", now: T0 }]);
    expect(started).toEqual([{ kind: "started", text: "Hold 1 of 3 started: 30 seconds." }]);
    expect(remainingSeconds(s1)).toBe(30);

    const before = run(s1, ticks(T0 + 250, T0 + 14_999, 250));
    expect(before.said).toEqual([]);
    expect(remainingSeconds(before.state)).toBe(16);

    const half = run(before.state, [{ type: "tick", now: T0 + 15_000 }]);
    expect(half.said).toEqual([{ kind: "halfway", text: "Halfway: 15 seconds left." }]);
    expect(remainingSeconds(half.state)).toBe(15);

    const rest = run(half.state, ticks(T0 + 15_250, T0 + 29_999, 250));
    expect(rest.said).toEqual([]); // no per-second announcements
    expect(rest.state.phase).toBe("running");
    expect(remainingSeconds(rest.state)).toBe(1);

    const done = run(rest.state, [{ type: "tick", now: T0 + 30_000 }]);
    expect(done.said).toEqual([
      { kind: "hold-done", text: "Hold 1 of 3 done. Rest, then start the next one." },
    ]);
    expect(done.state.phase).toBe("rested-between");
    expect(done.state.completed).toBe(1);
    expect(done.state.repetition).toBe(2);
    expect(remainingSeconds(done.state)).toBe(0);
    expect(progressFraction(done.state)).toBe(1);
  });

  it("does not auto-start the next hold: it waits however long the rest takes", () => {
    const { state } = run(initialTimerState(30, 3), [
      { type: "start", now: T0 },
      { type: "tick", now: T0 + 30_000 },
      ...ticks(T0 + 30_250, T0 + 120_000, 1000),
    ]);
    expect(state.phase).toBe("rested-between");
    expect(state.completed).toBe(1);
    expect(remainingSeconds(state)).toBe(0);
  });

  it("is driven by timestamps, not by the number of ticks (a throttled tab)", () => {
    const { state, said } = run(initialTimerState(30, 3), [
      { type: "start", now: T0 },
      { type: "tick", now: T0 + 1_000 },
      { type: "tick", now: T0 + 20_000 }, // one tick after a long gap
    ]);
    expect(remainingSeconds(state)).toBe(10);
    expect(said.map((a) => a.kind)).toEqual(["started", "halfway"]);
  });

  it("skips halfway when a single late tick jumps past the end", () => {
    const { state, said } = run(initialTimerState(30, 3), [
      { type: "start", now: T0 },
      { type: "tick", now: T0 + 5_000 },
      { type: "tick", now: T0 + 45_000 },
    ]);
    expect(state.phase).toBe("rested-between");
    expect(said.map((a) => a.kind)).toEqual(["started", "hold-done"]);
  });

  it("a 10 s pause shifts completion by 10 s", () => {
    const { state: paused, said } = run(initialTimerState(30, 3), [
      { type: "start", now: T0 },
      { type: "tick", now: T0 + 5_000 },
      { type: "pause", now: T0 + 5_000 },
      ...ticks(T0 + 5_250, T0 + 15_000, 250),
    ]);
    expect(paused.phase).toBe("paused");
    expect(remainingSeconds(paused)).toBe(25);
    expect(said.at(-1)).toEqual({ kind: "paused", text: "Paused: 25 seconds left." });

    const resumed = run(paused, [{ type: "resume", now: T0 + 15_000 }]);
    expect(resumed.said).toEqual([{ kind: "resumed", text: "Resumed: 25 seconds left." }]);

    // Halfway (15 s of holding) now comes at 25 s wall-clock, the end at 40 s.
    const mid = run(resumed.state, ticks(T0 + 15_250, T0 + 24_750));
    expect(mid.said).toEqual([]);
    const half = run(mid.state, [{ type: "tick", now: T0 + 25_000 }]);
    expect(half.said.map((a) => a.kind)).toEqual(["halfway"]);

    const late = run(half.state, ticks(T0 + 25_250, T0 + 39_750));
    expect(late.state.phase).toBe("running");
    expect(remainingSeconds(late.state)).toBe(1);
    const end = run(late.state, [{ type: "tick", now: T0 + 40_000 }]);
    expect(end.state.phase).toBe("rested-between");
    expect(end.state.completed).toBe(1);
  });

  it("several pauses add up", () => {
    const { state } = run(initialTimerState(30, 1), [
      { type: "start", now: T0 },
      { type: "pause", now: T0 + 10_000 },
      { type: "resume", now: T0 + 13_000 },
      { type: "pause", now: T0 + 23_000 },
      { type: "resume", now: T0 + 30_000 },
      { type: "tick", now: T0 + 39_999 },
    ]);
    expect(state.phase).toBe("running");
    expect(elapsedMs(state)).toBe(29_999);
    expect(timerReducer(state, { type: "tick", now: T0 + 40_000 }).phase).toBe("finished");
  });

  it("a pause that arrives after the hold already ended finishes the hold instead", () => {
    const { state, said } = run(initialTimerState(30, 3), [
      { type: "start", now: T0 },
      { type: "pause", now: T0 + 31_000 },
    ]);
    expect(state.phase).toBe("rested-between");
    expect(said.map((a) => a.kind)).toEqual(["started", "hold-done"]);
  });

  it("never announces halfway twice in one hold, even across pauses", () => {
    const { said } = run(initialTimerState(30, 3), [
      { type: "start", now: T0 },
      ...ticks(T0 + 250, T0 + 16_000),
      { type: "pause", now: T0 + 16_000 },
      { type: "resume", now: T0 + 20_000 },
      ...ticks(T0 + 20_250, T0 + 30_000),
    ]);
    expect(said.filter((a) => a.kind === "halfway")).toHaveLength(1);
  });

  it("three holds lead to finished with a count of 3, each announced", () => {
    let s = initialTimerState(30, 3);
    const all: string[] = [];
    let t = T0;
    for (let rep = 1; rep <= 3; rep++) {
      expect(s.repetition).toBe(rep);
      const r = run(s, [{ type: "start", now: t }, ...ticks(t + 250, t + 30_000)]);
      all.push(...r.said.map((a) => a.text));
      s = r.state;
      t += 30_000 + 20_000; // 20 s rest to reposition
    }
    expect(s.phase).toBe("finished");
    expect(s.completed).toBe(3);
    expect(all).toEqual([
      "Hold 1 of 3 started: 30 seconds.",
      "Halfway: 15 seconds left.",
      "Hold 1 of 3 done. Rest, then start the next one.",
      "Hold 2 of 3 started: 30 seconds.",
      "Halfway: 15 seconds left.",
      "Hold 2 of 3 done. Rest, then start the next one.",
      "Hold 3 of 3 started: 30 seconds.",
      "Halfway: 15 seconds left.",
      "All 3 holds done. Well done.",
    ]);
    // Finished stays finished.
    expect(timerReducer(s, { type: "tick", now: t + 60_000 })).toBe(s);
  });

  it("start again after finishing begins repetition 1 with the count cleared", () => {
    const done = run(initialTimerState(10, 1), [
      { type: "start", now: T0 },
      { type: "tick", now: T0 + 10_000 },
    ]).state;
    expect(done.phase).toBe("finished");
    const again = run(done, [{ type: "start", now: T0 + 60_000 }]);
    expect(again.state.phase).toBe("running");
    expect(again.state.repetition).toBe(1);
    expect(again.state.completed).toBe(0);
    expect(remainingSeconds(again.state)).toBe(10);
    expect(again.said).toEqual([{ kind: "started", text: "Hold 1 of 1 started: 10 seconds." }]);
  });

  it("reset returns to repetition 1 with the full time, from any phase", () => {
    const s0 = initialTimerState(30, 3);
    const scenarios: TimerEvent[][] = [
      [{ type: "start", now: T0 }, ...ticks(T0, T0 + 12_000)],
      [
        { type: "start", now: T0 },
        { type: "pause", now: T0 + 12_000 },
      ],
      [
        { type: "start", now: T0 },
        { type: "tick", now: T0 + 30_000 },
        { type: "start", now: T0 + 40_000 },
        { type: "tick", now: T0 + 50_000 },
      ],
      [
        { type: "start", now: T0 },
        { type: "tick", now: T0 + 30_000 },
      ],
    ];
    for (const events of scenarios) {
      const { state } = run(s0, [...events, { type: "reset" }]);
      expect(state.phase).toBe("idle");
      expect(state.repetition).toBe(1);
      expect(state.completed).toBe(0);
      expect(remainingSeconds(state)).toBe(30);
      expect(state.announcement?.text).toBe("Timer reset: repetition 1 of 3, 30 seconds.");
      // A tick after reset changes nothing; the next start is hold 1 again, with halfway re-armed.
      expect(timerReducer(state, { type: "tick", now: T0 + 99_000 })).toBe(state);
      const again = run(state, [
        { type: "start", now: T0 + 100_000 },
        ...ticks(T0 + 100_250, T0 + 115_000),
      ]);
      expect(again.said.map((a) => a.text)).toEqual([
        "Hold 1 of 3 started: 30 seconds.",
        "Halfway: 15 seconds left.",
      ]);
    }
  });

  it("ignores events that do not apply to the current phase", () => {
    const idle = initialTimerState(30, 3);
    expect(timerReducer(idle, { type: "pause", now: T0 })).toBe(idle);
    expect(timerReducer(idle, { type: "resume", now: T0 })).toBe(idle);
    expect(timerReducer(idle, { type: "tick", now: T0 })).toBe(idle);
    const running = timerReducer(idle, { type: "start", now: T0 });
    expect(timerReducer(running, { type: "start", now: T0 + 1 })).toBe(running);
    expect(timerReducer(running, { type: "resume", now: T0 + 1 })).toBe(running);
    const paused = timerReducer(running, { type: "pause", now: T0 + 1_000 });
    expect(timerReducer(paused, { type: "pause", now: T0 + 2_000 })).toBe(paused);
    expect(timerReducer(paused, { type: "start", now: T0 + 2_000 })).toBe(paused);
    expect(timerReducer(paused, { type: "tick", now: T0 + 90_000 })).toBe(paused);
  });

  it("a clock that jumps backwards never adds time or goes negative", () => {
    const { state } = run(initialTimerState(30, 3), [
      { type: "start", now: T0 },
      { type: "tick", now: T0 - 60_000 },
    ]);
    expect(state.phase).toBe("running");
    expect(remainingSeconds(state)).toBe(30);
  });

  it("rounds odd hold times sensibly and uses singular words", () => {
    const { said } = run(initialTimerState(35, 1), [
      { type: "start", now: T0 },
      ...ticks(T0 + 250, T0 + 35_000),
    ]);
    expect(said.map((a) => a.text)).toEqual([
      "Hold 1 of 1 started: 35 seconds.",
      "Halfway: 18 seconds left.",
      "All 1 holds done. Well done.",
    ]);
    const one = run(initialTimerState(30, 1), [
      { type: "start", now: T0 },
      { type: "pause", now: T0 + 29_500 },
    ]);
    expect(one.said.at(-1)?.text).toBe("Paused: 1 second left.");
  });

  it("sanitises nonsense configuration and restarts on a new prescription", () => {
    const s = initialTimerState(0, 0);
    expect(s.holdMs).toBe(1000);
    expect(s.repetitions).toBe(1);
    const running = timerReducer(initialTimerState(30, 3), { type: "start", now: T0 });
    expect(timerReducer(running, { type: "configure", holdSeconds: 30, repetitions: 3 })).toBe(
      running,
    );
    const changed = timerReducer(running, { type: "configure", holdSeconds: 40, repetitions: 2 });
    expect(changed.phase).toBe("idle");
    expect(remainingSeconds(changed)).toBe(40);
    expect(changed.repetitions).toBe(2);
  });

  it("property: any event sequence keeps the invariants", () => {
    const event = fc.oneof(
      fc.record({ type: fc.constant("start" as const), dt: fc.integer({ min: 0, max: 5_000 }) }),
      fc.record({ type: fc.constant("pause" as const), dt: fc.integer({ min: 0, max: 5_000 }) }),
      fc.record({ type: fc.constant("resume" as const), dt: fc.integer({ min: 0, max: 5_000 }) }),
      fc.record({ type: fc.constant("tick" as const), dt: fc.integer({ min: 0, max: 40_000 }) }),
      fc.record({ type: fc.constant("reset" as const), dt: fc.constant(0) }),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 10, max: 120 }),
        fc.integer({ min: 1, max: 5 }),
        fc.array(event, { maxLength: 60 }),
        (hold, reps, events) => {
          let s = initialTimerState(hold, reps);
          let t = T0;
          let halfwaysThisHold = 0;
          for (const e of events) {
            t += e.dt;
            const next = timerReducer(
              s,
              e.type === "reset" ? { type: "reset" } : { type: e.type, now: t },
            );
            const fresh = next.announcement?.id !== s.announcement?.id ? next.announcement : null;
            if (fresh?.kind === "started" || fresh?.kind === "reset") halfwaysThisHold = 0;
            if (fresh?.kind === "halfway") halfwaysThisHold++;
            s = next;
            expect(halfwaysThisHold).toBeLessThanOrEqual(1);
            expect(s.completed).toBeGreaterThanOrEqual(0);
            expect(s.completed).toBeLessThanOrEqual(reps);
            expect(s.repetition).toBeGreaterThanOrEqual(1);
            expect(s.repetition).toBeLessThanOrEqual(reps);
            expect(remainingSeconds(s, t)).toBeGreaterThanOrEqual(0);
            expect(remainingSeconds(s, t)).toBeLessThanOrEqual(hold);
            expect(s.phase === "finished").toBe(s.completed === reps);
          }
        },
      ),
    );
  });
});
