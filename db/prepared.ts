import type { Db } from "./client";

/**
 * A statement drizzle builds once per database handle, then runs with its values bound
 * (`sql.placeholder("name")` in the query, `.execute({ name })` per call).
 *
 * Why: turning drizzle's query objects into SQL costs the server more CPU than PostgreSQL takes
 * to run our small per-patient reads (a page's reads spent about half their Node time there; see
 * README, "What makes the pages fast"). The pages' hot reads are built here once.
 *
 * Only for `db`, never a transaction: a prepared statement runs on the handle it was built on.
 * Writes inside transactions, and reads whose shape varies with the request, stay ordinary
 * queries. Both drivers (postgres.js and PGlite) support it, and drizzle's logger still sees
 * every execution (the query counter counts them).
 */
export function prepared<T>(build: (db: Db) => T): (db: Db) => T {
  const built = new WeakMap<Db, T>();
  return (db) => {
    let statement = built.get(db);
    if (statement === undefined) {
      statement = build(db);
      built.set(db, statement);
    }
    return statement;
  };
}

/**
 * `prepared` for a statement whose SQL depends on a few options of the request (filters, sort
 * order): one statement per combination (`key` names it), each built the first time it is used.
 */
export function preparedVariants<V, T>(
  key: (variant: V) => string,
  build: (db: Db, variant: V) => T,
): (db: Db, variant: V) => T {
  const built = new WeakMap<Db, Map<string, T>>();
  return (db, variant) => {
    let variants = built.get(db);
    if (!variants) {
      variants = new Map();
      built.set(db, variants);
    }
    const name = key(variant);
    let statement = variants.get(name);
    if (statement === undefined) {
      statement = build(db, variant);
      variants.set(name, statement);
    }
    return statement;
  };
}
