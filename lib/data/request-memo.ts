import "server-only";
import type { Viewer } from "@/lib/auth/viewer-type";

const memos = new WeakMap<Viewer, Map<string, Promise<unknown>>>();

/**
 * Request-scoped reuse of a read. The viewer object lives for exactly one request (`getViewer`
 * is cached per request), so a read memoised on it is shared by the layout, the page and every
 * data-layer call of that request (the patient access check, a patient's programs), and is gone
 * with the request. Unlike `React.cache` it also works outside a React render (route handlers,
 * server actions, tests), so the query counts the tests measure are the server's.
 *
 * Reads only, and never a read that a write decides on inside its transaction.
 */
export function memoForRequest<T>(viewer: Viewer, key: string, load: () => Promise<T>): Promise<T> {
  let memo = memos.get(viewer);
  if (!memo) {
    memo = new Map();
    memos.set(viewer, memo);
  }
  let value = memo.get(key) as Promise<T> | undefined;
  if (!value) {
    value = load();
    memo.set(key, value);
  }
  return value;
}

/** Seed the memo with a value already read (e.g. the access check a fuller query implied). */
export function rememberForRequest<T>(viewer: Viewer, key: string, value: T) {
  void memoForRequest(viewer, key, async () => value);
}
