import type { Role } from "./viewer-type";

declare module "@auth/core/jwt" {
  interface JWT {
    uid?: string;
    role?: Role;
    cid?: string;
    sv?: number;
    /** Sign-in time and last activity, seconds since epoch (session-policy.ts). */
    authTime?: number;
    lastSeen?: number;
    /** "setup": an enrolment-only session (see session-policy.ts). */
    mfa?: "setup";
  }
}

declare module "next-auth" {
  interface Session {
    userId: string;
    role: Role;
    clinicId: string;
    sessionVersion: number;
    /** Two-step sign-in is required and not set up yet: only the enrolment page is reachable. */
    mfaSetupOnly: boolean;
  }
  interface User {
    role?: Role;
    clinicId?: string;
    sessionVersion?: number;
    mfaSetupOnly?: boolean;
  }
}
