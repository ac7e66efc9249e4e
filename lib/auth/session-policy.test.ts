import { describe, expect, it } from "vitest";
import { ABSOLUTE_TIMEOUT_SECONDS, checkSessionAge, IDLE_TIMEOUT_SECONDS } from "./session-policy";

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
