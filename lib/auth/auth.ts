import NextAuth, { type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import { clientIp } from "./client-ip";
import { verifyLogin } from "./login";
import { getAuthSecret } from "./secret";
import { checkSessionAge, IDLE_TIMEOUT_SECONDS } from "./session-policy";

const nowSeconds = () => Math.floor(Date.now() / 1000);

function config(): NextAuthConfig {
  return {
    secret: getAuthSecret(),
    // Host comes from the deployment's own reverse proxy; set AUTH_URL to pin it.
    trustHost: true,
    // The cookie lives as long as the idle timeout and is re-issued on every request.
    session: { strategy: "jwt", maxAge: IDLE_TIMEOUT_SECONDS, updateAge: 0 },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      Credentials({
        credentials: { email: {}, password: {} },
        async authorize(credentials, request) {
          const email = typeof credentials?.email === "string" ? credentials.email : "";
          const password = typeof credentials?.password === "string" ? credentials.password : "";
          const user = await verifyLogin(await getDb(), {
            email,
            password,
            ip: clientIp(request.headers),
          });
          if (!user) return null;
          return {
            id: user.id,
            name: user.name,
            email: user.email,
            role: user.role,
            clinicId: user.clinicId,
            sessionVersion: user.sessionVersion,
          };
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        const now = nowSeconds();
        if (user) {
          return {
            sub: user.id,
            uid: user.id,
            role: user.role,
            cid: user.clinicId,
            sv: user.sessionVersion,
            authTime: now,
            lastSeen: now,
          };
        }
        if (!token.uid || !token.authTime || !token.lastSeen) return null;
        if (checkSessionAge({ authTime: token.authTime, lastSeen: token.lastSeen }, now) !== "ok")
          return null;
        return { ...token, lastSeen: now };
      },
      session({ session, token }) {
        return {
          ...session,
          user: { ...session.user, id: token.uid ?? "" },
          userId: token.uid ?? "",
          role: token.role ?? "patient",
          clinicId: token.cid ?? "",
          sessionVersion: token.sv ?? -1,
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
