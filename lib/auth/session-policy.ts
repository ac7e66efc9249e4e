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

/** The claims this portal keeps in its session token (typed in next-auth.d.ts). */
export interface SessionClaims {
  sub?: string;
  uid?: string;
  role?: "admin" | "therapist" | "patient";
  cid?: string;
  sv?: number;
  authTime?: number;
  lastSeen?: number;
  /** "setup": an enrolment-only session (two-step sign-in required but not set up yet). */
  mfa?: "setup";
  [claim: string]: unknown;
}

export interface SignedInUser {
  id?: string;
  role?: "admin" | "therapist" | "patient";
  clinicId?: string;
  sessionVersion?: number;
  mfaSetupOnly?: boolean;
}

/**
 * The jwt callback's logic, pure: on sign-in build the claims; on every later request end the
 * session (null) when idle or too old, else slide `lastSeen` forward.
 */
export function nextSessionToken<T extends SessionClaims>(
  token: T,
  user: SignedInUser | undefined,
  nowSeconds: number,
): SessionClaims | null {
  if (user) {
    if (!user.id || !user.role || !user.clinicId || user.sessionVersion === undefined) return null;
    return {
      sub: user.id,
      uid: user.id,
      role: user.role,
      cid: user.clinicId,
      sv: user.sessionVersion,
      authTime: nowSeconds,
      lastSeen: nowSeconds,
      ...(user.mfaSetupOnly ? { mfa: "setup" as const } : {}),
    };
  }
  if (!token.uid || !token.authTime || !token.lastSeen) return null;
  if (checkSessionAge({ authTime: token.authTime, lastSeen: token.lastSeen }, nowSeconds) !== "ok")
    return null;
  return { ...token, lastSeen: nowSeconds };
}

/**
 * The session cookie: HttpOnly, SameSite=Lax, Secure in production. AUTH_COOKIE_SECURE
 * ("true"/"false") overrides the choice, for running a production build on plain http
 * (localhost only; never in a real deployment).
 */
export function sessionCookie(env: Record<string, string | undefined> = process.env) {
  const override = env.AUTH_COOKIE_SECURE;
  const secure =
    override === "true" || override === "false"
      ? override === "true"
      : env.NODE_ENV === "production";
  return {
    secure,
    name: `${secure ? "__Secure-" : ""}authjs.session-token`,
    options: { httpOnly: true, sameSite: "lax" as const, path: "/", secure },
  };
}
