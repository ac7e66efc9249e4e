#!/usr/bin/env node
// `npm run bench`: build, load the large synthetic clinic into a fresh database, start
// `next start`, sign in as a therapist and a patient, and measure the main pages against a bare
// authenticated baseline route in the same run (issue #8). Writes bench/results.json,
// bench/RESULTS.md and the table in README.md (between <!-- bench:start --> and <!-- bench:end -->).
//
//   npm run bench                         PostgreSQL: a fresh database on BENCH_DATABASE_URL's,
//                                         DATABASE_URL's or 127.0.0.1:5432's server, dropped after
//   npm run bench -- --pglite             the embedded database (a fresh PGlite directory);
//                                         writes bench/results-pglite.json and RESULTS-pglite.md
//   npm run bench -- --instances 2        also: two servers on one PostgreSQL (scale-out checks)
//   --duration 10      seconds of load per page (at least 10)
//   --warmup 3         seconds of warm-up load per page, just before it is measured
//   --server-warmup 10 seconds of load on each measured route, once, before any is measured
//   --patients 300 --days 730 --seed 1   passed to the generator (db/seed/large-cli.ts)
//   --skip-build       reuse .next     --keep-db   keep the database (its URL is printed)
//   --port 3200        first port to try (the bench keeps to 3200-3210)
//   --demo             measure the small demo clinic instead (checks the bench itself, quickly)
//   --strict           exit non-zero when a performance target is missed, too
//
// Exit code: non-zero when a page does not answer as expected, any request errors, or a
// scale-out check fails (and with --strict, when a target is missed).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { cookieHeader, launchBrowser, signIn } from "./bench/browser.mjs";
import { clientJsReport } from "./bench/client-js.mjs";
import {
  createPgliteDir,
  createPostgresDatabase,
  postgresVersion,
  redact,
  serverUrl,
} from "./bench/database.mjs";
import { checkInstances } from "./bench/instances.mjs";
import { runLoad } from "./bench/load.mjs";
import {
  consoleTable,
  describeMachine,
  judge,
  outputsOf,
  TARGETS,
  updateReadme,
  writeResults,
} from "./bench/report.mjs";
import { freePort, serverNodeOptions, startServer } from "./bench/server.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);

const PORT_RANGE = [3200, 3210];
const QUERY_COUNT_REQUESTS = 20;
const SESSION_REFRESH_MS = 20 * 60_000; // sessions idle out after 30 min: sign in again before

// The generator's accounts (LARGE_CLINIC_PASSWORD and LARGE_ACCOUNTS in db/seed/large.ts).
const LARGE_PASSWORD = "bench-spasticity-2026";
const LARGE = {
  therapist: { email: "therapist@large.example", password: LARGE_PASSWORD },
  patient: { email: "patient@large.example", password: LARGE_PASSWORD },
  admin: { email: "admin@large.example", password: LARGE_PASSWORD },
};
const DEMO_PASSWORD = "demo-spasticity-2026";
const DEMO = {
  therapist: { email: "therapist@demo.clinic", password: DEMO_PASSWORD },
  patient: { email: "patient@demo.clinic", password: DEMO_PASSWORD },
  admin: { email: "admin@demo.clinic", password: DEMO_PASSWORD },
};

const info = (text) => console.info(text);
const heading = (text) => console.info(`\n=== ${text} ===\n`);

function usage(message) {
  if (message) console.error(message);
  console.error(
    "Usage: npm run bench -- [--pglite] [--instances 2] [--duration 10] [--warmup 3] " +
      "[--server-warmup 10] " +
      "[--patients 300] [--days 730] [--seed 1] [--skip-build] [--keep-db] [--port 3200] " +
      "[--demo] [--strict]",
  );
  process.exit(2);
}

