import { describe, expect, it } from "vitest";
import {
  ABSOLUTE_TIMEOUT_SECONDS,
  checkSessionAge,
  IDLE_TIMEOUT_SECONDS,
  nextSessionToken,
  sessionCookie,
} from "./session-policy";

const signIn = 1_800_000_000;

describe("checkSessionAge", () => {
  it("keeps an active session alive", () => {
    expect(checkSessionAge({ authTime: signIn, lastSeen: signIn }, signIn + 60)).toBe("ok");
  });

  it("logs off after 30 idle minutes, not a second before", () => {
    const times = { authTime: signIn, lastSeen: signIn + 600 };
    expect(checkSessionAge(times, signIn + 600 + IDLE_TIMEOUT_SECONDS - 1)).toBe("ok");
    expect(checkSessionAge(times, signIn + 600 + IDLE_TIMEOUT_SECONDS)).toBe("idle");
  });

  it("ends any session 12 hours after sign-in, however active", () => {
    const now = signIn + ABSOLUTE_TIMEOUT_SECONDS;
    expect(checkSessionAge({ authTime: signIn, lastSeen: now - 5 }, now - 1)).toBe("ok");
    expect(checkSessionAge({ authTime: signIn, lastSeen: now - 5 }, now)).toBe("expired");
  });
});

describe("nextSessionToken (the jwt callback, with an injected clock)", () => {
  const user = { id: "u1", role: "therapist" as const, clinicId: "c1", sessionVersion: 3 };

  it("ends a session left idle for 30 minutes", () => {
    const token = nextSessionToken({}, user, signIn);
    expect(token).toMatchObject({ uid: "u1", sv: 3, authTime: signIn, lastSeen: signIn });
    expect(token?.mfa).toBeUndefined();
    const later = nextSessionToken(token ?? {}, undefined, signIn + 29 * 60);
    expect(later?.lastSeen).toBe(signIn + 29 * 60);
    expect(nextSessionToken(later ?? {}, undefined, signIn + 29 * 60 + IDLE_TIMEOUT_SECONDS)).toBe(
      null,
    );
  });

  it("keeps an active session alive until 12 hours after sign-in, then ends it", () => {
    let token = nextSessionToken({}, user, signIn);
    let now = signIn;
    // A request every 20 minutes: never idle.
    while (now + 20 * 60 < signIn + ABSOLUTE_TIMEOUT_SECONDS) {
      now += 20 * 60;
      token = nextSessionToken(token ?? {}, undefined, now);
      expect(token, `alive at +${(now - signIn) / 60} min`).not.toBeNull();
    }
    expect(nextSessionToken(token ?? {}, undefined, signIn + ABSOLUTE_TIMEOUT_SECONDS)).toBeNull();
  });

  it("marks an enrolment-only session and refuses a token without the claims", () => {
    expect(nextSessionToken({}, { ...user, mfaSetupOnly: true }, signIn)?.mfa).toBe("setup");
    expect(nextSessionToken({}, undefined, signIn)).toBeNull();
  });
});

describe("sessionCookie", () => {
  it("is HttpOnly and SameSite=Lax always, Secure in production", () => {
    const prod = sessionCookie({ NODE_ENV: "production" });
    expect(prod).toMatchObject({
      name: "__Secure-authjs.session-token",
      options: { httpOnly: true, sameSite: "lax", secure: true, path: "/" },
    });
    const dev = sessionCookie({ NODE_ENV: "development" });
    expect(dev.options).toMatchObject({ httpOnly: true, sameSite: "lax", secure: false });
    expect(dev.name).toBe("authjs.session-token");
    expect(sessionCookie({ NODE_ENV: "production", AUTH_COOKIE_SECURE: "false" }).secure).toBe(
      false,
    );
  });
});
