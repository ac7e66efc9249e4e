#!/usr/bin/env node
// `npm test`: unit + integration tests (vitest), then the end-to-end suite (Playwright, Chromium)
// against a production build on a fresh database.
//
//   npm test                          everything
//   npm run test:e2e                  only the e2e suite (node scripts/test.mjs --e2e-only)
//   npm test -- --grep "login"        extra arguments go to `playwright test`
//
// TEST_DATABASE_URL=postgres://…  integration and e2e use PostgreSQL on that server (a fresh
//                                 database each); without it, PGlite (in memory / a temp dir).
// PLAYWRIGHT_CHROMIUM_PATH        the Chromium to use (default /usr/bin/chromium if present).
// E2E_PORT                        the e2e server's port (default 3100).
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import postgres from "postgres";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);

const argv = process.argv.slice(2);
const e2eOnly = argv.includes("--e2e-only");
// Everything else (after a literal `--`, or any argument we do not know) goes to Playwright.
const playwrightArgs = argv.filter((arg) => arg !== "--e2e-only" && arg !== "--");

// The environment of every child. No DATABASE_URL: tests make their own databases, the build
// must not reach one, and the e2e server gets exactly the one made for this run.
const baseEnv = { ...process.env, TZ: "UTC", NEXT_TELEMETRY_DISABLED: "1" };
delete baseEnv.DATABASE_URL;

const heading = (text) => console.info(`\n=== ${text} ===\n`);

let current; // the running child, to forward signals to
let interrupted = false;
// Both become SIGINT for the child: Playwright stops gracefully on SIGINT (closing the browser and
// the web server) but not on SIGTERM, which leaves `next start` running. Then, if need be, SIGTERM.
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    interrupted = true;
    const child = current;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGINT");
    setTimeout(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    }, 20_000).unref();
  });
}

/**
 * A project binary, like `npx <name>` but run directly: npx does not pass a signal sent to it
 * alone (rather than to the terminal's process group) on to the tool, so Ctrl-C in CI would not
 * stop Playwright.
 */
function npx(name, ...args) {
  const local = path.join(root, "node_modules", ".bin", name);
  return existsSync(local) ? [local, args] : ["npx", [name, ...args]];
}

/** Runs a command with inherited stdio; resolves to its exit code (1 if killed by a signal). */
function run(command, args, { env = baseEnv, timeoutMs } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: "inherit", env });
    current = child;
    const timer = timeoutMs
      ? setTimeout(() => {
          console.error(`${command} ${args.join(" ")}: timed out after ${timeoutMs / 1000} s`);
          child.kill("SIGTERM");
        }, timeoutMs)
      : undefined;
    child.on("error", (error) => {
      clearTimeout(timer);
      console.error(`Could not run ${command}: ${error.message}`);
      current = undefined;
      resolve(127);
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      current = undefined;
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

/** Stops with the given code if a step failed or the run was interrupted. */
function check(code, what) {
  if (code !== 0 || interrupted) {
    console.error(`\n${what} ${interrupted ? "interrupted" : `failed (exit code ${code})`}.`);
    process.exit(code || 130);
  }
}

/** The Chromium for Playwright: a path, "" for Playwright's own browser, or null if none. */
async function findChromium() {
  const fromEnv = process.env.PLAYWRIGHT_CHROMIUM_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    console.warn(`PLAYWRIGHT_CHROMIUM_PATH=${fromEnv} does not exist; looking elsewhere.`);
  }
  for (const candidate of ["/usr/bin/chromium", "/usr/bin/chromium-browser"]) {
    if (existsSync(candidate)) return candidate;
  }
  if (await playwrightChromiumInstalled()) return "";
  return null;
}

async function playwrightChromiumInstalled() {
  try {
    const { chromium } = await import("@playwright/test");
    const executable = chromium.executablePath();
    return Boolean(executable) && existsSync(executable);
  } catch {
    return false;
  }
}

async function ensureChromium() {
  let found = await findChromium();
  if (found !== null) return found;

  console.info("No Chromium found: trying `npx playwright install chromium`.");
  const installed = await run(...npx("playwright", "install", "chromium"), {
    timeoutMs: 5 * 60_000,
  });
  if (interrupted) check(130, "Chromium install");
  if (installed === 0 && (await playwrightChromiumInstalled())) return "";

  if (process.getuid?.() === 0) {
    console.info("Installing Debian's Chromium: apt-get update && apt-get install -y chromium");
    const code = await run("sh", ["-c", "apt-get update && apt-get install -y chromium"]);
    if (interrupted) check(130, "Chromium install");
    if (code === 0 && existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  }

  found = await findChromium();
  if (found !== null) return found;
  console.error(
    "No Chromium for the end-to-end tests. Install one (as root: `apt-get install -y chromium`) " +
      "or set PLAYWRIGHT_CHROMIUM_PATH to a Chromium executable.",
  );
  process.exit(1);
}

function databaseUrl(url, database) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function adminQuery(url, statement) {
  const sql = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  try {
    await sql.unsafe(statement);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

async function main() {
  if (!e2eOnly) {
    heading("Unit and integration tests (vitest)");
    check(await run(...npx("vitest", "run")), "vitest");
  }

  heading("Chromium");
  const chromiumPath = await ensureChromium();
  console.info(chromiumPath ? `Using ${chromiumPath}` : "Using Playwright's own Chromium");

  heading("Production build (next build)");
  check(await run(...npx("next", "build")), "next build");

  heading("Database for the end-to-end tests");
  const e2eEnv = { ...baseEnv };
  delete e2eEnv.E2E_DATABASE_URL;
  delete e2eEnv.E2E_PGLITE_DIR;
  delete e2eEnv.PLAYWRIGHT_CHROMIUM_PATH;
  if (chromiumPath) e2eEnv.PLAYWRIGHT_CHROMIUM_PATH = chromiumPath;

  const testDatabaseUrl = process.env.TEST_DATABASE_URL;
  let cleanup = async () => {};
  if (testDatabaseUrl) {
    const name = `spasticity_e2e_${Date.now()}`;
    await adminQuery(testDatabaseUrl, `CREATE DATABASE "${name}"`);
    e2eEnv.E2E_DATABASE_URL = databaseUrl(testDatabaseUrl, name);
    console.info(`PostgreSQL database ${name}`);
    cleanup = async () => {
      await adminQuery(testDatabaseUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      console.info(`Dropped database ${name}`);
    };
  } else {
    const dir = mkdtempSync(path.join(os.tmpdir(), "spasticity-e2e-"));
    e2eEnv.E2E_PGLITE_DIR = path.join(dir, "pglite");
    console.info(`Embedded PGlite in ${e2eEnv.E2E_PGLITE_DIR}`);
    cleanup = async () => {
      rmSync(dir, { recursive: true, force: true });
      console.info(`Removed ${dir}`);
    };
  }

  let code = 1;
  try {
    heading(`End-to-end tests (${["playwright", "test", ...playwrightArgs].join(" ")})`);
    code = await run(...npx("playwright", "test", ...playwrightArgs), { env: e2eEnv });
  } finally {
    try {
      await cleanup();
    } catch (error) {
      console.error(`Cleanup failed: ${error instanceof Error ? error.message : error}`);
    }
  }
  if (interrupted && code === 0) code = 130;
  process.exit(code);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
