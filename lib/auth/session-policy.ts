/** Session lifetime rules (DESIGN §5), pure so they can be tested with an injected clock. */
export const IDLE_TIMEOUT_SECONDS = 30 * 60;
export const ABSOLUTE_TIMEOUT_SECONDS = 12 * 60 * 60;

export interface SessionTimes {
  /** When the user signed in (seconds since epoch). */
  authTime: number;
  /** Last request seen with this session (seconds since epoch). */
  lastSeen: number;
}

export type SessionAge = "ok" | "idle" | "expired";

export function checkSessionAge(times: SessionTimes, nowSeconds: number): SessionAge {
  if (nowSeconds - times.authTime >= ABSOLUTE_TIMEOUT_SECONDS) return "expired";
  if (nowSeconds - times.lastSeen >= IDLE_TIMEOUT_SECONDS) return "idle";
  return "ok";
}
