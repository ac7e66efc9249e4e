// What the bench prints and writes: the console table, bench/results.json, bench/RESULTS.md and
// the table between the markers in README.md.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export const TARGETS = {
  ratio: 0.5,
  richRatio: 0.33,
  p95Ms: 150,
  errors: 0,
  queriesPerPage: 10,
};

/** The machine in one line: CPU model × count, RAM, OS, Node. */
export function describeMachine() {
  const cpus = os.cpus();
  const model = (cpus[0]?.model ?? "unknown CPU").replace(/\s+/g, " ").trim();
  const ramGb = Math.round(os.totalmem() / 1024 ** 3);
  return `${model} × ${cpus.length} cores, ${ramGb} GB RAM, ${os.type()} ${os.release()} (${os.arch()}), Node ${process.version}`;
}

/** A page's verdict against the issue's targets. */
export function judge(page) {
  const minRatio = page.rich ? TARGETS.richRatio : TARGETS.ratio;
  const failures = [];
  if (page.ratio === null || page.ratio < minRatio) failures.push(`ratio < ${minRatio}`);
  if (page.p95 === null || page.p95 > TARGETS.p95Ms) failures.push(`p95 > ${TARGETS.p95Ms} ms`);
  if (page.errors > TARGETS.errors) failures.push("errors");
  if (page.queriesPerRequest === null || page.queriesPerRequest > TARGETS.queriesPerPage)
    failures.push(`queries > ${TARGETS.queriesPerPage}`);
  return { targetRatio: minRatio, pass: failures.length === 0, failures };
}

const fmt = (value, digits = 1) =>
  value === null || value === undefined ? "–" : Number(value).toFixed(digits);

function tableRows(results) {
  const b = results.baseline;
  const rows = [
    [
      "baseline (session only)",
      b.path,
      fmt(b.rps),
      fmt(b.p50),
      fmt(b.p95),
      fmt(b.p99),
      String(b.errors),
      fmt(b.queriesPerRequest),
      "1.00",
      b.rpsRuns ? `${fmt(Math.min(...b.rpsRuns))}–${fmt(Math.max(...b.rpsRuns))}` : "",
      "",
    ],
  ];
  for (const p of results.pages)
    rows.push([
      p.name,
      p.shownAs ?? p.path,
      fmt(p.rps),
      fmt(p.p50),
      fmt(p.p95),
      fmt(p.p99),
      String(p.errors),
      fmt(p.queriesPerRequest),
      fmt(p.ratio, 2),
      fmt(p.baselineRps ?? b.rps),
      p.pass ? "pass" : `FAIL (${p.failures.join(", ")})`,
    ]);
  return rows;
}

const HEADER = [
  "page",
  "path",
  "req/s",
  "p50 ms",
  "p95 ms",
  "p99 ms",
  "errors",
  "SQL/req",
  "ratio",
  "baseline req/s around",
  "targets",
];

