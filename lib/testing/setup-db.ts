import { afterAll, beforeAll } from "vitest";
import { setDb } from "@/db/client";
import { createTestDb } from "@/db/test-db";

// Every test file runs against its own fresh, migrated database (PGlite in memory, or a new
// PostgreSQL database when TEST_DATABASE_URL is set). Files that never touch the database
// pay nothing: the database is created on first use.
let handle: Awaited<ReturnType<typeof createTestDb>> | undefined;
let pending: Promise<void> | undefined;

beforeAll(() => {
  setDb(
    (async () => {
      pending ??= createTestDb().then((h) => {
        handle = h;
      });
      await pending;
      if (!handle) throw new Error("test database not created");
      return handle.db;
    })(),
  );
});

afterAll(async () => {
  setDb(undefined);
  if (handle) await handle.close();
});
