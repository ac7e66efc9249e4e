// Micro-benchmark of the escalation recompute (issue #8 item 4): one patient, and a whole
// caseload, against the bench database (DATABASE_URL, or PGLITE_DIR without it). Run by
// scripts/bench.mjs before the server starts (PGlite is one process at a time):
//
//   tsx scripts/bench/recompute.ts --clinic <id> --patient <id> [--patients-file ids.json]
//                                  [--runs 200] [--warmup 50]
//
// Each run is what a clinical write does: recomputeFlags in a transaction. A recompute that
// changes nothing writes nothing, so after the warm-up every run measures the load + evaluate
// path. Prints, as its last line, one JSON object.
import { readFileSync } from "node:fs";
import { and, eq, isNull } from "drizzle-orm";
import { getDb } from "@/db/client";
import { countQueries } from "@/db/query-count";
import { clinics, patients } from "@/db/schema";
import { todayIn } from "@/lib/clinical/dates";
import { evaluateEscalation } from "@/lib/clinical/escalation";
import { loadEscalationInputs, recomputeFlags } from "@/lib/flags/recompute";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const clinicId = arg("clinic");
const richPatientId = arg("patient");
const runs = Number(arg("runs") ?? 200);
const warmup = Number(arg("warmup") ?? 50);
if (!clinicId || !richPatientId) {
  console.error("Usage: tsx scripts/bench/recompute.ts --clinic <id> --patient <id> [...]");
  process.exit(2);
}

process.env.EMBEDDED_SEED = "none"; // never seed the demo into the bench's PGlite
const db = await getDb();

const [clinic] = await db
  .select({ timeZone: clinics.timeZone })
  .from(clinics)
  .where(eq(clinics.id, clinicId));
if (!clinic) throw new Error(`No clinic ${clinicId}.`);
const asOf = todayIn(clinic.timeZone);

const patientsFile = arg("patients-file");
const allIds: string[] = patientsFile
  ? (JSON.parse(readFileSync(patientsFile, "utf8")) as string[])
  : (
      await db
        .select({ id: patients.id })
        .from(patients)
        .where(and(eq(patients.clinicId, clinicId), isNull(patients.archivedAt)))
    ).map((p) => p.id);

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const round = (value: number) => Math.round(value * 100) / 100;

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;
  return {
    median: round(at(0.5)),
    p95: round(at(0.95)),
    min: round(sorted[0] ?? 0),
    max: round(sorted.at(-1) ?? 0),
    mean: round(sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length)),
  };
}

// Time budgets, so that a slow recompute cannot hold the bench for long: the warm-up stops after
// 15 s (at least one run), the timed runs after 60 s (at least 10).
const WARMUP_BUDGET_MS = 15_000;
const TIMED_BUDGET_MS = 60_000;

async function measure(ids: string[]) {
  const once = () => db.transaction((tx) => recomputeFlags(tx, clinicId as string, ids, asOf));
  let changedInWarmup = 0;
  const warmupStart = Date.now();
  for (let i = 0; i < warmup && (i === 0 || Date.now() - warmupStart < WARMUP_BUDGET_MS); i++)
    changedInWarmup += (await once()).size;
  const samples: number[] = [];
  let changed = 0;
  let queries = 0;
  const timedStart = Date.now();
  for (let i = 0; i < runs && (i < 10 || Date.now() - timedStart < TIMED_BUDGET_MS); i++) {
    const start = process.hrtime.bigint();
    const counted = await countQueries(once);
    samples.push(ms(start));
    changed += counted.result.size;
    queries = counted.queries;
  }
  return {
    patients: ids.length,
    runs: samples.length,
    ...stats(samples),
    queriesPerRecompute: queries,
    changedInWarmup,
    changedInTimedRuns: changed,
  };
}

/** The pure rules alone (no I/O), over every patient's loaded input. */
async function measureEvaluate(ids: string[]) {
  const loaded = await loadEscalationInputs(db, clinicId as string, ids, asOf);
  const inputs = [...loaded.values()].map((l) => ({ asOf, ...l.input }));
  const samples: number[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    const start = process.hrtime.bigint();
    for (const input of inputs) evaluateEscalation(input);
    if (i >= warmup) samples.push(ms(start));
  }
  return { patients: ids.length, runs, ...stats(samples) };
}

const onePatient = await measure([richPatientId]);
const wholeClinic = await measure(allIds);
const evaluateOnly = await measureEvaluate(allIds);
const result = {
  asOf,
  onePatient: { ...onePatient, targetMs: 5, pass: onePatient.median < 5 },
  wholeClinic: { ...wholeClinic, targetMs: 50, pass: wholeClinic.median < 50 },
  evaluateOnly,
};
console.info(JSON.stringify(result));
process.exit(0);