function parseArgs(argv) {
  const options = {
    pglite: false,
    instances: 1,
    duration: 10,
    warmup: 3,
    serverWarmup: 10,
    patients: 300,
    days: 730,
    seed: 1,
    skipBuild: false,
    keepDb: false,
    port: PORT_RANGE[0],
    demo: false,
    strict: false,
  };
  const flags = { "--pglite": "pglite", "--skip-build": "skipBuild", "--keep-db": "keepDb" };
  Object.assign(flags, { "--demo": "demo", "--strict": "strict" });
  const numbers = {
    "--instances": "instances",
    "--duration": "duration",
    "--warmup": "warmup",
    "--server-warmup": "serverWarmup",
    "--patients": "patients",
    "--days": "days",
    "--seed": "seed",
    "--port": "port",
  };
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = argv[i].split("=", 2);
    if (name === "--") continue;
    if (name === "--help" || name === "-h") usage();
    if (flags[name]) {
      options[flags[name]] = true;
      continue;
    }
    if (!numbers[name]) usage(`Unknown argument: ${argv[i]}`);
    const raw = inline ?? argv[++i];
    const value = Number(raw);
    if (!Number.isFinite(value) || value < 0) usage(`${name} needs a number (got ${raw}).`);
    options[numbers[name]] = value;
  }
  if (options.duration < 10) {
    console.warn(`--duration ${options.duration} is below the minimum: using 10 s.`);
    options.duration = 10;
  }
  if (![1, 2].includes(options.instances)) usage("--instances is 1 or 2.");
  if (options.pglite && options.instances > 1)
    usage("PGlite is one process: --instances 2 needs PostgreSQL (drop --pglite).");
  if (options.port < PORT_RANGE[0] || options.port > PORT_RANGE[1])
    usage(`--port must be within ${PORT_RANGE.join("-")}.`);
  return options;
}

/** Runs a command; resolves to { code, stdout } (stdout also echoed when `echo`). */
function run(command, args, { env, echo = true, capture = false } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      env,
      stdio: ["ignore", capture ? "pipe" : "inherit", "inherit"],
    });
    let stdout = "";
    let pending = "";
    // Echoed line by line, long lines cut (the generator's last line lists every patient id).
    const echoLines = (text) => {
      for (const line of text.split("\n"))
        process.stdout.write(`${line.length > 300 ? `${line.slice(0, 300)}…` : line}\n`);
    };
    child.stdout?.setEncoding("utf8");
    child.stdout?.on("data", (chunk) => {
      stdout += chunk;
      if (!echo) return;
      pending += chunk;
      const end = pending.lastIndexOf("\n");
      if (end < 0) return;
      echoLines(pending.slice(0, end));
      pending = pending.slice(end + 1);
    });
    child.stdout?.on("end", () => {
      if (echo && pending) echoLines(pending);
    });
    child.on("error", (error) => {
      console.error(`Could not run ${command}: ${error.message}`);
      resolve({ code: 127, stdout });
    });
    child.on("exit", (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), stdout }));
  });
}

const bin = (name) => path.join(root, "node_modules", ".bin", name);

/** The last line of a tool's stdout, parsed as the JSON object it promises. */
function lastJsonLine(stdout, what) {
  const line = stdout.trim().split("\n").at(-1) ?? "";
  try {
    return JSON.parse(line);
  } catch {
    throw new Error(`${what}: the last line of its output is not JSON: ${line.slice(0, 300)}`);
  }
}

/** Environment of a child that uses the bench database (and only it). */
function databaseEnv(database, extra = {}) {
  const env = { ...process.env, TZ: "UTC", NEXT_TELEMETRY_DISABLED: "1", ...extra };
  delete env.DATABASE_URL;
  delete env.PGLITE_DIR;
  if (database.kind === "postgres") env.DATABASE_URL = database.url;
  else {
    env.PGLITE_DIR = database.dir;
    env.EMBEDDED_SEED = "none";
  }
  return env;
}

