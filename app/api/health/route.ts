import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";

export const dynamic = "force-dynamic";

/** Liveness and database reachability for load balancers. No patient data, no internals. */
export async function GET() {
  try {
    const db = await getDb();
    await db.execute(sql`select 1`);
    return Response.json(
      { status: "ok", database: "reachable" },
      { headers: { "cache-control": "no-store" } },
    );
  } catch (error) {
    console.error("[health] database unavailable", error instanceof Error ? error.message : error);
    // 503 so that a load balancer takes this instance out until the database is back; the next
    // request tries again (nothing about the failure is cached).
    return Response.json(
      { status: "unavailable", database: "unavailable", message: "The database is unavailable." },
      { status: 503, headers: { "cache-control": "no-store" } },
    );
  }
}
