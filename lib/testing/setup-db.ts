import { afterAll, beforeAll } from "vitest";
import { setDbFactory } from "@/db/client";
import { createTestDb } from "@/db/test-db";

// Every test file that touches the database gets its own fresh, migrated one (PGlite in memory,
// or a new PostgreSQL database when TEST_DATABASE_URL is set), created on first use: files that
// never touch the database pay nothing.
let created: ReturnType<typeof createTestDb> | undefined;

beforeAll(() => {
  setDbFactory(async () => {
    created ??= createTestDb();
    return (await created).db;
  });
});

afterAll(async () => {
  setDbFactory(undefined);
  const handle = await created?.catch(() => undefined);
  await handle?.close();
});
