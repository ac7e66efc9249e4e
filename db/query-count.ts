import { AsyncLocalStorage } from "node:async_hooks";
import type { Logger } from "drizzle-orm/logger";

/**
 * Counting the SQL statements the app sends, through drizzle's logger (both drivers).
 *
 * - `countQueries(fn)` counts the statements `fn` sends, across everything it awaits (the
 *   integration test of queries per page uses it);
 * - `totalQueries()` is the process-wide count; with `DB_QUERY_COUNTER=1` the server prints it
 *   on SIGUSR2, which is how `npm run bench` measures queries per request of a running server.
 *
 * BEGIN and COMMIT are not statements drizzle logs: a transaction counts as its statements.
 */
declare global {
  var __spasticityQueryCount: { total: number; scope: AsyncLocalStorage<string[]> } | undefined;
}

// Next bundles server code more than once: keep one counter per process.
globalThis.__spasticityQueryCount ??= {
  total: 0,
  scope: new AsyncLocalStorage<string[]>(),
};
const state = globalThis.__spasticityQueryCount;

export const queryCounter: Logger = {
  logQuery(query) {
    state.total++;
    state.scope.getStore()?.push(query);
  },
};

export function totalQueries() {
  return state.total;
}

/** The statements `fn` sends (their SQL text, in order), across everything it awaits. */
export async function countQueries<T>(
  fn: () => Promise<T>,
): Promise<{ result: T; queries: number; statements: string[] }> {
  const statements: string[] = [];
  const result = await state.scope.run(statements, fn);
  return { result, queries: statements.length, statements };
}

let reporting = false;
/** With DB_QUERY_COUNTER=1: print the process's statement count on SIGUSR2 (for the bench). */
export function reportQueriesOnSignal() {
  if (reporting || process.env.DB_QUERY_COUNTER !== "1") return;
  reporting = true;
  process.on("SIGUSR2", () => {
    process.stdout.write(`[db] queries=${state.total}\n`);
  });
}
