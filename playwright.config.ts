import { defineConfig, devices } from "@playwright/test";

// End-to-end tests run against a production build (`next build` is done by scripts/test.mjs;
// here we only `next start` it). Run them with `npm test` or `npm run test:e2e`, which also
// prepare a fresh database: E2E_DATABASE_URL (PostgreSQL) or E2E_PGLITE_DIR (embedded).

const PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${PORT}`;
/** A second server of the same build whose database is down (e2e/db-unavailable.spec.ts). */
const NO_DB_PORT = PORT + 1;

const launchOptions = {
  // Debian's Chromium (browser downloads do not work on these machines); unset = Playwright's own.
  executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH || undefined,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};

/**
 * The server's environment. Playwright merges this over its own process.env, so a variable is
 * removed from the server's environment by setting it to undefined (Node's spawn drops those).
 */
function serverEnv(): Record<string, string> {
  const env: Record<string, string | undefined> = { ...process.env };
  if (process.env.E2E_DATABASE_URL) {
    env.DATABASE_URL = process.env.E2E_DATABASE_URL;
    env.PGLITE_DIR = undefined;
  } else {
    const dir = process.env.E2E_PGLITE_DIR;
    if (!dir) {
      throw new Error(
        "E2E_PGLITE_DIR (a fresh directory) or E2E_DATABASE_URL must be set: run the e2e tests " +
          "with `npm test` or `npm run test:e2e`, which create a fresh database for the run.",
      );
    }
    env.DATABASE_URL = undefined;
    env.PGLITE_DIR = dir;
  }
  env.AUTH_SECRET = process.env.AUTH_SECRET || "e2e-only-secret-not-for-production-0123456789";
  env.AUTH_TRUST_HOST = "true";
  env.NODE_ENV = "production";
  env.NEXT_TELEMETRY_DISABLED = "1";
  env.TZ = "UTC";
  return env as Record<string, string>;
}

/** The same server, but its DATABASE_URL points at a closed port: the database is unavailable. */
function noDatabaseEnv(): Record<string, string> {
  const env: Record<string, string | undefined> = { ...serverEnv() };
  env.DATABASE_URL = "postgres://postgres@127.0.0.1:1/none";
  env.PGLITE_DIR = undefined;
  return env as Record<string, string>;
}

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [["list"]],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  globalSetup: "./e2e/global-setup.ts",
  use: {
    baseURL,
    trace: "off",
    launchOptions,
  },
  projects: [
    {
      name: "chromium",
      use: { ...devices["Desktop Chrome"], launchOptions },
    },
  ],
  // Playwright starts the server BEFORE global setup runs: the readiness URL must answer without
  // the schema (global setup migrates and seeds a PostgreSQL database after the server is up).
  webServer: [
    {
      command: `npx next start -p ${PORT} -H 127.0.0.1`,
      url: `${baseURL}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "ignore",
      stderr: "pipe",
      env: serverEnv(),
    },
    {
      // Its /api/health answers 503 by design: readiness is a static file.
      command: `npx next start -p ${NO_DB_PORT} -H 127.0.0.1`,
      url: `http://127.0.0.1:${NO_DB_PORT}/icon.svg`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "ignore",
      stderr: "ignore",
      env: noDatabaseEnv(),
    },
  ],
});
