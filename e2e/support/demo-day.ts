import { DEMO_CLINIC_TIME_ZONE } from "../../db/seed/demo";
import { todayIn } from "../../lib/clinical/dates";

/** Called by the global setup, as the demo is seeded (PGlite: on the server's first request, moments later). */
export function recordDemoSeedDay() {
  process.env.E2E_DEMO_SEEDED_ON = todayIn(DEMO_CLINIC_TIME_ZONE);
}

/**
 * Whether the demo clinic's day is still the day the demo was seeded. Its logs stop at that day's
 * yesterday, so after midnight a run of days that was current is over: a test that runs past
 * midnight asks this instead of failing.
 */
export function stillDemoSeedDay(): boolean {
  const seeded = process.env.E2E_DEMO_SEEDED_ON;
  if (!seeded) throw new Error("E2E_DEMO_SEEDED_ON is not set: e2e/global-setup.ts records it.");
  return todayIn(DEMO_CLINIC_TIME_ZONE) === seeded;
}
