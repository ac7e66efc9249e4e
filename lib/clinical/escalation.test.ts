/**
 * Contract tests for `evaluateEscalation`, written from CLINICAL.md §5 alone
 * (independently of the implementation). Every expectation below is derived
 * from the contract text; see the comments for the sentence each case pins.
 */
import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type EscalationInput, evaluateEscalation } from "./escalation";
import { digestScores } from "./escalation-digest";

// ---------------------------------------------------------------------------
// Types and helpers
// ---------------------------------------------------------------------------

type Score = EscalationInput["scores"][number];
type Treatment = EscalationInput["treatments"][number];
type Trigger = EscalationInput["triggers"][number];
type NeuroSign = EscalationInput["neuroSigns"][number];
type Penn = EscalationInput["spasmFrequency"][number];
type Grade = Score["grade"];
type Side = Score["side"];
type MuscleGroup = Score["muscleGroup"];
type Key = { muscleGroup: MuscleGroup; side: Side };
type Flag = ReturnType<typeof evaluateEscalation>[number];
type Kind = Flag["kind"];
type Action = NonNullable<Flag["action"]>;

const KIND_ORDER: Kind[] = [
  "BOTOX_REFERRAL",
  "BACLOFEN_REVIEW",
  "SURGICAL_REFERRAL",
  "REASSESS_AFTER_BOTOX",
  "TRIGGER_REVIEW",
  "MAS4_REVIEW",
  "NEURO_REVIEW",
];
const ACTIONS_BY_KIND: Partial<Record<Kind, Action[]>> = {
  BACLOFEN_REVIEW: ["start", "optimise", "pump_dose"],
  SURGICAL_REFERRAL: ["toxin_refractory", "intrathecal_assessment"],
};
const RANK: Record<Grade, number> = { "0": 0, "1": 1, "1+": 2, "2": 3, "3": 4, "4": 5 };
const isHigh = (g: Grade) => g === "3" || g === "4";

const CALF = "ankle_plantarflexors";
const HAM = "knee_flexors";
const QUADS = "knee_extensors";
const HIP = "hip_flexors";
const WRIST = "wrist_flexors";
const ELBOW = "elbow_flexors";

/** xs[i], failing loudly instead of yielding undefined. */
function nth<T>(xs: readonly T[], i: number): T {
  const x = xs[i < 0 ? xs.length + i : i];
  if (x === undefined) throw new Error(`no element ${i}`);
  return x;
}

