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
  }
}

declare module "next-auth" {
  interface Session {
    userId: string;
    role: Role;
    clinicId: string;
    sessionVersion: number;
  }
  interface User {
    role?: Role;
    clinicId?: string;
    sessionVersion?: number;
  }
}
