import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { clinics } from "@/db/schema";

/** Anyone: whether the demo clinic exists, so the login page may list the demo accounts. */
export async function demoDataPresent(): Promise<boolean> {
  const db = await getDb();
  const [row] = await db
    .select({ id: clinics.id })
    .from(clinics)
    .where(eq(clinics.isDemo, true))
    .limit(1);
  return Boolean(row);
}
