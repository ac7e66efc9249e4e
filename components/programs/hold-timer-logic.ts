/**
 * The hold timer's state machine: pure, no timers, no clock. Every event that needs the time
 * carries it (`now`, in milliseconds from Date.now()), so the remaining time is always computed
 * from wall-clock differences (start timestamp + time accumulated before a pause) and stays right
 * when a background tab throttles the display refresh.
 *
 *   idle ──start──▶ running ──pause──▶ paused ──resume──▶ running
 *                      │ tick: hold done
 *                      ├──▶ rested-between ──start──▶ running (next repetition)
 *                      └──▶ finished (last repetition) ──start──▶ running (repetition 1)
 *   any ──reset──▶ idle (repetition 1, full time)
 */

export type TimerPhase = "idle" | "running" | "paused" | "rested-between" | "finished";

export type AnnouncementKind =
  | "started"
  | "halfway"
  | "hold-done"
  | "all-done"
  | "paused"
  | "resumed"
  | "reset";

export interface Announcement {
  /** Increases with every announcement, so the same words said twice still count as new. */
  id: number;
  kind: AnnouncementKind;
  text: string;
}

export interface TimerState {
  phase: TimerPhase;
  holdMs: number;
  repetitions: number;
  /** The hold being timed, or (idle, rested-between) the next one to start; 1-based. */
  repetition: number;
  /** Holds completed in this session (0..repetitions). */
  completed: number;
  /** Wall-clock time the current running stretch began; null unless running. */
  runningSince: number | null;
  /** Hold time accumulated before `runningSince` (i.e. before the last pause). */
  elapsedBeforeMs: number;
  /** The latest time the machine was told about; used to show the remaining time. */
  lastNow: number | null;
  halfwayAnnounced: boolean;
  /** The latest announcement for the live region; null until something happened. */
  announcement: Announcement | null;
}

export type TimerEvent =
  | { type: "start"; now: number }
  | { type: "pause"; now: number }
  | { type: "resume"; now: number }
  | { type: "tick"; now: number }
  | { type: "reset" }
  | { type: "configure"; holdSeconds: number; repetitions: number };

/** Allowed stretch hold range is 10–120 s (CLINICAL.md §3); the timer itself only needs ≥ 1 s. */
function sanitize(holdSeconds: number, repetitions: number) {
  const hold = Number.isFinite(holdSeconds) ? Math.max(1, Math.round(holdSeconds)) : 30;
  const reps = Number.isFinite(repetitions) ? Math.max(1, Math.floor(repetitions)) : 3;
  return { holdMs: hold * 1000, repetitions: reps };
}

export function initialTimerState(holdSeconds: number, repetitions: number): TimerState {
  const { holdMs, repetitions: reps } = sanitize(holdSeconds, repetitions);
  return {
    phase: "idle",
    holdMs,
    repetitions: reps,
    repetition: 1,
    completed: 0,
    runningSince: null,
    elapsedBeforeMs: 0,
    lastNow: null,
    halfwayAnnounced: false,
    announcement: null,
  };
}

// ---------------------------------------------------------------------------------------------
// Derived values (for the display)

/** Hold time elapsed in the current repetition, in ms, at `now` (defaults to the last tick). */
export function elapsedMs(state: TimerState, now: number | null = state.lastNow): number {
  if (state.phase === "rested-between" || state.phase === "finished") return state.holdMs;
  let elapsed = state.elapsedBeforeMs;
  if (state.phase === "running" && state.runningSince !== null && now !== null) {
    // A clock that went backwards never makes time negative.
    elapsed += Math.max(0, now - state.runningSince);
  }
  return Math.min(state.holdMs, Math.max(0, elapsed));
}

export function remainingMs(state: TimerState, now?: number | null): number {
  return state.holdMs - elapsedMs(state, now);
}

/** Whole seconds left, rounded up: shows 30 at the start and 1 during the last second. */
export function remainingSeconds(state: TimerState, now?: number | null): number {
  return Math.ceil(remainingMs(state, now) / 1000);
}

export function holdSeconds(state: TimerState): number {
  return state.holdMs / 1000;
}

/** 0..1, for the progress bar. */
export function progressFraction(state: TimerState, now?: number | null): number {
  return state.holdMs === 0 ? 1 : elapsedMs(state, now) / state.holdMs;
}

export function secondsText(n: number): string {
  return `${n} ${n === 1 ? "second" : "seconds"}`;
}

// ---------------------------------------------------------------------------------------------
// Announcement texts (one place, so the component and the tests agree)