const DAY_MS = 86_400_000;
/** "MM-DD" means 2025-MM-DD (the worked examples are all in 2025). */
function date(s: string): string {
  return s.length === 5 ? `2025-${s}` : s;
}
function toUtc(s: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date(s));
  if (!m) throw new Error(`bad date ${s}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}
function addDays(s: string, n: number): string {
  return new Date(toUtc(s) + n * DAY_MS).toISOString().slice(0, 10);
}
function daysBetween(a: string, b: string): number {
  return Math.round((toUtc(b) - toUtc(a)) / DAY_MS);
}

function key(muscleGroup: MuscleGroup, side: Side): Key {
  return { muscleGroup, side };
}
function score(muscleGroup: MuscleGroup, side: Side, grade: Grade, assessedOn: string): Score {
  return { muscleGroup, side, grade, assessedOn: date(assessedOn) };
}
function toxin(
  muscleGroup: MuscleGroup | undefined,
  side: Side | undefined,
  on: string,
): Treatment {
  const t: Treatment = { kind: "botulinum_toxin", startedOn: date(on) };
  if (muscleGroup !== undefined) t.muscleGroup = muscleGroup;
  if (side !== undefined) t.side = side;
  return t;
}
function oral(
  startedOn: string,
  endedOn?: string | null,
  stoppedBecause?: Treatment["stoppedBecause"],
): Treatment {
  const t: Treatment = { kind: "oral_antispasticity", startedOn: date(startedOn) };
  if (endedOn !== undefined) t.endedOn = endedOn === null ? null : date(endedOn);
  if (stoppedBecause !== undefined) t.stoppedBecause = stoppedBecause;
  return t;
}
function intrathecal(startedOn: string, endedOn?: string | null): Treatment {
  const t: Treatment = { kind: "intrathecal_baclofen", startedOn: date(startedOn) };
  if (endedOn !== undefined) t.endedOn = endedOn === null ? null : date(endedOn);
  return t;
}
function trigger(kind: Trigger["kind"], reportedOn: string): Trigger {
  return { kind, reportedOn: date(reportedOn) };
}
function neuro(kind: NeuroSign["kind"], reportedOn: string): NeuroSign {
  return { kind, reportedOn: date(reportedOn) };
}
function penn(s: Penn["score"], reportedOn: string): Penn {
  return { score: s, reportedOn: date(reportedOn) };
}

/** Fills empty arrays; asOf defaults to the latest date in the input (as in the worked examples). */
function input(p: Partial<EscalationInput>): EscalationInput {
  const scores = p.scores ?? [];
  const treatments = p.treatments ?? [];
  const triggers = p.triggers ?? [];
  const neuroSigns = p.neuroSigns ?? [];
  const spasmFrequency = p.spasmFrequency ?? [];
  const dates = [
    ...scores.map((s) => s.assessedOn),
    ...treatments.map((t) => t.startedOn),
    ...triggers.map((t) => t.reportedOn),
    ...neuroSigns.map((n) => n.reportedOn),
    ...spasmFrequency.map((s) => s.reportedOn),
  ].sort();
  const asOf = p.asOf !== undefined ? date(p.asOf) : dates[dates.length - 1];
  if (asOf === undefined) throw new Error("test input needs an asOf or a dated entry");
  return { asOf, scores, treatments, triggers, neuroSigns, spasmFrequency };
}

/** Expected flag: reason is any string; `action` only when given. */
function flag(kind: Kind, keys: Key[], action?: Action) {
  return action === undefined
    ? { kind, keys, reason: expect.any(String) }
    : { kind, keys, action, reason: expect.any(String) };
}

/** Structural rules of the Output paragraph that hold for every result. */
function checkShape(flags: Flag[]): void {
  expect(Array.isArray(flags)).toBe(true);
  const kinds = flags.map((f) => f.kind);
  // at most one flag per kind, in FlagKind order
  expect(new Set(kinds).size).toBe(kinds.length);
  const idx = kinds.map((k) => KIND_ORDER.indexOf(k));
  expect(idx.every((i) => i >= 0)).toBe(true);
  expect([...idx].sort((a, b) => a - b)).toEqual(idx);
  for (const f of flags) {
    // action present exactly on BACLOFEN_REVIEW and SURGICAL_REFERRAL
    const allowed = ACTIONS_BY_KIND[f.kind];
    expect("action" in f, `action presence on ${f.kind}`).toBe(allowed !== undefined);
    if (allowed) expect(allowed).toContain(f.action);
    expect(typeof f.reason).toBe("string");
    expect(f.reason.trim().length).toBeGreaterThan(0);
    // keys sorted by code (plain string order) then left before right, unique
    const ks = f.keys.map((k) => `${k.muscleGroup}|${k.side}`);
    expect(new Set(ks).size).toBe(ks.length);
    expect(f.keys).toEqual(sortKeys(f.keys));
    for (const k of f.keys) expect(Object.keys(k).sort()).toEqual(["muscleGroup", "side"]);
  }
  const neuroFlag = flags.find((f) => f.kind === "NEURO_REVIEW");
  if (neuroFlag) expect(neuroFlag.keys).toEqual([]);
}

function sortKeys(keys: Key[]): Key[] {
  return [...keys].sort((a, b) =>
    a.muscleGroup < b.muscleGroup
      ? -1
      : a.muscleGroup > b.muscleGroup
        ? 1
        : a.side === b.side
          ? 0
          : a.side === "left"
            ? -1
            : 1,
  );
}

function ev(inp: EscalationInput): Flag[] {
  const out = evaluateEscalation(inp);
  checkShape(out);
  // Keeps the reference oracle (bottom of the file) honest: the last test asserts that it agreed
  // with the implementation on every hand-built case (which are checked against exact expectations).
  handCases.push({ inp, impl: strip(out), ref: reference(inp) });
  return out;
}
const handCases: { inp: EscalationInput; impl: unknown; ref: unknown }[] = [];

const kinds = (flags: Flag[]) => flags.map((f) => f.kind);

// Frequently used keys
const R_CALF = key(CALF, "right");
const L_CALF = key(CALF, "left");
const R_HAM = key(HAM, "right");
const L_HAM = key(HAM, "left");
const R_QUADS = key(QUADS, "right");
const L_WRIST = key(WRIST, "left");
const L_ELBOW = key(ELBOW, "left");

/** A persistent-high-tone key: grade 3 at `last − span` and `last` (span ≥ 28, > 30 so R1(b) is silent). */
function pht(k: Key, last: string, span = 60, lastGrade: Grade = "3"): Score[] {
  return [
    score(k.muscleGroup, k.side, "3", addDays(date(last), -span)),
    score(k.muscleGroup, k.side, lastGrade, date(last)),
  ];
}

// ---------------------------------------------------------------------------
// 1. Worked examples
// ---------------------------------------------------------------------------

describe("§5 worked examples", () => {
  it("1. R calf 3 (01-10), 3 (02-14), no drugs → BOTOX_REFERRAL [R calf]", () => {
    const out = ev(
      input({ scores: [score(CALF, "right", "3", "01-10"), score(CALF, "right", "3", "02-14")] }),
    );
    expect(out).toEqual([flag("BOTOX_REFERRAL", [R_CALF])]);
    expect(nth(out, 0).reason).toMatch(/ankle|calf|plantarflex/i);
  });

  it("2. L wrist flexors 3 (01-01), 3 (01-15) → nothing (14 days); add 3 (02-12) → BOTOX_REFERRAL", () => {
    const two = [score(WRIST, "left", "3", "01-01"), score(WRIST, "left", "3", "01-15")];
    expect(ev(input({ scores: two }))).toEqual([]);
    expect(ev(input({ scores: [...two, score(WRIST, "left", "3", "02-12")] }))).toEqual([
      flag("BOTOX_REFERRAL", [L_WRIST]),
    ]);
  });

  it("3. R hamstrings 3 (01-01), 2 (02-01), 3 (03-01) → nothing (run reset)", () => {
    expect(
      ev(
        input({
          scores: [
            score(HAM, "right", "3", "01-01"),
            score(HAM, "right", "2", "02-01"),
            score(HAM, "right", "3", "03-01"),
          ],
        }),
      ),
    ).toEqual([]);
  });

  it("4. L calf, R calf, R hamstrings each 3 (01-01), 3 (02-05), no drugs → BACLOFEN_REVIEW start", () => {
    const out = ev(
      input({
        scores: [
          score(HAM, "right", "3", "01-01"),
          score(HAM, "right", "3", "02-05"),
          score(CALF, "right", "3", "01-01"),
          score(CALF, "right", "3", "02-05"),
          score(CALF, "left", "3", "01-01"),
          score(CALF, "left", "3", "02-05"),
        ],
      }),
    );
    expect(out).toEqual([flag("BACLOFEN_REVIEW", [L_CALF, R_CALF, R_HAM], "start")]);
  });

  it("5. L elbow flexors 4 (03-01) only → MAS4_REVIEW only", () => {
    const out = ev(input({ scores: [score(ELBOW, "left", "4", "03-01")] }));
    expect(out).toEqual([flag("MAS4_REVIEW", [L_ELBOW])]);
    expect(nth(out, 0).reason).toMatch(/4/);
  });

  it("6. R calf 3 (01-01), 3 (02-15), toxin to R calf 01-05 → REASSESS_AFTER_BOTOX", () => {
    expect(
      ev(
        input({
          scores: [score(CALF, "right", "3", "01-01"), score(CALF, "right", "3", "02-15")],
          treatments: [toxin(CALF, "right", "01-05")],
        }),
      ),
    ).toEqual([flag("REASSESS_AFTER_BOTOX", [R_CALF])]);
  });

  it("7. R quads 2 (01-01), 3 (01-20), 3 (02-25), UTI 02-20 → TRIGGER_REVIEW [R quads] only", () => {
    expect(
      ev(
        input({
          scores: [
            score(QUADS, "right", "2", "01-01"),
            score(QUADS, "right", "3", "01-20"),
            score(QUADS, "right", "3", "02-25"),
          ],
          triggers: [trigger("uti", "02-20")],
        }),
      ),
    ).toEqual([flag("TRIGGER_REVIEW", [R_QUADS])]);
  });

  it("8. L calf 2 (01-01), 2 (02-01); fasciculations and calf wasting 02-01 → NEURO_REVIEW", () => {
    expect(
      ev(
        input({
          scores: [score(CALF, "left", "2", "01-01"), score(CALF, "left", "2", "02-01")],
          neuroSigns: [neuro("fasciculations", "02-01"), neuro("wasting", "02-01")],
        }),
      ),
    ).toEqual([flag("NEURO_REVIEW", [])]);
  });
});

// ---------------------------------------------------------------------------
// 2. Boundaries: run and PHT
// ---------------------------------------------------------------------------

describe("run and persistent high tone", () => {
  it("PHT needs the run to span at least 28 days: 27 → nothing, 28 → BOTOX", () => {
    const s27 = [
      score(CALF, "right", "3", "01-01"),
      score(CALF, "right", "3", addDays("01-01", 27)),
    ];
    const s28 = [
      score(CALF, "right", "3", "01-01"),
      score(CALF, "right", "3", addDays("01-01", 28)),
    ];
    expect(ev(input({ scores: s27 }))).toEqual([]);
    expect(ev(input({ scores: s28 }))).toEqual([flag("BOTOX_REFERRAL", [R_CALF])]);
  });

  it("the span is first-to-last of the run, not between neighbours", () => {
    const s = [
      score(CALF, "right", "3", "01-01"),
      score(CALF, "right", "3", "01-10"),
      score(CALF, "right", "3", "01-29"),
    ];
    expect(ev(input({ scores: s }))).toEqual([flag("BOTOX_REFERRAL", [R_CALF])]);
  });

  it("a single high score is never PHT, however old", () => {
    expect(ev(input({ scores: [score(CALF, "right", "3", "01-01")], asOf: "06-01" }))).toEqual([]);
  });

  it("a gap of 180 days keeps the run, 181 days cuts it", () => {
    const d0 = "2024-09-01";
    const keep = [
      score(CALF, "right", "3", d0),
      score(CALF, "right", "3", addDays(d0, 180)),
      score(CALF, "right", "3", addDays(d0, 190)),
    ];
    const cut = [
      score(CALF, "right", "3", d0),
      score(CALF, "right", "3", addDays(d0, 181)),
      score(CALF, "right", "3", addDays(d0, 191)),
    ];
    expect(ev(input({ scores: keep }))).toEqual([flag("BOTOX_REFERRAL", [R_CALF])]);
    // after the cut only the last two count: they span 10 days → not PHT
    expect(ev(input({ scores: cut }))).toEqual([]);
    // two scores 180 vs 181 days apart
    expect(
      ev(
        input({
          scores: [score(CALF, "right", "3", d0), score(CALF, "right", "3", addDays(d0, 180))],
        }),
      ),
    ).toEqual([flag("BOTOX_REFERRAL", [R_CALF])]);
    expect(
      ev(
        input({
          scores: [score(CALF, "right", "3", d0), score(CALF, "right", "3", addDays(d0, 181))],
        }),
      ),
    ).toEqual([]);
  });

  it("a non-high score (including 1+) resets the run", () => {
    for (const g of ["0", "1", "1+", "2"] as Grade[]) {
      const s = [
        score(CALF, "right", "3", "01-01"),
        score(CALF, "right", "3", "02-01"),
        score(CALF, "right", g, "02-15"),
        score(CALF, "right", "3", "03-20"),
      ];
      expect(ev(input({ scores: s })), `grade ${g}`).toEqual([]);
    }
  });

  it("the run is empty when the latest score is not high", () => {
    const s = [
      score(CALF, "right", "3", "01-01"),
      score(CALF, "right", "3", "03-01"),
      score(CALF, "right", "2", "04-15"),
    ];
    expect(ev(input({ scores: s }))).toEqual([]);
  });

  it("grade 4 is high: 3 then 4 is a run (plus MAS4_REVIEW)", () => {
    const s = [score(CALF, "right", "3", "01-01"), score(CALF, "right", "4", "02-14")];
    expect(ev(input({ scores: s }))).toEqual([
      flag("BOTOX_REFERRAL", [R_CALF]),
      flag("MAS4_REVIEW", [R_CALF]),
    ]);
  });

  it("1+ is never high: 1+ scores never make PHT", () => {
    const s = [score(CALF, "right", "1+", "01-01"), score(CALF, "right", "1+", "03-01")];
    expect(ev(input({ scores: s }))).toEqual([]);
  });

  it("same key same date: the last in input order wins", () => {
    const base = [score(CALF, "right", "3", "01-10")];
    // 3 then 2 on 02-14 → latest is 2 → not high → nothing
    expect(
      ev(
        input({
          scores: [...base, score(CALF, "right", "3", "02-14"), score(CALF, "right", "2", "02-14")],
        }),
      ),
    ).toEqual([]);
    // 2 then 3 on 02-14 → latest is 3 → PHT
    expect(
      ev(
        input({
          scores: [...base, score(CALF, "right", "2", "02-14"), score(CALF, "right", "3", "02-14")],
        }),
      ),
    ).toEqual([flag("BOTOX_REFERRAL", [R_CALF])]);
    // 4 then 3 on the same date → latest is 3 → no MAS4
    expect(
      ev(
        input({
          scores: [...base, score(CALF, "right", "4", "02-14"), score(CALF, "right", "3", "02-14")],
        }),
      ),
    ).toEqual([flag("BOTOX_REFERRAL", [R_CALF])]);
  });

  it("keys are one muscle group on one side: left and right are separate", () => {
    const s = [score(CALF, "right", "3", "01-01"), score(CALF, "left", "3", "02-14")];
    expect(ev(input({ scores: s }))).toEqual([]);
  });
});

// ---------------------------------------------------------------------------
// R1 aggravating factors
// ---------------------------------------------------------------------------

describe("R1(a) trigger in [D − 14, D] withholds R2–R4", () => {
  const D = "2025-03-01";
  const scores = pht(R_CALF, D, 40);

  it("trigger at D − 14 → TRIGGER_REVIEW [K] only", () => {
    expect(ev(input({ scores, triggers: [trigger("uti", addDays(D, -14))], asOf: D }))).toEqual([
      flag("TRIGGER_REVIEW", [R_CALF]),
    ]);
  });

  it("trigger at D − 15 → not a trigger for K (BOTOX_REFERRAL, no TRIGGER_REVIEW)", () => {
    expect(ev(input({ scores, triggers: [trigger("uti", addDays(D, -15))], asOf: D }))).toEqual([
      flag("BOTOX_REFERRAL", [R_CALF]),
    ]);
  });

  it("trigger at D → TRIGGER_REVIEW [K] only", () => {
    expect(ev(input({ scores, triggers: [trigger("relapse", D)], asOf: D }))).toEqual([
      flag("TRIGGER_REVIEW", [R_CALF]),
    ]);
  });

  it.each([
    "uti",
    "infection",
    "fever",
    "relapse",
    "pressure_sore",
    "constipation",
  ] as Trigger["kind"][])("every trigger kind counts: %s", (kind) => {
    expect(ev(input({ scores, triggers: [trigger(kind, addDays(D, -3))], asOf: D }))).toEqual([
      flag("TRIGGER_REVIEW", [R_CALF]),
    ]);
  });

  it("the window is anchored on D, not asOf (D before asOf)", () => {
    const asOf = addDays(D, 30);
    // D − 10: in (a) window, outside (c) window → withheld
    expect(ev(input({ scores, triggers: [trigger("uti", addDays(D, -10))], asOf }))).toEqual([
      flag("TRIGGER_REVIEW", [R_CALF]),
    ]);
    // D + 5: after D (not (a)), more than 14 days before asOf (not (c)) → BOTOX
    expect(ev(input({ scores, triggers: [trigger("uti", addDays(D, 5))], asOf }))).toEqual([
      flag("BOTOX_REFERRAL", [R_CALF]),
    ]);
    // asOf − 3: (c) only → TRIGGER_REVIEW [] and BOTOX still raised
    expect(ev(input({ scores, triggers: [trigger("uti", addDays(asOf, -3))], asOf }))).toEqual([
      flag("BOTOX_REFERRAL", [R_CALF]),
      flag("TRIGGER_REVIEW", []),
    ]);
  });

  it("D is the latest score date over all runs of K, and the keys are all of K", () => {
    // A latest 03-01, B latest 02-01 → D = 03-01
    const s = [...pht(R_CALF, "03-01", 40), ...pht(L_HAM, "02-01", 40)];
    // 02-20 is D − 9 (and 19 days after B's latest): (a) applies → keys K = both
    expect(ev(input({ scores: s, triggers: [trigger("fever", "02-20")], asOf: "03-01" }))).toEqual([
      flag("TRIGGER_REVIEW", [R_CALF, L_HAM]),
    ]);
    // 02-10 is D − 19 → no (a), no (c) → focal BOTOX for both
    expect(ev(input({ scores: s, triggers: [trigger("fever", "02-10")], asOf: "03-01" }))).toEqual([
      flag("BOTOX_REFERRAL", [R_CALF, L_HAM]),
    ]);
  });

  it("withholds generalised R4 too (BACLOFEN_REVIEW, SURGICAL_REFERRAL)", () => {
    const asOf = "2025-06-30";
    const s = [
      ...pht(L_CALF, asOf, 60, "4"),
      ...pht(R_CALF, asOf, 60, "4"),
      ...pht(R_HAM, asOf, 60),
    ];
    expect(
      ev(
        input({
          scores: s,
          treatments: [oral("2024-01-01")],
          spasmFrequency: [penn(4, asOf)],
          triggers: [trigger("infection", addDays(asOf, -2))],
          asOf,
        }),
      ),
    ).toEqual([
      flag("TRIGGER_REVIEW", [L_CALF, R_CALF, R_HAM]),
      flag("MAS4_REVIEW", [L_CALF, R_CALF]),
    ]);
  });

  it("withholds REASSESS_AFTER_BOTOX and toxin-refractory SURGICAL_REFERRAL too", () => {
    const s = [score(CALF, "right", "3", "01-01"), score(CALF, "right", "3", "02-15")];
    expect(
      ev(
        input({
          scores: s,
          treatments: [toxin(CALF, "right", "01-05")],
          triggers: [trigger("constipation", "02-10")],
        }),
      ),
    ).toEqual([flag("TRIGGER_REVIEW", [R_CALF])]);
  });

  it("a trigger after asOf is ignored", () => {
    expect(ev(input({ scores, triggers: [trigger("uti", addDays(D, 1))], asOf: D }))).toEqual([
      flag("BOTOX_REFERRAL", [R_CALF]),
    ]);
  });
});

describe("R1(b) sudden worsening", () => {
  const lham = (g: Grade, on: string) => score(HAM, "left", g, on);

  it("1+ → 3 (rise of exactly 2 ranks) 30 days apart → TRIGGER_REVIEW [key]", () => {
    const out = ev(input({ scores: [lham("1+", "01-01"), lham("3", "01-31")] }));
    expect(out).toEqual([flag("TRIGGER_REVIEW", [L_HAM])]);
  });

  it("1+ → 3, 31 days apart → nothing", () => {
    expect(ev(input({ scores: [lham("1+", "01-01"), lham("3", "02-01")] }))).toEqual([]);
  });

  it("2 → 3 (rise of 1) → nothing", () => {
    expect(ev(input({ scores: [lham("2", "01-01"), lham("3", "01-15")] }))).toEqual([]);
  });

  it("1 → 3 (rise of 3) → TRIGGER_REVIEW; 0 → 4 → TRIGGER_REVIEW and MAS4_REVIEW", () => {
    expect(ev(input({ scores: [lham("1", "01-01"), lham("3", "01-15")] }))).toEqual([
      flag("TRIGGER_REVIEW", [L_HAM]),
    ]);
    expect(ev(input({ scores: [lham("0", "01-01"), lham("4", "01-15")] }))).toEqual([
      flag("TRIGGER_REVIEW", [L_HAM]),
      flag("MAS4_REVIEW", [L_HAM]),
    ]);
  });

  it("2 → 4 (rise of 2) → TRIGGER_REVIEW and MAS4_REVIEW", () => {
    expect(ev(input({ scores: [lham("2", "01-01"), lham("4", "01-20")] }))).toEqual([
      flag("TRIGGER_REVIEW", [L_HAM]),
      flag("MAS4_REVIEW", [L_HAM]),
    ]);
  });

  it("3 → 4 (rise of 1) → MAS4_REVIEW only", () => {
    expect(ev(input({ scores: [lham("3", "01-01"), lham("4", "01-20")] }))).toEqual([
      flag("MAS4_REVIEW", [L_HAM]),
    ]);
  });

  it("the latest must be high: 1 → 2 (rise of 2) and 0 → 1+ → nothing", () => {
    expect(ev(input({ scores: [lham("1", "01-01"), lham("2", "01-15")] }))).toEqual([]);
    expect(ev(input({ scores: [lham("0", "01-01"), lham("1+", "01-15")] }))).toEqual([]);
  });

  it("only the two latest scores count", () => {
    // 0 → 2 → 3: latest two are 2 → 3 (rise 1)
    expect(
      ev(input({ scores: [lham("0", "01-01"), lham("2", "01-20"), lham("3", "01-25")] })),
    ).toEqual([]);
    // 1 (long ago) → 1+ → 3 within 30 days
    expect(
      ev(input({ scores: [lham("1", "2024-06-01"), lham("1+", "01-01"), lham("3", "01-25")] })),
    ).toEqual([flag("TRIGGER_REVIEW", [L_HAM])]);
  });

  it("a falling grade is not a worsening", () => {
    expect(ev(input({ scores: [lham("4", "01-01"), lham("1", "01-10")] }))).toEqual([]);
  });

  it("same-date duplicates count as one score (last in input order wins)", () => {
    // 3 then 1+ on 01-20 → latest is 1+ → no rise
    expect(
      ev(input({ scores: [lham("1+", "01-01"), lham("3", "01-20"), lham("1+", "01-20")] })),
    ).toEqual([]);
    // 1+ then 3 on 01-20 → latest two are 1+ (01-01) and 3 (01-20)
    expect(
      ev(input({ scores: [lham("1+", "01-01"), lham("1+", "01-20"), lham("3", "01-20")] })),
    ).toEqual([flag("TRIGGER_REVIEW", [L_HAM])]);
  });

  it("withholds nothing: a PHT key still gets BOTOX_REFERRAL", () => {
    const s = [...pht(R_CALF, "03-01", 40), lham("1+", "02-20"), lham("3", "03-01")];
    expect(ev(input({ scores: s }))).toEqual([
      flag("BOTOX_REFERRAL", [R_CALF]),
      flag("TRIGGER_REVIEW", [L_HAM]),
    ]);
  });

  it("the TRIGGER_REVIEW keys are the union of (a) and (b)", () => {
    const s = [...pht(R_CALF, "03-01", 40), lham("1+", "02-20"), lham("3", "03-01")];
    expect(ev(input({ scores: s, triggers: [trigger("uti", "02-25")] }))).toEqual([
      flag("TRIGGER_REVIEW", [R_CALF, L_HAM]),
    ]);
  });

  it("scores after asOf are ignored", () => {
    expect(ev(input({ scores: [lham("1+", "01-01"), lham("3", "01-20")], asOf: "01-19" }))).toEqual(
      [],
    );
  });
});

describe("R1(c) trigger in [asOf − 14, asOf]", () => {
  const asOf = "2025-05-01";

  it("asOf − 14 → TRIGGER_REVIEW with no keys; asOf − 15 → nothing; asOf → flag", () => {
    const at = (n: number) => ev(input({ triggers: [trigger("uti", addDays(asOf, -n))], asOf }));
    expect(at(14)).toEqual([flag("TRIGGER_REVIEW", [])]);
    expect(at(15)).toEqual([]);
    expect(at(0)).toEqual([flag("TRIGGER_REVIEW", [])]);
    expect("action" in nth(at(0), 0)).toBe(false);
  });

  it("a trigger after asOf is ignored", () => {
    expect(ev(input({ triggers: [trigger("uti", addDays(asOf, 1))], asOf }))).toEqual([]);
  });

  it("withholds nothing (PHT with D long before asOf keeps BOTOX_REFERRAL)", () => {
    const s = [score(CALF, "right", "3", "01-01"), score(CALF, "right", "3", "02-01")];
    expect(
      ev(input({ scores: s, triggers: [trigger("pressure_sore", "03-25")], asOf: "04-01" })),
    ).toEqual([flag("BOTOX_REFERRAL", [R_CALF]), flag("TRIGGER_REVIEW", [])]);
  });

  it("with non-PHT scores present the (c) flag still has no keys", () => {
    const s = [score(CALF, "right", "2", "04-01"), score(CALF, "right", "3", "04-20")];
    expect(ev(input({ scores: s, triggers: [trigger("uti", "04-25")], asOf }))).toEqual([
      flag("TRIGGER_REVIEW", []),
    ]);
  });
});

// ---------------------------------------------------------------------------
// R3 focal: toxin
// ---------------------------------------------------------------------------

describe("R3 focal and toxin non-response", () => {
  // Injection B on 06-01 with a high score at 07-01 (in [06-29, 08-24], window not yet over at
  // asOf 07-01) is a clean non-response; B is 30 days before asOf, so without a second
  // non-response the key lands in REASSESS_AFTER_BOTOX.
  const asOf = "2025-07-01";
  const injA = "2025-01-01";
  const base = (extra: Score[], treatments: Treatment[] = []) =>
    input({
      scores: [...extra, score(CALF, "right", "3", asOf)],
      treatments: [toxin(CALF, "right", injA), toxin(CALF, "right", "06-01"), ...treatments],
      asOf,
    });
  const at = (n: number, g: Grade = "3") => score(CALF, "right", g, addDays(injA, n));

  it("score at t + 27 does not count → REASSESS_AFTER_BOTOX", () => {
    expect(ev(base([at(27)]))).toEqual([flag("REASSESS_AFTER_BOTOX", [R_CALF])]);
  });

  it("score at t + 28 counts → 2 non-responses → SURGICAL_REFERRAL toxin_refractory", () => {
    const out = ev(base([at(28)]));
    expect(out).toEqual([flag("SURGICAL_REFERRAL", [R_CALF], "toxin_refractory")]);
  });

  it("score at t + 84 counts → SURGICAL_REFERRAL toxin_refractory", () => {
    expect(ev(base([at(84)]))).toEqual([flag("SURGICAL_REFERRAL", [R_CALF], "toxin_refractory")]);
  });

  it("score at t + 85 does not count → REASSESS_AFTER_BOTOX", () => {
    expect(ev(base([at(85)]))).toEqual([flag("REASSESS_AFTER_BOTOX", [R_CALF])]);
  });

  it("all scores in the window must be high: one non-high score → not a non-response", () => {
    for (const g of ["0", "1", "1+", "2"] as Grade[]) {
      // window of A is [01-29, 03-26]; 03-27 (A + 85) restarts the run so the key stays PHT
      const out = ev(base([at(31), at(59, g), at(85)]));
      expect(out, `non-high ${g}`).toEqual([flag("REASSESS_AFTER_BOTOX", [R_CALF])]);
    }
    expect(ev(base([at(31), at(59, "3"), at(85)]))).toEqual([
      flag("SURGICAL_REFERRAL", [R_CALF], "toxin_refractory"),
    ]);
    expect(ev(base([at(31), at(59, "4"), at(85)]))).toEqual([
      flag("SURGICAL_REFERRAL", [R_CALF], "toxin_refractory"),
    ]);
  });

  it("the window need not have ended; scores in it after asOf are ignored", () => {
    // B's window runs to 08-24; a non-high score on 07-15 is after asOf and does not count
    expect(ev(base([at(28), score(CALF, "right", "1", "07-15")]))).toEqual([
      flag("SURGICAL_REFERRAL", [R_CALF], "toxin_refractory"),
    ]);
  });

  it("an injection whose window has no score yet is not a non-response", () => {
    // A is a non-response; C at asOf − 20 has no score in [C + 28, …] → count stays 1
    const s = [
      score(CALF, "right", "3", "02-01"),
      score(CALF, "right", "3", "03-01"),
      score(CALF, "right", "3", "04-01"),
    ];
    expect(
      ev(
        input({
          scores: s,
          treatments: [toxin(CALF, "right", "01-01"), toxin(CALF, "right", "03-12")],
          asOf: "04-01",
        }),
      ),
    ).toEqual([flag("REASSESS_AFTER_BOTOX", [R_CALF])]);
  });

  it("injections are counted by distinct date", () => {
    const s = [score(CALF, "right", "3", "02-01"), score(CALF, "right", "3", "03-01")];
    // two records on the same date = one injection → 1 non-response → REASSESS (59 days)
    expect(
      ev(
        input({
          scores: s,
          treatments: [toxin(CALF, "right", "01-01"), toxin(CALF, "right", "01-01")],
        }),
      ),
    ).toEqual([flag("REASSESS_AFTER_BOTOX", [R_CALF])]);
    // two dates → 2 non-responses → refractory
    expect(
      ev(
        input({
          scores: s,
          treatments: [toxin(CALF, "right", "01-01"), toxin(CALF, "right", "01-02")],
        }),
      ),
    ).toEqual([flag("SURGICAL_REFERRAL", [R_CALF], "toxin_refractory")]);
  });

  it("refractory (a) takes precedence over a recent injection (b)", () => {
    // injections 01-01 and 04-01; scores 02-01 and 05-01 (89-day gap, one run); asOf 05-01
    expect(
      ev(
        input({
          scores: [score(CALF, "right", "3", "02-01"), score(CALF, "right", "3", "05-01")],
          treatments: [toxin(CALF, "right", "01-01"), toxin(CALF, "right", "04-01")],
        }),
      ),
    ).toEqual([flag("SURGICAL_REFERRAL", [R_CALF], "toxin_refractory")]);
  });

  describe("R3(b) injection less than 84 days before asOf", () => {
    const asOf2 = "2025-06-01";
    const s = pht(R_CALF, asOf2, 60);
    const withInjection = (n: number) =>
      ev(input({ scores: s, treatments: [toxin(CALF, "right", addDays(asOf2, -n))], asOf: asOf2 }));

    it("83 days → REASSESS_AFTER_BOTOX", () => {
      expect(withInjection(83)).toEqual([flag("REASSESS_AFTER_BOTOX", [R_CALF])]);
    });
    it("84 days → BOTOX_REFERRAL", () => {
      expect(withInjection(84)).toEqual([flag("BOTOX_REFERRAL", [R_CALF])]);
    });
    it("0 days (injected on asOf) → REASSESS_AFTER_BOTOX", () => {
      expect(withInjection(0)).toEqual([flag("REASSESS_AFTER_BOTOX", [R_CALF])]);
    });
    it("an injection after asOf is ignored → BOTOX_REFERRAL", () => {
      expect(withInjection(-1)).toEqual([flag("BOTOX_REFERRAL", [R_CALF])]);
    });
    it("any recent injection counts, not only the first", () => {
      expect(
        ev(
          input({
            scores: s,
            treatments: [
              toxin(CALF, "right", addDays(asOf2, -300)),
              toxin(CALF, "right", addDays(asOf2, -10)),
            ],
            asOf: asOf2,
          }),
        ),
      ).toEqual([flag("REASSESS_AFTER_BOTOX", [R_CALF])]);
    });
  });

  describe("a toxin treatment without its key does not count", () => {
    const s = [score(CALF, "right", "3", "01-01"), score(CALF, "right", "3", "02-15")];
    it.each([
      ["no muscleGroup and no side", toxin(undefined, undefined, "01-05")],
      ["no side", toxin(CALF, undefined, "01-05")],
      ["no muscleGroup", toxin(undefined, "right", "01-05")],
      ["the other side", toxin(CALF, "left", "01-05")],
      ["another muscle group", toxin(HAM, "right", "01-05")],
    ])("%s → BOTOX_REFERRAL (example 6 otherwise)", (_label, t) => {
      expect(ev(input({ scores: s, treatments: [t] }))).toEqual([flag("BOTOX_REFERRAL", [R_CALF])]);
    });

    it("a keyless injection cannot be a non-response either", () => {
      const inp = input({
        scores: [at(28), score(CALF, "right", "3", asOf)],
        treatments: [toxin(CALF, undefined, injA), toxin(CALF, "right", "06-01")],
        asOf,
      });
      expect(ev(inp)).toEqual([flag("REASSESS_AFTER_BOTOX", [R_CALF])]);
    });
  });

  it("oral and intrathecal treatments are not injections and do not affect focal R3", () => {
    const s = [score(CALF, "right", "3", "01-01"), score(CALF, "right", "3", "02-15")];
    const o = oral("01-05");
    o.muscleGroup = CALF;
    o.side = "right";
    expect(ev(input({ scores: s, treatments: [o, intrathecal("2024-01-01")] }))).toEqual([
      flag("BOTOX_REFERRAL", [R_CALF]),
    ]);
  });
});

// ---------------------------------------------------------------------------
// R2 focal vs generalised
// ---------------------------------------------------------------------------

describe("R2 focal (1–2 keys) vs generalised (3+ keys)", () => {
  const asOf = "2025-07-01";
  // R calf: refractory (two non-response injections); B and C plain PHT
  const refractory = [score(CALF, "right", "3", "02-01"), score(CALF, "right", "3", asOf)];
  const refractoryTx = [toxin(CALF, "right", "01-01"), toxin(CALF, "right", "06-01")];

  it("2 keys: per-key R3, different keys in different flag kinds (refractory + BOTOX)", () => {
    expect(
      ev(input({ scores: [...pht(L_HAM, asOf), ...refractory], treatments: refractoryTx, asOf })),
    ).toEqual([
      flag("BOTOX_REFERRAL", [L_HAM]),
      flag("SURGICAL_REFERRAL", [R_CALF], "toxin_refractory"),
    ]);
  });

  it("2 keys: REASSESS + BOTOX", () => {
    expect(
      ev(
        input({
          scores: [...pht(L_HAM, asOf), ...pht(R_CALF, asOf)],
          treatments: [toxin(CALF, "right", addDays(asOf, -20))],
          asOf,
        }),
      ),
    ).toEqual([flag("BOTOX_REFERRAL", [L_HAM]), flag("REASSESS_AFTER_BOTOX", [R_CALF])]);
  });

  it("2 keys: refractory + REASSESS", () => {
    expect(
      ev(
        input({
          scores: [...pht(L_HAM, asOf), ...refractory],
          treatments: [...refractoryTx, toxin(HAM, "left", addDays(asOf, -5))],
          asOf,
        }),
      ),
    ).toEqual([
      flag("SURGICAL_REFERRAL", [R_CALF], "toxin_refractory"),
      flag("REASSESS_AFTER_BOTOX", [L_HAM]),
    ]);
  });

  it("3 keys → generalised: toxin history is irrelevant, BACLOFEN_REVIEW start", () => {
    expect(
      ev(
        input({
          scores: [...pht(L_HAM, asOf), ...refractory, ...pht(L_WRIST, asOf)],
          treatments: refractoryTx,
          asOf,
        }),
      ),
    ).toEqual([flag("BACLOFEN_REVIEW", [R_CALF, L_HAM, L_WRIST], "start")]);
  });

  it("4 keys → generalised", () => {
    const s = [
      ...pht(L_HAM, asOf),
      ...pht(R_HAM, asOf),
      ...pht(L_CALF, asOf),
      ...pht(R_CALF, asOf),
    ];
    expect(ev(input({ scores: s, asOf }))).toEqual([
      flag("BACLOFEN_REVIEW", [L_CALF, R_CALF, L_HAM, R_HAM], "start"),
    ]);
  });

  it("non-PHT high keys do not count toward K (2 PHT + 1 single high → focal)", () => {
    const s = [...pht(L_HAM, asOf), ...pht(R_CALF, asOf), score(WRIST, "left", "4", asOf)];
    expect(ev(input({ scores: s, asOf }))).toEqual([
      flag("BOTOX_REFERRAL", [R_CALF, L_HAM]),
      flag("MAS4_REVIEW", [L_WRIST]),
    ]);
  });
});

// ---------------------------------------------------------------------------
// R4 generalised
// ---------------------------------------------------------------------------

describe("R4 generalised", () => {
  const asOf = "2025-06-30";
  const K = [L_CALF, R_CALF, R_HAM];
  const g3 = [...pht(L_CALF, asOf), ...pht(R_CALF, asOf), ...pht(R_HAM, asOf)];
  const g4 = [...pht(L_CALF, asOf, 60, "4"), ...pht(R_CALF, asOf, 60, "4"), ...pht(R_HAM, asOf)];
  const back = (n: number) => addDays(asOf, -n);
  const run = (p: Partial<EscalationInput>) => ev(input({ scores: g3, asOf, ...p }));

  it("no treatment → BACLOFEN_REVIEW start", () => {
    expect(run({})).toEqual([flag("BACLOFEN_REVIEW", K, "start")]);
  });

  describe("(a) intrathecal baclofen active at asOf", () => {
    it("→ BACLOFEN_REVIEW pump_dose", () => {
      expect(run({ treatments: [intrathecal("2024-01-01")] })).toEqual([
        flag("BACLOFEN_REVIEW", K, "pump_dose"),
      ]);
    });

    it("→ nothing else from R4, even with oral tried and high Penn", () => {
      expect(
        run({
          treatments: [intrathecal("2024-01-01"), oral("2024-01-01")],
          spasmFrequency: [penn(4, asOf)],
        }),
      ).toEqual([flag("BACLOFEN_REVIEW", K, "pump_dose")]);
      expect(
        ev(
          input({
            scores: g4,
            treatments: [oral(back(300), back(100), "side_effects"), intrathecal(back(50))],
            asOf,
          }),
        ),
      ).toEqual([flag("BACLOFEN_REVIEW", K, "pump_dose"), flag("MAS4_REVIEW", [L_CALF, R_CALF])]);
    });

    it("takes precedence over a recently started oral (b)", () => {
      expect(run({ treatments: [intrathecal("2024-01-01"), oral(back(5))] })).toEqual([
        flag("BACLOFEN_REVIEW", K, "pump_dose"),
      ]);
    });

    it("ended on asOf → still active; ending after asOf → active", () => {
      expect(run({ treatments: [intrathecal("2024-01-01", asOf)] })).toEqual([
        flag("BACLOFEN_REVIEW", K, "pump_dose"),
      ]);
      expect(run({ treatments: [intrathecal("2024-01-01", addDays(asOf, 10))] })).toEqual([
        flag("BACLOFEN_REVIEW", K, "pump_dose"),
      ]);
      expect(run({ treatments: [intrathecal("2024-01-01", null)] })).toEqual([
        flag("BACLOFEN_REVIEW", K, "pump_dose"),
      ]);
    });

    it("ended before asOf → not active → no pump_dose", () => {
      expect(run({ treatments: [intrathecal("2024-01-01", back(1))] })).toEqual([
        flag("BACLOFEN_REVIEW", K, "start"),
      ]);
    });

    it("starting after asOf → ignored", () => {
      expect(run({ treatments: [intrathecal(addDays(asOf, 1))] })).toEqual([
        flag("BACLOFEN_REVIEW", K, "start"),
      ]);
    });
  });

  describe("(b) most recent active oral started less than 42 days before asOf", () => {
    it("41 days → nothing from R4", () => {
      expect(run({ treatments: [oral(back(41))] })).toEqual([]);
    });
    it("42 days → BACLOFEN_REVIEW optimise", () => {
      expect(run({ treatments: [oral(back(42))] })).toEqual([
        flag("BACLOFEN_REVIEW", K, "optimise"),
      ]);
    });
    it("the most recently started active oral decides (an add-on 10 days ago)", () => {
      expect(run({ treatments: [oral(back(300)), oral(back(10))] })).toEqual([]);
    });
    it("a recent oral that already ended is not in O → start", () => {
      expect(run({ treatments: [oral(back(41), back(1))] })).toEqual([
        flag("BACLOFEN_REVIEW", K, "start"),
      ]);
    });
    it("an oral ending after asOf is active → in O", () => {
      expect(run({ treatments: [oral(back(41), addDays(asOf, 3))] })).toEqual([]);
      expect(run({ treatments: [oral(back(60), addDays(asOf, 3))] })).toEqual([
        flag("BACLOFEN_REVIEW", K, "optimise"),
      ]);
    });
    it("an oral starting after asOf is ignored", () => {
      expect(run({ treatments: [oral(addDays(asOf, 1))] })).toEqual([
        flag("BACLOFEN_REVIEW", K, "start"),
      ]);
    });
  });

  describe("(c) SURGICAL_REFERRAL intrathecal_assessment", () => {
    const severe = { spasmFrequency: [penn(3, asOf)] };

    it("active oral that ran 84 days + Penn 3 → optimise + SURGICAL", () => {
      expect(run({ treatments: [oral(back(84))], ...severe })).toEqual([
        flag("BACLOFEN_REVIEW", K, "optimise"),
        flag("SURGICAL_REFERRAL", K, "intrathecal_assessment"),
      ]);
    });

    it("active oral that ran 83 days + Penn 3 → optimise only", () => {
      expect(run({ treatments: [oral(back(83))], ...severe })).toEqual([
        flag("BACLOFEN_REVIEW", K, "optimise"),
      ]);
    });

    it("ended oral that ran 84 days (start to end) → start + SURGICAL; 83 → start only", () => {
      expect(run({ treatments: [oral(back(300), back(216))], ...severe })).toEqual([
        flag("BACLOFEN_REVIEW", K, "start"),
        flag("SURGICAL_REFERRAL", K, "intrathecal_assessment"),
      ]);
      expect(run({ treatments: [oral(back(300), back(217))], ...severe })).toEqual([
        flag("BACLOFEN_REVIEW", K, "start"),
      ]);
    });

    it("an oral ending after asOf runs to asOf", () => {
      expect(run({ treatments: [oral(back(84), addDays(asOf, 30))], ...severe })).toEqual([
        flag("BACLOFEN_REVIEW", K, "optimise"),
        flag("SURGICAL_REFERRAL", K, "intrathecal_assessment"),
      ]);
      expect(run({ treatments: [oral(back(83), addDays(asOf, 30))], ...severe })).toEqual([
        flag("BACLOFEN_REVIEW", K, "optimise"),
      ]);
    });

    it("short oral stopped for side effects before asOf counts as tried", () => {
      expect(run({ treatments: [oral(back(30), back(20), "side_effects")], ...severe })).toEqual([
        flag("BACLOFEN_REVIEW", K, "start"),
        flag("SURGICAL_REFERRAL", K, "intrathecal_assessment"),
      ]);
    });

    it("short oral stopped for another reason does not count", () => {
      for (const why of ["ineffective", "other", null] as const) {
        expect(
          run({ treatments: [oral(back(30), back(20), why)], ...severe }),
          String(why),
        ).toEqual([flag("BACLOFEN_REVIEW", K, "start")]);
      }
    });

    it("stopped for side effects on asOf counts (it is also still active on asOf)", () => {
      expect(run({ treatments: [oral(back(50), asOf, "side_effects")], ...severe })).toEqual([
        flag("BACLOFEN_REVIEW", K, "optimise"),
        flag("SURGICAL_REFERRAL", K, "intrathecal_assessment"),
      ]);
    });

    it("stopped for side effects after asOf does not count", () => {
      expect(
        run({ treatments: [oral(back(50), addDays(asOf, 5), "side_effects")], ...severe }),
      ).toEqual([flag("BACLOFEN_REVIEW", K, "optimise")]);
    });

    it("tried but not severe (no grade 4, no Penn ≥ 3) → BACLOFEN only", () => {
      expect(run({ treatments: [oral(back(200))] })).toEqual([
        flag("BACLOFEN_REVIEW", K, "optimise"),
      ]);
    });

    it("severe but not tried → BACLOFEN only", () => {
      expect(run({ ...severe })).toEqual([flag("BACLOFEN_REVIEW", K, "start")]);
      expect(ev(input({ scores: g4, asOf }))).toEqual([
        flag("BACLOFEN_REVIEW", K, "start"),
        flag("MAS4_REVIEW", [L_CALF, R_CALF]),
      ]);
    });

    it("2 keys of K with latest grade 4 → severe", () => {
      expect(ev(input({ scores: g4, treatments: [oral(back(200))], asOf }))).toEqual([
        flag("BACLOFEN_REVIEW", K, "optimise"),
        flag("SURGICAL_REFERRAL", K, "intrathecal_assessment"),
        flag("MAS4_REVIEW", [L_CALF, R_CALF]),
      ]);
    });

    it("only 1 key of K with latest grade 4 → not severe", () => {
      const s = [...pht(L_CALF, asOf, 60, "4"), ...pht(R_CALF, asOf), ...pht(R_HAM, asOf)];
      expect(ev(input({ scores: s, treatments: [oral(back(200))], asOf }))).toEqual([
        flag("BACLOFEN_REVIEW", K, "optimise"),
        flag("MAS4_REVIEW", [L_CALF]),
      ]);
    });

    it("a grade-4 key outside K does not count toward the 2", () => {
      const s = [
        ...pht(L_CALF, asOf, 60, "4"),
        ...pht(R_CALF, asOf),
        ...pht(R_HAM, asOf),
        score(WRIST, "left", "4", asOf),
      ];
      expect(ev(input({ scores: s, treatments: [oral(back(200))], asOf }))).toEqual([
        flag("BACLOFEN_REVIEW", K, "optimise"),
        flag("MAS4_REVIEW", [L_CALF, L_WRIST]),
      ]);
    });

    it("Penn ≥ 3 window: asOf − 28 in, asOf − 29 out", () => {
      const tried = [oral(back(200))];
      expect(run({ treatments: tried, spasmFrequency: [penn(3, back(28))] })).toEqual([
        flag("BACLOFEN_REVIEW", K, "optimise"),
        flag("SURGICAL_REFERRAL", K, "intrathecal_assessment"),
      ]);
      expect(run({ treatments: tried, spasmFrequency: [penn(3, back(29))] })).toEqual([
        flag("BACLOFEN_REVIEW", K, "optimise"),
      ]);
    });

    it("Penn 2 is not enough, Penn 4 is; Penn after asOf is ignored", () => {
      const tried = [oral(back(200))];
      expect(run({ treatments: tried, spasmFrequency: [penn(2, asOf), penn(2, back(3))] })).toEqual(
        [flag("BACLOFEN_REVIEW", K, "optimise")],
      );
      expect(run({ treatments: tried, spasmFrequency: [penn(4, back(5))] })).toEqual([
        flag("BACLOFEN_REVIEW", K, "optimise"),
        flag("SURGICAL_REFERRAL", K, "intrathecal_assessment"),
      ]);
      expect(run({ treatments: tried, spasmFrequency: [penn(4, addDays(asOf, 1))] })).toEqual([
        flag("BACLOFEN_REVIEW", K, "optimise"),
      ]);
    });

    it("(b) suppresses SURGICAL_REFERRAL too (recent add-on with an old tried oral)", () => {
      expect(run({ treatments: [oral(back(300)), oral(back(20))], ...severe })).toEqual([]);
    });
  });
});

// ---------------------------------------------------------------------------
// R5 MAS4_REVIEW
// ---------------------------------------------------------------------------

describe("R5 MAS4_REVIEW", () => {
  it("appears even when R1(a) withholds R2–R4", () => {
    const D = "2025-03-01";
    expect(
      ev(input({ scores: pht(R_CALF, D, 40, "4"), triggers: [trigger("uti", D)], asOf: D })),
    ).toEqual([flag("TRIGGER_REVIEW", [R_CALF]), flag("MAS4_REVIEW", [R_CALF])]);
  });

  it("for every key whose latest score is 4, sorted", () => {
    const s = [
      score(HAM, "right", "4", "03-01"),
      score(HIP, "left", "4", "03-02"),
      score(CALF, "right", "4", "03-03"),
      score(CALF, "left", "4", "03-04"),
      score(ELBOW, "right", "2", "03-05"),
    ];
    expect(ev(input({ scores: s }))).toEqual([
      flag("MAS4_REVIEW", [L_CALF, R_CALF, key(HIP, "left"), R_HAM]),
    ]);
  });

  it("only the latest score matters (4 then 3, 4 then 2 → no MAS4)", () => {
    expect(
      ev(
        input({ scores: [score(CALF, "right", "4", "01-01"), score(CALF, "right", "3", "02-01")] }),
      ),
    ).toEqual([flag("BOTOX_REFERRAL", [R_CALF])]);
    expect(
      ev(
        input({ scores: [score(CALF, "right", "4", "01-01"), score(CALF, "right", "2", "02-01")] }),
      ),
    ).toEqual([]);
  });

  it("a 4 after asOf is ignored", () => {
    const s = [
      score(CALF, "right", "3", "01-01"),
      score(CALF, "right", "3", "02-01"),
      score(CALF, "right", "4", "02-10"),
    ];
    expect(ev(input({ scores: s, asOf: "02-01" }))).toEqual([flag("BOTOX_REFERRAL", [R_CALF])]);
  });
});

// ---------------------------------------------------------------------------
// R6 NEURO_REVIEW
// ---------------------------------------------------------------------------

describe("R6 NEURO_REVIEW", () => {
  const asOf = "2025-06-01";
  const back = (n: number) => addDays(asOf, -n);
  const run = (signs: NeuroSign[]) => ev(input({ neuroSigns: signs, asOf }));

  it("fasciculations at asOf − 90 and weakness at asOf → flag", () => {
    expect(run([neuro("fasciculations", back(90)), neuro("weakness", asOf)])).toEqual([
      flag("NEURO_REVIEW", []),
    ]);
  });
  it("fasciculations at asOf − 91 → nothing", () => {
    expect(run([neuro("fasciculations", back(91)), neuro("weakness", asOf)])).toEqual([]);
  });
  it("weakness at asOf − 91 → nothing", () => {
    expect(run([neuro("fasciculations", asOf), neuro("weakness", back(91))])).toEqual([]);
  });
  it("fasciculations alone, weakness alone, wasting alone, weakness + wasting → nothing", () => {
    expect(run([neuro("fasciculations", back(1)), neuro("fasciculations", back(5))])).toEqual([]);
    expect(run([neuro("weakness", back(1))])).toEqual([]);
    expect(run([neuro("wasting", back(1))])).toEqual([]);
    expect(run([neuro("weakness", back(1)), neuro("wasting", back(2))])).toEqual([]);
  });
  it("fasciculations + wasting on different days within the window → flag", () => {
    expect(run([neuro("wasting", back(10)), neuro("fasciculations", back(60))])).toEqual([
      flag("NEURO_REVIEW", []),
    ]);
  });
  it("signs after asOf are ignored", () => {
    expect(run([neuro("fasciculations", addDays(asOf, 1)), neuro("weakness", asOf)])).toEqual([]);
    expect(run([neuro("fasciculations", asOf), neuro("wasting", addDays(asOf, 2))])).toEqual([]);
  });
});

// ---------------------------------------------------------------------------
// Filtering by asOf
// ---------------------------------------------------------------------------

describe("entries after asOf", () => {
  it("a later non-high score is ignored (example 1 still BOTOX)", () => {
    const s = [
      score(CALF, "right", "3", "01-10"),
      score(CALF, "right", "3", "02-14"),
      score(CALF, "right", "2", "02-20"),
    ];
    expect(ev(input({ scores: s, asOf: "02-14" }))).toEqual([flag("BOTOX_REFERRAL", [R_CALF])]);
  });

  it("a later high score is ignored (no PHT from the future)", () => {
    const s = [
      score(CALF, "right", "3", "01-10"),
      score(CALF, "right", "3", "01-20"),
      score(CALF, "right", "3", "03-01"),
    ];
    expect(ev(input({ scores: s, asOf: "02-14" }))).toEqual([]);
  });

  it("a toxin injection after asOf is ignored", () => {
    const s = [score(CALF, "right", "3", "01-10"), score(CALF, "right", "3", "02-14")];
    expect(
      ev(input({ scores: s, treatments: [toxin(CALF, "right", "02-15")], asOf: "02-14" })),
    ).toEqual([flag("BOTOX_REFERRAL", [R_CALF])]);
  });
});

// ---------------------------------------------------------------------------
// 7. Output format
// ---------------------------------------------------------------------------

describe("output format", () => {
  const asOf = "2025-07-01";

  it("focal: flags in FlagKind order with every other kind present", () => {
    const s = [
      // R calf refractory
      score(CALF, "right", "3", "02-01"),
      score(CALF, "right", "3", asOf),
      // L ham plain PHT
      ...pht(L_HAM, asOf),
      // R hip flexors: sudden worsening to 4
      score(HIP, "right", "1", addDays(asOf, -10)),
      score(HIP, "right", "4", asOf),
    ];
    const out = ev(
      input({
        scores: [...s].reverse(),
        treatments: [toxin(CALF, "right", "06-01"), toxin(CALF, "right", "01-01")],
        neuroSigns: [neuro("weakness", asOf), neuro("fasciculations", addDays(asOf, -3))],
        asOf,
      }),
    );
    expect(out).toEqual([
      flag("BOTOX_REFERRAL", [L_HAM]),
      flag("SURGICAL_REFERRAL", [R_CALF], "toxin_refractory"),
      flag("TRIGGER_REVIEW", [key(HIP, "right")]),
      flag("MAS4_REVIEW", [key(HIP, "right")]),
      flag("NEURO_REVIEW", []),
    ]);
    for (const f of out) {
      const hasAction = f.kind === "BACLOFEN_REVIEW" || f.kind === "SURGICAL_REFERRAL";
      expect("action" in f).toBe(hasAction);
    }
  });

  it("focal with REASSESS_AFTER_BOTOX in its place", () => {
    const out = ev(
      input({
        scores: [...pht(L_HAM, asOf), ...pht(R_CALF, asOf, 60, "4")],
        treatments: [toxin(CALF, "right", addDays(asOf, -30))],
        triggers: [trigger("uti", "2024-01-01"), trigger("relapse", addDays(asOf, -14))],
        asOf,
      }),
    );
    // trigger at asOf − 14 = D − 14 → (a) withholds everything but TRIGGER and MAS4
    expect(out).toEqual([flag("TRIGGER_REVIEW", [R_CALF, L_HAM]), flag("MAS4_REVIEW", [R_CALF])]);
    const out2 = ev(
      input({
        scores: [...pht(L_HAM, addDays(asOf, -20)), ...pht(R_CALF, addDays(asOf, -20), 60, "4")],
        treatments: [toxin(CALF, "right", addDays(asOf, -50))],
        triggers: [trigger("relapse", addDays(asOf, -2))],
        neuroSigns: [neuro("fasciculations", asOf), neuro("wasting", asOf)],
        asOf,
      }),
    );
    expect(out2).toEqual([
      flag("BOTOX_REFERRAL", [L_HAM]),
      flag("REASSESS_AFTER_BOTOX", [R_CALF]),
      flag("TRIGGER_REVIEW", []),
      flag("MAS4_REVIEW", [R_CALF]),
      flag("NEURO_REVIEW", []),
    ]);
  });

  it("generalised: BACLOFEN, SURGICAL, TRIGGER, MAS4, NEURO in order", () => {
    const s = [
      ...pht(key(HIP, "right"), asOf, 60, "4"),
      ...pht(key(ELBOW, "left"), asOf, 60, "4"),
      ...pht(L_CALF, asOf),
    ];
    // TRIGGER_REVIEW from R1(b): a fourth, non-PHT key worsening suddenly (0 → 3 in 5 days)
    const out = ev(
      input({
        scores: [
          ...s.reverse(),
          score(WRIST, "left", "0", addDays(asOf, -5)),
          score(WRIST, "left", "3", asOf),
        ],
        treatments: [oral("2024-01-01")],
        neuroSigns: [neuro("fasciculations", asOf), neuro("weakness", asOf)],
        asOf,
      }),
    );
    expect(out).toEqual([
      flag("BACLOFEN_REVIEW", [L_CALF, key(ELBOW, "left"), key(HIP, "right")], "optimise"),
      flag(
        "SURGICAL_REFERRAL",
        [L_CALF, key(ELBOW, "left"), key(HIP, "right")],
        "intrathecal_assessment",
      ),
      flag("TRIGGER_REVIEW", [L_WRIST]),
      flag("MAS4_REVIEW", [key(ELBOW, "left"), key(HIP, "right")]),
      flag("NEURO_REVIEW", []),
    ]);
  });

  it("keys sorted by muscle-group code as plain strings, then left before right", () => {
    const s = [
      ...pht(key(HAM, "right"), asOf),
      ...pht(key(HIP, "right"), asOf),
      ...pht(key(CALF, "right"), asOf),
      ...pht(key(CALF, "left"), asOf),
      ...pht(key(HIP, "left"), asOf),
    ];
    expect(ev(input({ scores: s, asOf }))).toEqual([
      flag(
        "BACLOFEN_REVIEW",
        [L_CALF, R_CALF, key(HIP, "left"), key(HIP, "right"), R_HAM],
        "start",
      ),
    ]);
    // focal: hip_flexors right listed first in input
    expect(
      ev(input({ scores: [...pht(key(HIP, "right"), asOf), ...pht(L_CALF, asOf)], asOf })),
    ).toEqual([flag("BOTOX_REFERRAL", [L_CALF, key(HIP, "right")])]);
    // right before left in input, same group
    expect(ev(input({ scores: [...pht(R_CALF, asOf), ...pht(L_CALF, asOf)], asOf }))).toEqual([
      flag("BOTOX_REFERRAL", [L_CALF, R_CALF]),
    ]);
  });

  it("plain string order of all twelve codes (MAS4_REVIEW)", () => {
    const codes: MuscleGroup[] = [
      "hip_flexors",
      "hip_adductors",
      "hip_extensors",
      "knee_flexors",
      "knee_extensors",
      "ankle_plantarflexors",
      "shoulder_adductors",
      "elbow_flexors",
      "elbow_extensors",
      "forearm_pronators",
      "wrist_flexors",
      "finger_flexors",
    ];
    const s = codes.flatMap((c) => [score(c, "right", "4", asOf), score(c, "left", "4", asOf)]);
    const expectedKeys = [...codes].sort().flatMap((c) => [key(c, "left"), key(c, "right")]);
    expect(expectedKeys[0]).toEqual(key("ankle_plantarflexors", "left"));
    expect(expectedKeys.slice(2, 6).map((k) => k.muscleGroup)).toEqual([
      "elbow_extensors",
      "elbow_extensors",
      "elbow_flexors",
      "elbow_flexors",
    ]);
    expect(ev(input({ scores: s, asOf }))).toEqual([flag("MAS4_REVIEW", expectedKeys)]);
  });

  it("TRIGGER_REVIEW from (c) alone has keys [] and no action", () => {
    const out = ev(input({ triggers: [trigger("fever", asOf)], asOf }));
    expect(out).toEqual([flag("TRIGGER_REVIEW", [])]);
    expect("action" in nth(out, 0)).toBe(false);
  });

  it("empty input → no flags", () => {
    expect(ev(input({ asOf }))).toEqual([]);
  });

  it("does not mutate its input", () => {
    const inp = input({
      scores: [...pht(R_CALF, asOf), score(HAM, "left", "1", asOf), score(HAM, "left", "1", asOf)],
      treatments: [toxin(CALF, "right", "01-01"), oral("2024-01-01")],
      triggers: [trigger("uti", asOf)],
      neuroSigns: [neuro("fasciculations", asOf)],
      spasmFrequency: [penn(3, asOf)],
      asOf,
    });
    const copy = structuredClone(inp);
    ev(inp);
    expect(inp).toEqual(copy);
  });
});

// ---------------------------------------------------------------------------
// 8. Property-based tests
// ---------------------------------------------------------------------------

const PROP_KEYS: Key[] = [L_CALF, R_CALF, R_HAM, key(HIP, "left")];
const ORIGIN = "2024-01-01";

type RawInput = {
  asOfDay: number;
  scores: { k: number; back: number; grade: Grade }[];
  treatments: {
    kind: Treatment["kind"];
    back: number;
    duration: number | "asOf" | null;
    k: number;
    missing: "none" | "group" | "side" | "both";
    stopped: Treatment["stoppedBecause"] | undefined;
  }[];
  triggers: { kind: Trigger["kind"]; back: number }[];
  neuro: { kind: NeuroSign["kind"]; back: number }[];
  penn: { score: Penn["score"]; back: number }[];
  /** repeated injections of the first two keys (so that non-responses accumulate) */
  injections: { k: number; back: number }[];
};

const gradeArb: fc.Arbitrary<Grade> = fc.oneof(
  { arbitrary: fc.constantFrom<Grade>("3", "4"), weight: 5 },
  { arbitrary: fc.constantFrom<Grade>("0", "1", "1+", "2"), weight: 2 },
);
// "days before asOf": mostly inside the window of interest, some after asOf
const backArb = fc.integer({ min: -30, max: 420 });
// offsets on and beside every boundary of §5 (14, 28, 42, 84, 90 days before asOf)
const edgeBackArb = fc.constantFrom(
  -1,
  0,
  1,
  13,
  14,
  15,
  27,
  28,
  29,
  41,
  42,
  43,
  83,
  84,
  85,
  89,
  90,
  91,
  101,
  168,
  169,
);
const nearBackArb = fc.oneof(fc.integer({ min: -5, max: 35 }), edgeBackArb, backArb);

/** `dense`: recent, mostly high trajectories (many generalised patterns; R4 gets exercised). */
function rawArb(uniqueScoreDates: boolean, dense = false): fc.Arbitrary<RawInput> {
  const scoreArb = fc.record({ k: fc.nat(PROP_KEYS.length - 1), back: backArb, grade: gradeArb });
  // per key, a trajectory of assessments (so that runs, PHT and generalised patterns are common),
  // plus a few scattered scores; then all of them in a random order
  const trajectoryArb = fc.record({
    start: dense ? fc.integer({ min: 30, max: 200 }) : fc.integer({ min: 20, max: 400 }),
    steps: fc.array(
      fc.record({
        gap: fc.integer({ min: uniqueScoreDates ? 1 : 0, max: dense ? 60 : 90 }),
        grade: dense
          ? fc.oneof({ arbitrary: gradeArb, weight: 1 }, fc.constantFrom<Grade>("3", "4"))
          : gradeArb,
      }),
      { minLength: dense ? 2 : 0, maxLength: 6 },
    ),
  });
  const scoresArb = fc
    .record({
      trajectories: fc.array(trajectoryArb, {
        minLength: PROP_KEYS.length,
        maxLength: PROP_KEYS.length,
      }),
      scattered: fc.array(scoreArb, { maxLength: 6 }),
      seed: fc.integer(),
    })
    .map(({ trajectories, scattered, seed }) => {
      const all: RawInput["scores"] = [];
      trajectories.forEach((t, k) => {
        let back = t.start;
        for (const step of t.steps) {
          back -= step.gap;
          all.push({ k, back, grade: step.grade });
        }
      });
      all.push(...scattered);
      const seen = new Set<string>();
      const kept = uniqueScoreDates
        ? all.filter((x) => {
            const id = `${x.k}|${x.back}`;
            if (seen.has(id)) return false;
            seen.add(id);
            return true;
          })
        : all;
      return shuffle(kept, seed);
    });
  return fc.record({
    asOfDay: fc.integer({ min: 420, max: 699 }),
    scores: scoresArb,
    treatments: fc.array(
      fc.record({
        kind: fc.constantFrom<Treatment["kind"]>(
          "oral_antispasticity",
          "botulinum_toxin",
          "intrathecal_baclofen",
        ),
        back: fc.oneof(fc.integer({ min: -10, max: 120 }), edgeBackArb, backArb),
        // null: still running; "asOf": ends exactly on asOf
        duration: fc.option(
          fc.oneof(
            fc.integer({ min: 0, max: 300 }),
            fc.constantFrom<number | "asOf">(83, 84, 85, "asOf"),
          ),
          { nil: null },
        ),
        k: fc.nat(PROP_KEYS.length - 1),
        missing: fc.constantFrom("none", "none", "none", "none", "group", "side", "both"),
        stopped: fc.option(fc.constantFrom("ineffective", "side_effects", "other", null), {
          nil: undefined,
        }),
      }),
      { maxLength: 5 },
    ),
    triggers: fc.array(
      fc.record({
        kind: fc.constantFrom<Trigger["kind"]>(
          "uti",
          "infection",
          "fever",
          "relapse",
          "pressure_sore",
          "constipation",
        ),
        back: nearBackArb,
      }),
      { maxLength: 3 },
    ),
    neuro: fc.array(
      fc.record({
        kind: fc.constantFrom<NeuroSign["kind"]>("fasciculations", "weakness", "wasting"),
        back: fc.oneof(fc.integer({ min: -10, max: 120 }), edgeBackArb, backArb),
      }),
      { maxLength: 4 },
    ),
    penn: fc.array(
      fc.record({
        score: fc.constantFrom<Penn["score"]>(0, 1, 2, 3, 4),
        back: fc.oneof(
          fc.integer({ min: -5, max: 40 }),
          fc.constantFrom(27, 28, 29),
          edgeBackArb,
          backArb,
        ),
      }),
      { maxLength: 3 },
    ),
    injections: fc.array(
      fc.record({ k: fc.nat(1), back: fc.oneof(fc.integer({ min: -10, max: 400 }), edgeBackArb) }),
      {
        maxLength: 4,
      },
    ),
  });
}

function build(raw: RawInput): EscalationInput {
  const asOf = addDays(ORIGIN, raw.asOfDay);
  const on = (back: number) => addDays(asOf, -back);
  return {
    asOf,
    scores: raw.scores.map((s) => ({
      ...nth(PROP_KEYS, s.k),
      grade: s.grade,
      assessedOn: on(s.back),
    })),
    treatments: raw.treatments
      .map((t) => {
        const startedOn = on(t.back);
        const out: Treatment = { kind: t.kind, startedOn };
        if (t.duration !== null) {
          out.endedOn =
            t.duration === "asOf"
              ? startedOn > asOf
                ? startedOn
                : asOf
              : addDays(startedOn, t.duration);
          // a stop reason only with a stop date (never ambiguous)
          if (t.stopped !== undefined) out.stoppedBecause = t.stopped;
        } else if (t.stopped === null) {
          out.endedOn = null;
        }
        if (t.kind === "botulinum_toxin") {
          // usually the full injected key; sometimes a part is missing (then it must not count)
          if (t.missing !== "group" && t.missing !== "both")
            out.muscleGroup = nth(PROP_KEYS, t.k).muscleGroup;
          if (t.missing !== "side" && t.missing !== "both") out.side = nth(PROP_KEYS, t.k).side;
        }
        return out;
      })
      .concat(
        raw.injections.map((i) => ({
          kind: "botulinum_toxin" as const,
          startedOn: on(i.back),
          ...nth(PROP_KEYS, i.k),
        })),
      ),
    triggers: raw.triggers.map((t) => ({ kind: t.kind, reportedOn: on(t.back) })),
    neuroSigns: raw.neuro.map((n) => ({ kind: n.kind, reportedOn: on(n.back) })),
    spasmFrequency: raw.penn.map((p) => ({ score: p.score, reportedOn: on(p.back) })),
  };
}

const inputArb = (uniqueScoreDates = false, dense = false) =>
  rawArb(uniqueScoreDates, dense).map(build);

function strip(flags: Flag[]) {
  return flags.map((f) => {
    const o: { kind: Kind; keys: Key[]; action?: Action } = {
      kind: f.kind,
      keys: f.keys.map((k) => ({ muscleGroup: k.muscleGroup, side: k.side })),
    };
    if ("action" in f) o.action = f.action;
    return o;
  });
}

/** Deterministic Fisher–Yates with a small LCG. */
function shuffle<T>(xs: T[], seed: number): T[] {
  const a = [...xs];
  let s = seed >>> 0 || 1;
  for (let i = a.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [a[i], a[j]] = [nth(a, j), nth(a, i)];
  }
  return a;
}

const keyId = (k: Key) => `${k.muscleGroup}|${k.side}`;
function idToKey(id: string): Key {
  const [muscleGroup, side] = id.split("|");
  return { muscleGroup: muscleGroup as MuscleGroup, side: side as Side };
}

/** The key's latest effective grade on or before asOf (last in input order wins on a date). */
function latestGrades(inp: EscalationInput): Map<string, Grade> {
  const byKey = new Map<string, Map<string, Grade>>();
  for (const s of inp.scores) {
    if (s.assessedOn > inp.asOf) continue;
    const id = keyId(s);
    const m = byKey.get(id) ?? new Map<string, Grade>();
    m.set(s.assessedOn, s.grade);
    byKey.set(id, m);
  }
  const out = new Map<string, Grade>();
  for (const [id, m] of byKey) {
    const lastDate = [...m.keys()].sort().at(-1) as string;
    out.set(id, m.get(lastDate) as Grade);
  }
  return out;
}

/**
 * An independent reading of §5, used as a differential oracle. Written from the contract
 * text only; the `reason` is not modelled.
 */
function reference(inp: EscalationInput) {
  const asOf = inp.asOf;
  type Pt = { date: string; grade: Grade };
  const series = new Map<string, { key: Key; pts: Pt[] }>();
  {
    const byKey = new Map<string, { key: Key; m: Map<string, Grade> }>();
    for (const s of inp.scores) {
      if (s.assessedOn > asOf) continue;
      const id = keyId(s);
      const e = byKey.get(id) ?? {
        key: { muscleGroup: s.muscleGroup, side: s.side },
        m: new Map<string, Grade>(),
      };
      e.m.set(s.assessedOn, s.grade); // later in input order overwrites
      byKey.set(id, e);
    }
    for (const [id, e] of byKey) {
      const pts = [...e.m.entries()]
        .map(([date, grade]) => ({ date, grade }))
        .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
      series.set(id, { key: e.key, pts });
    }
  }

  // runs and K
  const K: string[] = [];
  let D: string | undefined;
  for (const [id, { pts }] of series) {
    const n = pts.length;
    if (n === 0 || !isHigh(nth(pts, n - 1).grade)) continue;
    let j = n - 1;
    while (
      j > 0 &&
      isHigh(nth(pts, j - 1).grade) &&
      daysBetween(nth(pts, j - 1).date, nth(pts, j).date) <= 180
    )
      j--;
    const runLen = n - j;
    if (runLen >= 2 && daysBetween(nth(pts, j).date, nth(pts, n - 1).date) >= 28) {
      K.push(id);
      const last = nth(pts, n - 1).date;
      if (D === undefined || last > D) D = last;
    }
  }

  const triggers = inp.triggers.filter((t) => t.reportedOn <= asOf);
  const trigKeys = new Set<string>();
  let trig = false;
  let withheld = false;
  if (K.length > 0 && D !== undefined) {
    const lo = addDays(D, -14);
    const hi = D;
    if (triggers.some((t) => t.reportedOn >= lo && t.reportedOn <= hi)) {
      trig = true;
      withheld = true;
      for (const id of K) trigKeys.add(id);
    }
  }
  for (const [id, { pts }] of series) {
    const n = pts.length;
    if (n < 2) continue;
    const a = nth(pts, n - 2);
    const b = nth(pts, n - 1);
    if (
      daysBetween(a.date, b.date) <= 30 &&
      isHigh(b.grade) &&
      RANK[b.grade] - RANK[a.grade] >= 2
    ) {
      trig = true;
      trigKeys.add(id);
    }
  }
  if (triggers.some((t) => t.reportedOn >= addDays(asOf, -14))) trig = true;

  const out = new Map<Kind, { keys: string[]; action?: Action }>();
  const push = (kind: Kind, id: string, action?: Action) => {
    const e = out.get(kind) ?? { keys: [], action };
    e.keys.push(id);
    out.set(kind, e);
  };
  const treatments = inp.treatments.filter((t) => t.startedOn <= asOf);
  const active = (t: Treatment) => t.endedOn == null || t.endedOn >= asOf;

  if (K.length > 0 && !withheld) {
    if (K.length <= 2) {
      for (const id of K) {
        const pts = series.get(id)?.pts ?? [];
        const injections = [
          ...new Set(
            treatments
              .filter(
                (t) =>
                  t.kind === "botulinum_toxin" &&
                  t.muscleGroup != null &&
                  t.side != null &&
                  keyId({ muscleGroup: t.muscleGroup, side: t.side }) === id,
              )
              .map((t) => t.startedOn),
          ),
        ];
        const nonResponses = injections.filter((t) => {
          const inWin = pts.filter((p) => p.date >= addDays(t, 28) && p.date <= addDays(t, 84));
          return inWin.length > 0 && inWin.every((p) => isHigh(p.grade));
        }).length;
        if (nonResponses >= 2) push("SURGICAL_REFERRAL", id, "toxin_refractory");
        else if (injections.some((t) => daysBetween(t, asOf) < 84))
          push("REASSESS_AFTER_BOTOX", id);
        else push("BOTOX_REFERRAL", id);
      }
    } else if (treatments.some((t) => t.kind === "intrathecal_baclofen" && active(t))) {
      for (const id of K) push("BACLOFEN_REVIEW", id, "pump_dose");
    } else {
      const O = treatments.filter((t) => t.kind === "oral_antispasticity" && active(t));
      const latestStart = O.map((t) => t.startedOn)
        .sort()
        .at(-1);
      if (!(latestStart !== undefined && daysBetween(latestStart, asOf) < 42)) {
        for (const id of K) push("BACLOFEN_REVIEW", id, O.length === 0 ? "start" : "optimise");
        const tried = treatments.some((t) => {
          if (t.kind !== "oral_antispasticity") return false;
          const end = t.endedOn != null && t.endedOn < asOf ? t.endedOn : asOf;
          if (daysBetween(t.startedOn, end) >= 84) return true;
          return t.stoppedBecause === "side_effects" && t.endedOn != null && t.endedOn <= asOf;
        });
        const grade4 = K.filter((id) => {
          const pts = series.get(id)?.pts ?? [];
          return pts[pts.length - 1]?.grade === "4";
        }).length;
        const penn3 = inp.spasmFrequency.some(
          (p) => p.score >= 3 && p.reportedOn <= asOf && p.reportedOn >= addDays(asOf, -28),
        );
        if (tried && (grade4 >= 2 || penn3))
          for (const id of K) push("SURGICAL_REFERRAL", id, "intrathecal_assessment");
      }
    }
  }
  if (trig) out.set("TRIGGER_REVIEW", { keys: [...trigKeys] });
  for (const [id, { pts }] of series) {
    if (pts[pts.length - 1]?.grade === "4") push("MAS4_REVIEW", id);
  }
  const signs = inp.neuroSigns.filter(
    (s) => s.reportedOn <= asOf && s.reportedOn >= addDays(asOf, -90),
  );
  if (
    signs.some((s) => s.kind === "fasciculations") &&
    signs.some((s) => s.kind === "weakness" || s.kind === "wasting")
  )
    out.set("NEURO_REVIEW", { keys: [] });

  const toKey = (id: string): Key => {
    return idToKey(id);
  };
  return KIND_ORDER.filter((k) => out.has(k)).map((kind) => {
    const e = out.get(kind) as { keys: string[]; action?: Action };
    const o: { kind: Kind; keys: Key[]; action?: Action } = {
      kind,
      keys: sortKeys(e.keys.map(toKey)),
    };
    if (e.action !== undefined) o.action = e.action;
    return o;
  });
}

describe("properties", () => {
  it("(i) output does not depend on input order (no same-key same-date scores)", () => {
    fc.assert(
      fc.property(inputArb(true), fc.integer(), (inp, seed) => {
        const shuffled: EscalationInput = {
          asOf: inp.asOf,
          scores: shuffle(inp.scores, seed),
          treatments: shuffle(inp.treatments, seed + 1),
          triggers: shuffle(inp.triggers, seed + 2),
          neuroSigns: shuffle(inp.neuroSigns, seed + 3),
          spasmFrequency: shuffle(inp.spasmFrequency, seed + 4),
        };
        expect(strip(evaluateEscalation(shuffled))).toEqual(strip(evaluateEscalation(inp)));
      }),
      { numRuns: 400 },
    );
  });

  it("(ii) a new latest score ≤ 2 removes its key from referral/reassess flags", () => {
    fc.assert(
      fc.property(
        inputArb(false),
        fc.nat(PROP_KEYS.length - 1),
        fc.constantFrom<Grade>("0", "1", "1+", "2"),
        fc.integer({ min: 1, max: 30 }),
        (inp, ki, grade, extra) => {
          const last = [inp.asOf, ...inp.scores.map((s) => s.assessedOn)].sort().at(-1) as string;
          const newDate = addDays(last, extra);
          const k = nth(PROP_KEYS, ki);
          const next: EscalationInput = {
            ...inp,
            asOf: newDate,
            scores: [...inp.scores, { ...k, grade, assessedOn: newDate }],
          };
          const out = evaluateEscalation(next);
          checkShape(out);
          for (const f of out) {
            if (
              f.kind === "BOTOX_REFERRAL" ||
              f.kind === "BACLOFEN_REVIEW" ||
              f.kind === "SURGICAL_REFERRAL" ||
              f.kind === "REASSESS_AFTER_BOTOX"
            ) {
              expect(f.keys.map(keyId)).not.toContain(keyId(k));
            }
            if (f.kind === "MAS4_REVIEW") expect(f.keys.map(keyId)).not.toContain(keyId(k));
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it("(iii) FlagKind order, one flag per kind, sorted unique keys, action rules", () => {
    fc.assert(
      fc.property(inputArb(false), (inp) => {
        const out = evaluateEscalation(inp);
        checkShape(out);
        // keys of every flag are keys that have a score on or before asOf
        const scored = new Set(inp.scores.filter((s) => s.assessedOn <= inp.asOf).map(keyId));
        for (const f of out) for (const k of f.keys) expect(scored.has(keyId(k))).toBe(true);
        // a key is in at most one of BOTOX / SURGICAL / REASSESS (focal R3 picks the first)
        const seen = new Set<string>();
        for (const f of out) {
          if (
            f.kind === "BOTOX_REFERRAL" ||
            f.kind === "REASSESS_AFTER_BOTOX" ||
            (f.kind === "SURGICAL_REFERRAL" && f.action === "toxin_refractory")
          ) {
            for (const k of f.keys) {
              expect(seen.has(keyId(k))).toBe(false);
              seen.add(keyId(k));
            }
          }
        }
        // BOTOX/REASSESS (focal) never coexist with BACLOFEN (generalised)
        const ks = kinds(out);
        if (ks.includes("BACLOFEN_REVIEW")) {
          expect(ks).not.toContain("BOTOX_REFERRAL");
          expect(ks).not.toContain("REASSESS_AFTER_BOTOX");
        }
      }),
      { numRuns: 400 },
    );
  });

  it("(iv) never throws on valid input", () => {
    fc.assert(
      fc.property(inputArb(false), (inp) => {
        expect(() => evaluateEscalation(inp)).not.toThrow();
      }),
      { numRuns: 400 },
    );
  });

  it("(v) 1+ is never high: replacing every 3/4 by 1+ leaves no referral/reassess/MAS4 flag", () => {
    fc.assert(
      fc.property(inputArb(false), (inp) => {
        const softened: EscalationInput = {
          ...inp,
          scores: inp.scores.map((s) => (isHigh(s.grade) ? { ...s, grade: "1+" as Grade } : s)),
        };
        const ks = kinds(evaluateEscalation(softened));
        for (const k of [
          "BOTOX_REFERRAL",
          "BACLOFEN_REVIEW",
          "SURGICAL_REFERRAL",
          "REASSESS_AFTER_BOTOX",
          "MAS4_REVIEW",
        ] as Kind[])
          expect(ks).not.toContain(k);
      }),
      { numRuns: 400 },
    );
  });

  // Scores on and beside the edges of each injection's response window (27, 28, 84, 85 days).
  const windowEdgeArb = fc
    .tuple(inputArb(true, true), fc.array(gradeArb, { minLength: 16, maxLength: 16 }))
    .map(([inp, grades]) => {
      const edges: Score[] = [];
      let g = 0;
      for (const t of inp.treatments)
        if (t.kind === "botulinum_toxin" && t.muscleGroup && t.side)
          for (const offset of [27, 28, 84, 85])
            edges.push(
              score(t.muscleGroup, t.side, nth(grades, g++ % 16), addDays(t.startedOn, offset)),
            );
      return { ...inp, scores: [...inp.scores, ...edges] };
    });

  it("the score digest gives the same flags and reasons as the whole history, on every later date", () => {
    let reduced = 0;
    fc.assert(
      fc.property(
        fc.oneof(inputArb(false), inputArb(true, true), windowEdgeArb),
        fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 400 })),
        (inp, later) => {
          const digest = digestScores(inp.scores, inp.treatments);
          // The digest holds from its latest score on (the daily job's asOf only moves forward).
          const base = digest.maxDate && digest.maxDate > inp.asOf ? digest.maxDate : inp.asOf;
          const asOf = addDays(base, later);
          const whole = evaluateEscalation({ ...inp, asOf });
          const fromDigest = evaluateEscalation({
            ...inp,
            asOf,
            scores: digest.scores,
            triggers: inp.triggers.filter(
              (t) => digest.triggersFrom === null || t.reportedOn >= digest.triggersFrom,
            ),
          });
          expect(fromDigest).toEqual(whole);
          if (digest.scores.length < inp.scores.length) reduced++;
        },
      ),
      { numRuns: 2000 },
    );
    // The comparison means something only if the digest left scores out.
    expect(reduced).toBeGreaterThan(100);
  });

  it("the score digest keeps a key's run, its boundary and the toxin response windows", () => {
    const inp = input({
      asOf: "2025-06-01",
      scores: [
        score(CALF, "right", "3", "2023-01-10"), // before the injection's window: dropped
        score(CALF, "right", "3", "2023-02-16"), // 27 days after the injection: dropped
        score(CALF, "right", "3", "2023-02-17"), // 28 days after: kept
        score(CALF, "right", "3", "2023-03-01"), // 4–12 weeks after: kept
        score(CALF, "right", "3", "2023-04-14"), // 84 days after: kept
        score(CALF, "right", "3", "2023-04-15"), // 85 days after: dropped
        score(CALF, "right", "1", "2023-08-01"), // dropped
        score(CALF, "right", "2", "2024-01-01"), // the run's boundary: kept
        score(CALF, "right", "3", "2025-01-10"),
        score(CALF, "right", "4", "2025-02-14"),
        score(HAM, "left", "1", "2024-01-01"), // dropped
        score(HAM, "left", "1+", "2025-01-10"),
        score(HAM, "left", "2", "2025-02-14"),
      ],
      treatments: [toxin(CALF, "right", "2023-01-20")],
    });
    const digest = digestScores(inp.scores, inp.treatments);
    expect(digest.scores.map((s) => `${s.muscleGroup} ${s.grade} ${s.assessedOn}`)).toEqual([
      `${CALF} 3 2023-02-17`,
      `${CALF} 3 2023-03-01`,
      `${CALF} 3 2023-04-14`,
      `${CALF} 2 2024-01-01`,
      `${CALF} 3 2025-01-10`,
      `${CALF} 4 2025-02-14`,
      `${HAM} 1+ 2025-01-10`,
      `${HAM} 2 2025-02-14`,
    ]);
    // 14 days before the calf's persistent run ends.
    expect(digest.triggersFrom).toBe("2025-01-31");
    expect(digest.maxDate).toBe("2025-02-14");
  });

  it("MAS4_REVIEW keys are exactly the keys whose latest score is 4", () => {
    fc.assert(
      fc.property(inputArb(false), (inp) => {
        const expected = sortKeys(
          [...latestGrades(inp)]
            .filter(([, g]) => g === "4")
            .map(([id]) => {
              return idToKey(id);
            }),
        );
        const f = evaluateEscalation(inp).find((x) => x.kind === "MAS4_REVIEW");
        expect(f ? strip([f]).flatMap((x) => x.keys) : []).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it("is pure: same output twice, input not mutated", () => {
    fc.assert(
      fc.property(inputArb(false), (inp) => {
        const copy = structuredClone(inp);
        const a = strip(evaluateEscalation(inp));
        expect(inp).toEqual(copy);
        expect(strip(evaluateEscalation(inp))).toEqual(a);
      }),
      { numRuns: 200 },
    );
  });

  it("agrees with an independent reference reading of §5 (kinds, keys, actions)", () => {
    // sanity: the reference reproduces the worked examples
    expect(
      reference(
        input({ scores: [score(CALF, "right", "3", "01-10"), score(CALF, "right", "3", "02-14")] }),
      ),
    ).toEqual([{ kind: "BOTOX_REFERRAL", keys: [R_CALF] }]);
    fc.assert(
      fc.property(inputArb(false), (inp) => {
        expect(strip(evaluateEscalation(inp))).toEqual(reference(inp));
      }),
      { numRuns: 2000 },
    );
  });

  it("the reference reading agrees with every hand-built case above", () => {
    expect(handCases.length).toBeGreaterThan(100);
    const mismatches = handCases.filter((c) => !isDeepStrictEqual(c.impl, c.ref));
    expect(mismatches).toEqual([]);
  });

  it("agrees with the reference reading on dense, mostly generalised histories", () => {
    fc.assert(
      fc.property(inputArb(false, true), (inp) => {
        expect(strip(evaluateEscalation(inp))).toEqual(reference(inp));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("reasons are stable", () => {
  it("the reason text does not depend on input order (flags are compared by reason when recomputed)", () => {
    const input: EscalationInput = {
      asOf: "2025-02-24",
      scores: [
        {
          muscleGroup: "ankle_plantarflexors",
          side: "right",
          grade: "4",
          assessedOn: "2025-02-24",
        },
        { muscleGroup: "ankle_plantarflexors", side: "left", grade: "4", assessedOn: "2025-02-05" },
      ],
      treatments: [],
      triggers: [
        { kind: "uti", reportedOn: "2025-02-20" },
        { kind: "constipation", reportedOn: "2025-02-18" },
      ],
      neuroSigns: [
        { kind: "fasciculations", reportedOn: "2025-02-24" },
        { kind: "wasting", reportedOn: "2025-02-23" },
        { kind: "fasciculations", reportedOn: "2025-02-23" },
      ],
      spasmFrequency: [],
    };
    const reversed: EscalationInput = {
      ...input,
      scores: [...input.scores].reverse(),
      triggers: [...input.triggers].reverse(),
      neuroSigns: [...input.neuroSigns].reverse(),
    };
    expect(evaluateEscalation(reversed)).toEqual(evaluateEscalation(input));
  });
});