/** The results table as fixed-width text for the console. */
export function consoleTable(results) {
  const rows = [HEADER, ...tableRows(results)];
  const widths = HEADER.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const numeric = new Set([2, 3, 4, 5, 6, 7, 8, 9]);
  const line = (r) =>
    r
      .map((cell, i) => (numeric.has(i) ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join("  ");
  return [
    line(rows[0]),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...rows.slice(1).map(line),
  ].join("\n");
}

function markdownTable(header, rows, rightAligned) {
  const align = header.map((_, i) => (rightAligned.has(i) ? "---:" : "---"));
  const escapeCell = (cell) => String(cell).replaceAll("|", "\\|");
  return [header, align, ...rows].map((r) => `| ${r.map(escapeCell).join(" | ")} |`).join("\n");
}

/** The results table in Markdown (README and RESULTS.md). */
export function markdownResults(results) {
  return markdownTable(HEADER, tableRows(results), new Set([2, 3, 4, 5, 6, 7, 8, 9])).replace(
    /\| (\/[^ |]*) \|/g,
    "| `$1` |",
  );
}

function recomputeSection(recompute) {
  if (!recompute) return "Not measured.";
  if (recompute.error) return `Could not be measured: ${recompute.error}`;
  const row = (name, r, target) => [
    name,
    String(r.patients),
    String(r.runs),
    fmt(r.median, 2),
    fmt(r.p95, 2),
    fmt(r.max, 2),
    String(r.queriesPerRecompute ?? "–"),
    target === null ? "" : `< ${target} ms: ${r.median < target ? "pass" : "FAIL"}`,
  ];
  return [
    markdownTable(
      ["recompute", "patients", "runs", "median ms", "p95 ms", "max ms", "SQL", "target (median)"],
      [
        row("one patient (the rich one)", recompute.onePatient, 5),
        row("whole caseload", recompute.wholeClinic, 50),
        row("rules only (no I/O), whole caseload", recompute.evaluateOnly, null),
      ],
      new Set([1, 2, 3, 4, 5, 6]),
    ),
    "",
    `Timed runs after up to ${recompute.warmup ?? 10} warm-up runs (time-boxed: 15 s of warm-up, 60 s of timed runs), as of ${recompute.asOf}; ` +
      "each run is `recomputeFlags` in a transaction, as a clinical write calls it. A recompute that " +
      `changes nothing writes nothing: rows changed during the timed runs: ${
        recompute.onePatient.changedInTimedRuns + recompute.wholeClinic.changedInTimedRuns
      }.`,
  ].join("\n");
}

function clientJsSection(clientJs) {
  if (!clientJs) return "Not measured.";
  if (clientJs.error) return `Could not be measured: ${clientJs.error}`;
  const rows = [
    [
      "baseline",
      "`/session`",
      "",
      fmt(clientJs.baseline.kbGzip),
      "0.0",
      String(clientJs.baseline.chunks),
      "",
    ],
    ...clientJs.routes.map((r) => [
      r.name,
      `\`${r.shownAs ?? r.path}\``,
      r.role,
      fmt(r.kbGzip),
      fmt(r.deltaKb),
      String(r.chunks),
      r.withinBudget === null ? "" : r.withinBudget ? "pass" : "FAIL",
    ]),
  ];
  return [
    markdownTable(
      [
        "page",
        "path",
        "role",
        "first-load JS kB gzip",
        "Δ vs baseline kB",
        "chunks",
        `therapist ≤ baseline + ${clientJs.budgetKb} kB`,
      ],
      rows,
      new Set([3, 4, 5]),
    ),
    "",
    "Every `/_next/static/…js` a page's HTML loads (its `<script>` tags and the chunks its flight " +
      "data names), each built file gzipped (level 9) and summed.",
  ].join("\n");
}

function instancesSection(instances) {
  if (!instances) return "Not run (`npm run bench -- --instances 2`).";
  if (instances.error) return `Could not be run: ${instances.error}`;
  const lines = [];
  for (const check of instances.checks) {
    lines.push(`- **${check.pass ? "pass" : "FAIL"}**: ${check.name}`);
    for (const detail of check.details) lines.push(`  - ${detail}`);
  }
  const l = instances.load;
  if (l)
    lines.push(
      `- Load on \`${l.path}\`, ${l.connectionsPerInstance} connections on each instance at once: ` +
        `**${fmt(l.rps)} req/s** combined (${l.perInstanceRps.map((x) => fmt(x)).join(" + ")}), ` +
        `p50 ${fmt(l.p50)} ms, p95 ${fmt(l.p95)} ms, p99 ${fmt(l.p99)} ms, ${l.errors} errors; one ` +
        `instance at 10 connections: ${fmt(l.singleInstanceRps)} req/s (×${fmt(l.ratioToSingle, 2)}).`,
    );
  return lines.join("\n");
}

/**
 * Where a run's results go: PostgreSQL's (production's) to bench/results.json, RESULTS.md and
 * the README's table; PGlite's to their own files, so that a PGlite run never replaces them.
 */
export function outputsOf({ pglite }) {
  return pglite
    ? { json: "results-pglite.json", markdown: "RESULTS-pglite.md", readme: false }
    : { json: "results.json", markdown: "RESULTS.md", readme: true };
}

/** bench/RESULTS.md */
export function resultsMarkdown(results) {
  const passing = results.pages.every((p) => p.pass);
  return `# Benchmark results

Written by \`npm run bench\` (scripts/bench.mjs); do not edit by hand. Run on ${results.date}.

## Machine and setup

- **Machine**: ${results.machine} (load average at the start: ${results.loadAverageAtStart?.join(", ") ?? "?"})
- **Database**: ${results.database.kind === "pglite" ? "PGlite (embedded, one process)" : "PostgreSQL"}: ${results.database.version}
- **Data**: ${results.data.description}${
    results.data.counts
      ? `: ${Object.entries(results.data.counts)
          .map(([k, v]) => `${v} ${k}`)
          .join(", ")}`
      : ""
  }
- **Load**: autocannon, ${results.connections} connections, ${results.durationSeconds} s per page after a ${results.warmupSeconds} s warm-up${results.serverWarmupSeconds ? ` (and, before the first measurement, ${results.serverWarmupSeconds} s of load on each measured route: a fresh server keeps warming up for minutes)` : ""}, one \`next start\` (NODE_ENV=production${results.serverNodeOptions ? `, Node options \`${results.serverNodeOptions}\` as \`npm start\` gives them` : ""}). The baseline \`/session\` (authenticates, renders a tiny page) is measured first and again after every page, because this machine's speed drifts within minutes: each page's ratio is its requests/s ÷ the mean of the baseline measured just before and just after it ("baseline req/s around"). The baseline's row shows its first measurement, and the range of all ${results.baseline.rpsRuns?.length ?? 1}.
- **SQL/req**: statements the server sent per request, over ${results.queryCountRequests} sequential requests (the server's statement counter, \`DB_QUERY_COUNTER=1\` + SIGUSR2).

## Pages

${markdownResults(results)}

Targets (issue #8): every page ≥ ${TARGETS.ratio * 100} % of the baseline's requests/s (the rich patient page ≥ ${TARGETS.richRatio * 100} %), p95 ≤ ${TARGETS.p95Ms} ms at ${results.connections} connections, ${TARGETS.errors} errors, ≤ ${TARGETS.queriesPerPage} SQL statements per page. At a fixed ${results.connections} connections the mean latency is about ${results.connections} ÷ requests/s (Little's law): a p95 of ${TARGETS.p95Ms} ms needs well over ${Math.round((results.connections * 1000) / TARGETS.p95Ms)} req/s on that page. **${
    passing
      ? "All pages meet the targets."
      : `Not met by: ${results.pages
          .filter((p) => !p.pass)
          .map((p) => p.name)
          .join(", ")}.`
  }**

## Escalation recompute (micro-benchmark)

${recomputeSection(results.recompute)}

## Client JavaScript (first load)

${clientJsSection(results.clientJs)}

## Several instances

${instancesSection(results.instances)}
`;
}

/** Replaces what stands between `<!-- bench:start -->` and `<!-- bench:end -->` in README.md. */
export function updateReadme(readmePath, results) {
  if (!existsSync(readmePath)) return false;
  const text = readFileSync(readmePath, "utf8");
  const start = "<!-- bench:start -->";
  const end = "<!-- bench:end -->";
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  if (i < 0 || j < i) return false;
  const block = [
    start,
    `Measured on ${results.date.slice(0, 10)} (${results.machine}; ${results.data.description}):`,
    "",
    markdownResults(results),
    "",
    end,
  ].join("\n");
  writeFileSync(readmePath, text.slice(0, i) + block + text.slice(j + end.length));
  return true;
}

export function writeResults({ jsonPath, markdownPath, results, root }) {
  writeFileSync(jsonPath, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(markdownPath, resultsMarkdown(results));
  // In the project's format (Biome folds short arrays), so that `npm run lint` passes on it.
  const biome = root && path.join(root, "node_modules", ".bin", "biome");
  if (biome && existsSync(biome))
    spawnSync(biome, ["format", "--write", jsonPath], { cwd: root, stdio: "ignore" });
}
