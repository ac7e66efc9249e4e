import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

describe("npm run db:seed -- --demo", () => {
  it("refuses to put known demo passwords into a production database", () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: "postgres://nobody@127.0.0.1:1/never",
    };
    delete env.ALLOW_DEMO_SEED;
    const result = spawnSync("npx", ["tsx", "db/seed/cli.ts", "--demo"], { env, encoding: "utf8" });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Refusing to seed demo accounts");
  });
});
