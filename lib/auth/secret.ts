import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { embeddedDir, usesEmbeddedDb } from "@/db/client";

let cached: string | undefined;

/**
 * AUTH_SECRET from the environment. For the embedded demo only, a secret is generated on first
 * start and kept beside the database, so `npm run dev` works with nothing configured.
 */
export function getAuthSecret(): string {
  if (cached) return cached;
  const fromEnv = process.env.AUTH_SECRET;
  if (fromEnv) {
    cached = fromEnv;
    return cached;
  }
  if (!usesEmbeddedDb()) {
    throw new Error(
      "AUTH_SECRET must be set when DATABASE_URL is set (e.g. `openssl rand -base64 33`).",
    );
  }
  const file = path.join(path.dirname(embeddedDir()), "auth-secret");
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(33).toString("base64"), { mode: 0o600, flag: "wx" });
  }
  cached = readFileSync(file, "utf8").trim();
  return cached;
}