export const announcementText = {
  started: (repetition: number, repetitions: number, seconds: number) =>
    `Hold ${repetition} of ${repetitions} started: ${secondsText(seconds)}.`,
  halfway: (secondsLeft: number) => `Halfway: ${secondsText(secondsLeft)} left.`,
  holdDone: (repetition: number, repetitions: number) =>
    `Hold ${repetition} of ${repetitions} done. Rest, then start the next one.`,
  allDone: (repetitions: number) => `All ${repetitions} holds done. Well done.`,
  paused: (secondsLeft: number) => `Paused: ${secondsText(secondsLeft)} left.`,
  resumed: (secondsLeft: number) => `Resumed: ${secondsText(secondsLeft)} left.`,
  reset: (repetitions: number, seconds: number) =>
    `Timer reset: repetition 1 of ${repetitions}, ${secondsText(seconds)}.`,
} as const;

function announce(state: TimerState, kind: AnnouncementKind, text: string): Announcement {
  return { id: (state.announcement?.id ?? 0) + 1, kind, text };
}

// ---------------------------------------------------------------------------------------------
// The reducer

function startHold(state: TimerState, repetition: number, completed: number, now: number) {
  const next: TimerState = {
    ...state,
    phase: "running",
    repetition,
    completed,
    runningSince: now,
    elapsedBeforeMs: 0,
    lastNow: now,
    halfwayAnnounced: false,
  };
  next.announcement = announce(
    state,
    "started",
    announcementText.started(repetition, state.repetitions, holdSeconds(state)),
  );
  return next;
}

/** Bring a running hold up to `now`: finish it, or announce halfway once. */
function advance(state: TimerState, now: number): TimerState {
  if (state.phase !== "running" || state.runningSince === null) return state;
  const elapsed = state.elapsedBeforeMs + Math.max(0, now - state.runningSince);

  if (elapsed >= state.holdMs) {
    const completed = state.completed + 1;
    const base: TimerState = {
      ...state,
      completed,
      runningSince: null,
      elapsedBeforeMs: 0,
      lastNow: now,
    };
    if (completed >= state.repetitions) {
      return {
        ...base,
        phase: "finished",
        announcement: announce(state, "all-done", announcementText.allDone(state.repetitions)),
      };
    }
    return {
      ...base,
      phase: "rested-between",
      repetition: completed + 1,
      announcement: announce(
        state,
        "hold-done",
        announcementText.holdDone(state.repetition, state.repetitions),
      ),
    };
  }

  // Halfway is announced at most once per hold; a hold that jumps straight from before halfway
  // to done (a throttled tab) only says "done".
  if (!state.halfwayAnnounced && elapsed * 2 >= state.holdMs) {
    return {
      ...state,
      lastNow: now,
      halfwayAnnounced: true,
      announcement: announce(
        state,
        "halfway",
        announcementText.halfway(Math.ceil(state.holdMs / 2000)),
      ),
    };
  }

  if (state.lastNow === now) return state;
  return { ...state, lastNow: now };
}

export function timerReducer(state: TimerState, event: TimerEvent): TimerState {
  switch (event.type) {
    case "tick":
      return advance(state, event.now);

    case "start":
      switch (state.phase) {
        case "idle":
          return startHold(state, state.repetition, state.completed, event.now);
        case "rested-between":
          return startHold(state, state.completed + 1, state.completed, event.now);
        case "finished":
          return startHold(state, 1, 0, event.now);
        default:
          return state; // already running or paused: use pause / resume
      }

    case "pause": {
      if (state.phase !== "running" || state.runningSince === null) return state;
      const current = advance(state, event.now);
      if (current.phase !== "running" || current.runningSince === null) return current; // it ended
      const paused: TimerState = {
        ...current,
        phase: "paused",
        elapsedBeforeMs: current.elapsedBeforeMs + Math.max(0, event.now - current.runningSince),
        runningSince: null,
        lastNow: event.now,
      };
      return {
        ...paused,
        announcement: announce(
          current,
          "paused",
          announcementText.paused(remainingSeconds(paused)),
        ),
      };
    }

    case "resume": {
      if (state.phase !== "paused") return state;
      const resumed: TimerState = {
        ...state,
        phase: "running",
        runningSince: event.now,
        lastNow: event.now,
      };
      return {
        ...resumed,
        announcement: announce(
          state,
          "resumed",
          announcementText.resumed(remainingSeconds(resumed, event.now)),
        ),
      };
    }

    case "reset": {
      const fresh = initialTimerState(holdSeconds(state), state.repetitions);
      return {
        ...fresh,
        announcement: announce(
          state,
          "reset",
          announcementText.reset(state.repetitions, holdSeconds(state)),
        ),
      };
    }

    case "configure": {
      const { holdMs, repetitions } = sanitize(event.holdSeconds, event.repetitions);
      if (holdMs === state.holdMs && repetitions === state.repetitions) return state;
      // A different prescription: start over, quietly (nothing the patient did).
      return { ...initialTimerState(holdMs / 1000, repetitions), announcement: state.announcement };
    }
  }
}