const cleanups = [];
async function cleanUp() {
  while (cleanups.length > 0) {
    const fn = cleanups.pop();
    try {
      await fn();
    } catch (error) {
      console.error(`Clean-up step failed: ${error instanceof Error ? error.message : error}`);
    }
  }
}
let cleaning;
/** Runs the clean-up once, however many ways the run ends (error, signal, normal end). */
const cleanUpOnce = () => {
  cleaning ??= cleanUp();
  return cleaning;
};
let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n${signal}: stopping the servers and removing the bench database…`);
    void cleanUpOnce().finally(() => process.exit(130));
  });
}

async function seed(options, database) {
  const env = databaseEnv(database);
  delete env.NODE_ENV; // the seeds refuse known passwords in production
  if (options.demo) {
    heading("Seeding the demo clinic (--demo)");
    const { code, stdout } = await run(bin("tsx"), ["scripts/bench/seed-demo.ts"], {
      env,
      capture: true,
    });
    if (code !== 0) throw new Error(`The demo seed failed (exit code ${code}).`);
    return lastJsonLine(stdout, "scripts/bench/seed-demo.ts");
  }
  const generator = "db/seed/large-cli.ts";
  if (!existsSync(generator))
    throw new Error(
      `${generator} (the large-clinic generator) is missing; --demo runs without it.`,
    );
  const args = ["--patients", options.patients, "--days", options.days, "--seed", options.seed];
  heading(`Seeding the large clinic (${generator} ${args.join(" ")})`);
  const { code, stdout } = await run(bin("tsx"), [generator, ...args.map(String)], {
    env,
    capture: true,
  });
  if (code !== 0) throw new Error(`The generator failed (exit code ${code}).`);
  return lastJsonLine(stdout, generator);
}

const RECOMPUTE_RUNS = 200;
const RECOMPUTE_WARMUP = 50;

async function recomputeBench(database, seeded) {
  heading("Escalation recompute (micro-benchmark)");
  const idsFile = path.join(os.tmpdir(), `spasticity-bench-ids-${process.pid}.json`);
  writeFileSync(idsFile, JSON.stringify(seeded.patientIds ?? []));
  const args = ["scripts/bench/recompute.ts", "--clinic", seeded.clinicId];
  // A warm-up long enough for the JIT to settle (the server's recompute runs hot): with 10 runs
  // of it the medians read ~25 % higher than with 50.
  args.push("--patient", seeded.richPatientId, "--runs", String(RECOMPUTE_RUNS));
  args.push("--warmup", String(RECOMPUTE_WARMUP));
  if (Array.isArray(seeded.patientIds) && seeded.patientIds.length > 0)
    args.push("--patients-file", idsFile);
  const { code, stdout } = await run(bin("tsx"), args, {
    env: databaseEnv(database),
    capture: true,
    echo: false,
  });
  rmSync(idsFile, { force: true });
  if (code !== 0) return { error: `scripts/bench/recompute.ts exited with ${code}` };
  const result = {
    ...lastJsonLine(stdout, "scripts/bench/recompute.ts"),
    warmup: RECOMPUTE_WARMUP,
  };
  const line = (name, r) =>
    `${name}: median ${r.median} ms, p95 ${r.p95} ms (${r.patients} patients, ${r.queriesPerRecompute ?? "?"} SQL)`;
  info(line("One patient", result.onePatient));
  info(line("Whole caseload", result.wholeClinic));
  info(`Rules only, whole caseload: median ${result.evaluateOnly.median} ms`);
  return result;
}

/** A page must answer 200 with its own content, not a redirect to /login or an error page. */
async function fetchPage(url, cookie, expect) {
  const response = await fetch(url, { headers: { cookie }, redirect: "manual" });
  const body = await response.text();
  if (response.status !== 200) {
    const where = response.headers.get("location");
    throw new Error(
      `${url} answered ${response.status}${where ? ` → ${where}` : ""}, not 200: is the session valid?`,
    );
  }
  if (!expect.test(body)) {
    const title = body.match(/<title>([^<]*)<\/title>/)?.[1];
    throw new Error(`${url} does not look like itself (title "${title}"; wanted ${expect}).`);
  }
  return body;
}

async function measurePage({ page, server, cookie, options }) {
  const url = `${server.url}${page.path}`;
  const html = await fetchPage(url, cookie, page.expect);
  // Queries per request: the server's statement counter around N sequential requests.
  const before = await server.queries();
  for (let i = 0; i < QUERY_COUNT_REQUESTS; i++) await fetchPage(url, cookie, page.expect);
  const after = await server.queries();
  const queriesPerRequest = Math.round(((after - before) / QUERY_COUNT_REQUESTS) * 10) / 10;
  await runLoad({ urls: [url], cookie, connections: 10, seconds: options.warmup });
  const load = await runLoad({ urls: [url], cookie, connections: 10, seconds: options.duration });
  const statuses = load.perUrl[0]?.statuses ?? {};
  info(
    `${page.name.padEnd(28)} ${String(load.rps).padStart(7)} req/s  p50 ${load.p50} ms  ` +
      `p95 ${load.p95} ms  p99 ${load.p99} ms  errors ${load.errors}  SQL/req ${queriesPerRequest}` +
      (load.errors > 0 ? `  statuses ${JSON.stringify(statuses)}` : ""),
  );
  return { html, queriesPerRequest, load, statuses };
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const accounts = options.demo ? DEMO : LARGE;
  const started = new Date();
  // Other work on the machine skews every number: say how busy it was.
  const loadAverage = os.loadavg().map((x) => Math.round(x * 100) / 100);
  info(`Machine: ${describeMachine()}; load average ${loadAverage.join(" ")}`);

  if (!options.skipBuild) {
    heading("Production build (next build)");
    const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", TZ: "UTC" };
    delete env.DATABASE_URL; // the build must not reach a database
    const { code } = await run(
      process.execPath,
      [path.join(root, "node_modules", "next", "dist", "bin", "next"), "build"],
      { env },
    );
    if (code !== 0) throw new Error(`next build failed (exit code ${code}).`);
  } else if (!existsSync(path.join(root, ".next", "BUILD_ID"))) {
    throw new Error("--skip-build, but there is no build in .next: run without it once.");
  }

  heading("Database");
  const database = options.pglite ? createPgliteDir() : await createPostgresDatabase(serverUrl());
  info(database.describe);
  cleanups.push(async () => {
    if (options.keepDb) {
      info(
        `Kept ${database.kind === "postgres" ? redact(database.url) : database.dir} (--keep-db).`,
      );
      return;
    }
    await database.drop();
    info(`Removed ${database.describe}.`);
  });

  const seeded = await seed(options, database);
  for (const key of ["clinicId", "richPatientId"])
    if (!seeded[key]) throw new Error(`The seed's JSON has no ${key}.`);
  const dbVersion =
    database.kind === "postgres"
      ? await postgresVersion(database.url)
      : `PGlite ${pgliteVersion()} (PostgreSQL compiled to WebAssembly, in the server's process)`;

  let recompute;
  try {
    recompute = await recomputeBench(database, seeded);
  } catch (error) {
    recompute = { error: error instanceof Error ? error.message : String(error) };
    console.error(`Recompute micro-benchmark failed: ${recompute.error}`);
  }

  heading("Server");
  const secrets = {
    AUTH_SECRET: randomBytes(33).toString("base64"),
    NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  };
  const serverEnv = databaseEnv(database, {
    ...secrets,
    NODE_ENV: "production",
    AUTH_TRUST_HOST: "true",
    DB_QUERY_COUNTER: "1",
  });
  const verbose = process.env.BENCH_VERBOSE === "1";
  const serverLog = (line) => {
    if (verbose || /error|warn|unhandled/i.test(line)) console.info(line);
  };
  const portA = await freePort(options.port, PORT_RANGE[1]);
  const serverA = await startServer({ cwd: root, port: portA, env: serverEnv, log: serverLog });
  cleanups.push(() => serverA.stop());
  info(`next start on ${serverA.url} (pid ${serverA.pid})`);

  const browser = await launchBrowser();
  cleanups.push(() => browser.close());
  const sessions = {};
  const cookieFor = async (role) => {
    const current = sessions[role];
    if (current && Date.now() - current.signedInAt < SESSION_REFRESH_MS)
      return cookieHeader(current.context, serverA.url);
    if (current) await current.context.close();
    sessions[role] = await signIn(browser, { baseUrl: serverA.url, ...accounts[role] });
    return sessions[role].cookie;
  };
  await cookieFor("therapist");
  await cookieFor("patient");
  info(`Signed in as ${accounts.therapist.email} and ${accounts.patient.email}.`);

  const title = (text) => new RegExp(`<title>${text} · `);
  const baselinePage = {
    name: "baseline (session only)",
    path: "/session",
    role: "therapist",
    expect: /Signed in/,
  };
  const pages = [
    { name: "caseload", path: "/patients", role: "therapist", expect: title("Caseload") },
    {
      name: "rich patient page",
      path: `/patients/${seeded.richPatientId}`,
      shownAs: "/patients/:richPatientId", // in the tables: the id changes with every run
      role: "therapist",
      rich: true,
      // Its own links carry its id (a 404 or another page would not).
      expect: new RegExp(`/patients/${seeded.richPatientId}/`),
    },
    { name: "flags", path: "/flags", role: "therapist", expect: title("Flags") },
    { name: "my program", path: "/my/program", role: "patient", expect: title("My program") },
    { name: "my log", path: "/my/log", role: "patient", expect: title("Daily log") },
  ];

  heading(
    `Load: ${options.duration} s per page at 10 connections after ${options.warmup} s warm-up`,
  );
  // The baseline is measured first and again after every page: this machine's speed drifts by
  // up to ±20 % within minutes, so each page is compared with the baseline measured just before
  // and just after it (the mean of the two), not with one measurement minutes away.
  const measured = new Map();
  const baselineRuns = [];
  const measureBaseline = async () => {
    const cookie = await cookieFor(baselinePage.role);
    const m = await measurePage({ page: baselinePage, server: serverA, cookie, options });
    baselineRuns.push(m.load.rps);
    return m;
  };
  // A fresh server first runs every measured route for a while: its compiled code keeps
  // warming up for minutes, and in each of the 8 runs before, the first baseline measured 8–39 % below
  // the median of the later ones (which flattered the first page's ratio, compared with it).
  if (options.serverWarmup > 0) {
    info(`Warm-up: ${options.serverWarmup} s on each route before measuring.`);
    for (const page of [baselinePage, ...pages]) {
      const cookie = await cookieFor(page.role);
      await fetchPage(`${serverA.url}${page.path}`, cookie, page.expect);
      await runLoad({
        urls: [`${serverA.url}${page.path}`],
        cookie,
        connections: 10,
        seconds: options.serverWarmup,
      });
    }
  }
  measured.set(baselinePage, await measureBaseline());
  const around = new Map();
  for (const page of pages) {
    const cookie = await cookieFor(page.role);
    const before = baselineRuns.at(-1);
    measured.set(page, await measurePage({ page, server: serverA, cookie, options }));
    await measureBaseline();
    around.set(page, Math.round(((before + baselineRuns.at(-1)) / 2) * 10) / 10);
  }

  const base = measured.get(baselinePage);
  const pick = (m) => ({
    rps: m.load.rps,
    p50: m.load.p50,
    p95: m.load.p95,
    p99: m.load.p99,
    errors: m.load.errors,
  });
  const results = {
    machine: `${describeMachine()}; ${
      database.kind === "postgres"
        ? dbVersion.split(" on ")[0] // "PostgreSQL 15.20 (Debian …)"
        : `PGlite ${pgliteVersion()}`
    }`,
    // What `npm start` passes to Node (package.json "config"); the bench's servers get the same.
    serverNodeOptions: serverNodeOptions(root).join(" "),
    // The first baseline measurement (latencies, errors); `rpsRuns`: every one, in order.
    baseline: {
      ...pick(base),
      path: baselinePage.path,
      queriesPerRequest: base.queriesPerRequest,
      rpsRuns: baselineRuns,
    },
    pages: pages.map((page) => {
      const m = measured.get(page);
      const baselineRps = around.get(page);
      const ratio = baselineRps > 0 ? Math.round((m.load.rps / baselineRps) * 1000) / 1000 : null;
      const row = {
        name: page.name,
        path: page.path,
        ...(page.shownAs ? { shownAs: page.shownAs } : {}),
        ...pick(m),
        queriesPerRequest: m.queriesPerRequest,
        // ratio = rps ÷ baselineRps: the baseline's req/s just before and just after this page.
        baselineRps,
        ratio,
      };
      return { ...row, ...judge({ ...row, rich: page.rich }) };
    }),
    date: started.toISOString(),
    node: process.version,
    loadAverageAtStart: loadAverage,
    database: { kind: database.kind, version: dbVersion },
    data: {
      demo: options.demo,
      patients: options.demo ? (seeded.patientIds?.length ?? null) : options.patients,
      days: options.demo ? null : options.days,
      seed: options.demo ? null : options.seed,
      counts: seeded.counts ?? null,
      seedMs: seeded.elapsedMs ?? null,
      description: options.demo
        ? "the demo clinic (--demo)"
        : `large clinic, ${options.patients} patients × ${options.days} days (seed ${options.seed})`,
    },
    connections: 10,
    durationSeconds: options.duration,
    warmupSeconds: options.warmup,
    serverWarmupSeconds: options.serverWarmup,
    queryCountRequests: QUERY_COUNT_REQUESTS,
    targets: TARGETS,
    recompute,
  };

  heading("Client JavaScript (first load, gzip)");
  try {
    results.clientJs = clientJsReport(
      root,
      pages.map((page) => ({ ...page, html: measured.get(page).html })),
      base.html,
    );
    info(`baseline /session: ${results.clientJs.baseline.kbGzip} kB`);
    for (const r of results.clientJs.routes)
      info(
        `${r.path}: ${r.kbGzip} kB (Δ ${r.deltaKb} kB)` +
          (r.withinBudget === false ? "  OVER baseline + 40 kB" : ""),
      );
  } catch (error) {
    results.clientJs = { error: error instanceof Error ? error.message : String(error) };
    console.error(`Client JS could not be measured: ${results.clientJs.error}`);
  }

  let instancesFailed = false;
  if (options.instances === 2) {
    heading("Two instances on one PostgreSQL");
    try {
      const portB = await freePort(portA + 1, PORT_RANGE[1]);
      const serverB = await startServer({ cwd: root, port: portB, env: serverEnv, log: serverLog });
      cleanups.push(() => serverB.stop());
      info(`second next start on ${serverB.url} (pid ${serverB.pid}), same AUTH_SECRET and key`);
      const caseload = pages[0];
      results.instances = await checkInstances({
        browser,
        servers: [serverA, serverB],
        therapist: accounts.therapist,
        patient: accounts.patient,
        lockoutAccount: accounts.admin,
        maxFailures: envInt("LOGIN_MAX_FAILURES", 5),
        loadPath: caseload.path,
        seconds: options.duration,
        singleInstanceRps: measured.get(caseload).load.rps,
        log: info,
      });
      instancesFailed =
        results.instances.checks.some((c) => !c.pass) || results.instances.load.errors > 0;
    } catch (error) {
      results.instances = { error: error instanceof Error ? error.message : String(error) };
      console.error(`Two-instance run failed: ${results.instances.error}`);
      instancesFailed = true;
    }
  }

  heading("Results");
  info(consoleTable(results));
  const benchDir = path.join(root, "bench");
  mkdirSync(benchDir, { recursive: true });
  const outputs = outputsOf(options);
  writeResults({
    jsonPath: path.join(benchDir, outputs.json),
    markdownPath: path.join(benchDir, outputs.markdown),
    results,
    root,
  });
  const readme = outputs.readme && updateReadme(path.join(root, "README.md"), results);
  info(
    `\nWrote bench/${outputs.json} and bench/${outputs.markdown}${readme ? ", and the table in README.md" : ""}.`,
  );

  const errored = results.baseline.errors > 0 || results.pages.some((p) => p.errors > 0);
  const missed = results.pages.filter((p) => !p.pass);
  if (missed.length > 0)
    console.warn(
      `Targets missed by: ${missed.map((p) => `${p.name} (${p.failures.join(", ")})`).join("; ")}`,
    );
  if (errored) console.error("Some requests failed (see the errors column).");
  if (instancesFailed) console.error("A two-instance check failed.");
  return errored || instancesFailed || (options.strict && missed.length > 0) ? 1 : 0;
}

function pgliteVersion() {
  try {
    const file = path.join(root, "node_modules", "@electric-sql", "pglite", "package.json");
    return JSON.parse(readFileSync(file, "utf8")).version;
  } catch {
    return "";
  }
}

function envInt(name, fallback) {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

let exitCode = 1;
try {
  exitCode = await main();
} catch (error) {
  console.error(`\nbench failed: ${error instanceof Error ? error.message : error}`);
  exitCode = 1;
} finally {
  await cleanUpOnce();
}
process.exit(interrupted ? 130 : exitCode);
