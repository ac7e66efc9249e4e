"use client";

import { useEffect, useReducer } from "react";
import {
  holdSeconds as holdSecondsOf,
  initialTimerState,
  progressFraction,
  remainingSeconds,
  timerReducer,
} from "./hold-timer-logic";

/** How often the display refreshes; the time itself always comes from Date.now() differences. */
const REFRESH_MS = 250;

// Bigger than the house buttons (components/ui/button-class.ts, ≥ 44 px): 56 px tall and wide,
// for tremor and fatigue. Same colours; the focus ring is the global :focus-visible outline.
const buttonBase =
  "inline-flex min-h-14 min-w-14 touch-manipulation items-center justify-center gap-2 rounded-md px-6 py-3 text-lg font-medium motion-safe:transition-colors";
const primaryButton = `${buttonBase} bg-accent-700 text-white hover:bg-accent-800`;
const secondaryButton = `${buttonBase} border border-slate-300 bg-white text-slate-900 hover:bg-slate-100`;

/**
 * A per-stretch hold timer for patients at home: counts down each hold, waits while the patient
 * repositions between repetitions, and speaks the start, halfway point and end of each hold
 * through a polite live region (never every second). Pure client state, no network.
 */
export function HoldTimer({
  exerciseName,
  holdSeconds,
  repetitions,
  sideLabel,
}: {
  exerciseName: string;
  holdSeconds: number;
  repetitions: number;
  /** e.g. "left and right": adds a "Do each side" hint. */
  sideLabel?: string;
}) {
  const [state, dispatch] = useReducer(
    timerReducer,
    { holdSeconds, repetitions },
    (p: { holdSeconds: number; repetitions: number }) =>
      initialTimerState(p.holdSeconds, p.repetitions),
  );

  // A different prescription passed in: start over (a no-op when nothing changed).
  useEffect(() => {
    dispatch({ type: "configure", holdSeconds, repetitions });
  }, [holdSeconds, repetitions]);

  // While a hold runs, refresh the display a few times a second. Each tick carries the current
  // wall-clock time, so throttled or late ticks never make the hold longer or shorter.
  const running = state.phase === "running";
  useEffect(() => {
    if (!running) return;
    const tick = () => dispatch({ type: "tick", now: Date.now() });
    const id = setInterval(tick, REFRESH_MS);
    // Coming back to a background tab: catch up at once rather than on the next tick.
    document.addEventListener("visibilitychange", tick);
    return () => {
      clearInterval(id);
      document.removeEventListener("visibilitychange", tick);
    };
  }, [running]);

  const total = state.repetitions;
  const hold = holdSecondsOf(state);
  const left = remainingSeconds(state);
  const heldSeconds = hold - left;
  const percent = Math.round(progressFraction(state) * 1000) / 10;
  const finished = state.phase === "finished";

  let status: string;
  let detail: string | null = null;
  switch (state.phase) {
    case "idle":
      status = `Repetition ${state.repetition} of ${total}`;
      detail = `Get into position, then start the ${hold}-second hold.`;
      break;
    case "running":
      status = `Repetition ${state.repetition} of ${total}`;
      break;
    case "paused":
      status = `Repetition ${state.repetition} of ${total}`;
      detail = "Paused.";
      break;
    case "rested-between":
      status = `Repetition ${state.completed} of ${total} done`;
      detail = `Rest, then start repetition ${state.repetition} when you are ready.`;
      break;
    case "finished":
      status = `Done: ${state.completed} of ${total} holds`;
      detail = "Well done.";
      break;
  }

  let primary: { label: string; onClick: () => void };
  switch (state.phase) {
    case "idle":
      primary = {
        label: "Start hold",
        onClick: () => dispatch({ type: "start", now: Date.now() }),
      };
      break;
    case "running":
      primary = { label: "Pause", onClick: () => dispatch({ type: "pause", now: Date.now() }) };
      break;
    case "paused":
      primary = { label: "Resume", onClick: () => dispatch({ type: "resume", now: Date.now() }) };
      break;
    case "rested-between":
      primary = {
        label: `Start repetition ${state.repetition}`,
        onClick: () => dispatch({ type: "start", now: Date.now() }),
      };
      break;
    case "finished":
      primary = {
        label: "Start again",
        onClick: () => dispatch({ type: "start", now: Date.now() }),
      };
      break;
  }

  return (
    <section
      aria-label={`Hold timer: ${exerciseName}`}
      className="space-y-5 rounded-lg border border-slate-200 bg-white p-5 sm:p-6"
    >
      <div className="space-y-1 text-center">
        <p className="text-xl font-semibold text-slate-900" data-testid="hold-timer-status">
          {status}
        </p>
        {sideLabel ? <p className="text-base text-slate-700">Do each side: {sideLabel}.</p> : null}
      </div>

      {finished ? null : (
        <p className="flex items-baseline justify-center gap-3 text-slate-900">
          <span
            className="text-7xl font-semibold tabular-nums leading-none sm:text-8xl"
            data-testid="hold-timer-seconds"
          >
            {left}
          </span>
          <span className="text-xl text-slate-700">{left === 1 ? "second" : "seconds"} left</span>
        </p>
      )}

      <div
        role="progressbar"
        aria-label="Hold progress"
        aria-valuemin={0}
        aria-valuemax={hold}
        aria-valuenow={heldSeconds}
        aria-valuetext={`${heldSeconds} of ${hold} seconds held`}
        className="h-4 w-full overflow-hidden rounded-full bg-slate-200"
      >
        <div
          className="h-full rounded-full bg-accent-600 motion-safe:transition-[width] motion-safe:duration-300 motion-safe:ease-linear motion-reduce:transition-none"
          style={{ width: `${percent}%` }}
        />
      </div>

      {detail ? <p className="text-center text-lg text-slate-800">{detail}</p> : null}

      <div className="flex flex-wrap justify-center gap-3">
        {/* One button whose label follows the state, so focus stays on it from start to finish. */}
        <button type="button" onClick={primary.onClick} className={primaryButton}>
          {primary.label}
        </button>
        <button
          type="button"
          onClick={() => dispatch({ type: "reset" })}
          className={secondaryButton}
        >
          Reset timer
        </button>
      </div>

      <p
        aria-live="polite"
        aria-atomic="true"
        className="sr-only"
        data-testid="hold-timer-announcement"
      >
        {/* Keyed, so the same words said twice are still a new announcement. */}
        {state.announcement ? (
          <span key={state.announcement.id}>{state.announcement.text}</span>
        ) : null}
      </p>
    </section>
  );
}
