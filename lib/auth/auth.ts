import NextAuth, { type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import { clientIp } from "./client-ip";
import { verifyEnrolledTicket, verifyLogin, verifySecondFactor } from "./login";
import { verifyTicket } from "./mfa-crypto";
import { MfaChallengeExpired, MfaCodeRejected, MfaCodeRequired } from "./mfa-errors";
import { getAuthSecret } from "./secret";
import { IDLE_TIMEOUT_SECONDS, nextSessionToken, sessionCookie } from "./session-policy";

const nowSeconds = () => Math.floor(Date.now() / 1000);

const str = (value: unknown) => (typeof value === "string" ? value : "");

function config(): NextAuthConfig {
  const cookie = sessionCookie();
  return {
    secret: getAuthSecret(),
    // HttpOnly, SameSite=Lax; Secure in production (AUTH_COOKIE_SECURE overrides, see README).
    useSecureCookies: cookie.secure,
    cookies: { sessionToken: { name: cookie.name, options: cookie.options } },
    // Host comes from the deployment's own reverse proxy; set AUTH_URL to pin it.
    trustHost: true,
    // The cookie lives as long as the idle timeout and is re-issued on every request.
    session: { strategy: "jwt", maxAge: IDLE_TIMEOUT_SECONDS, updateAge: 0 },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      Credentials({
        // Three ways in, each verified on its own: email + password (step 1); the signed
        // challenge from step 1 + a TOTP or recovery code (step 2); the ticket an enrolment
        // hands over once the first code was confirmed.
        credentials: { email: {}, password: {}, challenge: {}, code: {}, ticket: {} },
        async authorize(credentials, request) {
          const db = await getDb();
          const ip = clientIp(request.headers);
          const ticket = str(credentials?.ticket);
          if (ticket) {
            const user = await verifyEnrolledTicket(db, { ticket });
            return user ? { ...user } : null;
          }
          const challenge = str(credentials?.challenge);
          if (challenge) {
            if (!verifyTicket(challenge, "mfa")) throw new MfaChallengeExpired();
            const user = await verifySecondFactor(db, {
              challenge,
              code: str(credentials?.code).slice(0, 64),
              ip,
            });
            if (!user) throw new MfaCodeRejected();
            return { ...user };
          }
          const user = await verifyLogin(db, {
            email: str(credentials?.email),
            password: str(credentials?.password),
            ip,
          });
          if (!user) return null;
          if (user.mfa === "totp") throw new MfaCodeRequired(user.challenge);
          return {
            id: user.id,
            name: user.name,
            email: user.email,
            role: user.role,
            clinicId: user.clinicId,
            sessionVersion: user.sessionVersion,
            mfaSetupOnly: user.mfa === "setup",
          };
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        return nextSessionToken(token, user, nowSeconds());
      },
      session({ session, token }) {
        return {
          ...session,
          user: { ...session.user, id: token.uid ?? "" },
          userId: token.uid ?? "",
          role: token.role ?? "patient",
          clinicId: token.cid ?? "",
          sessionVersion: token.sv ?? -1,
          mfaSetupOnly: token.mfa === "setup",
        };
      },
    },
    logger: {
      // A wrong password is an expected outcome, not an error worth a stack trace.
      error(error) {
        if (
          error.name === "CredentialsSignin" ||
          (error as { type?: string }).type === "CredentialsSignin"
        )
          return;
        console.error(error);
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => config());
