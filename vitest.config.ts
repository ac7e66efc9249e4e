import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    tsconfigPaths: true,
    // `server-only` throws outside Next's server bundles; in tests the whole process is "server".
    alias: {
      "server-only": new URL("./lib/testing/server-only-stub.ts", import.meta.url).pathname,
    },
  },
  test: {
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", "e2e/**", ".next/**"],
    environment: "node",
    setupFiles: ["./lib/testing/setup-db.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Each file gets its own database; PGlite's first init is memory-hungry on 2 cores.
    maxWorkers: 2,
    env: { TZ: "UTC" },
    // next-auth imports `next/server` without an extension, which only a bundler resolves.
    server: { deps: { inline: ["next-auth"] } },
  },
});
