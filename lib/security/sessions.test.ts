import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { DEMO_PASSWORD } from "@/db/seed/demo-accounts";
import { loadViewer } from "@/lib/auth/load-viewer";
import { verifyLogin } from "@/lib/auth/login";
import {
  callAction,
  demoWorld,
  loadActions,
  mockNextRequestContext,
  outcomeOf,
  runtime,
  type SessionClaims,
  validInput,
  type World,
} from "@/lib/testing/action-harness";

/**
 * Issue #7 item 2, the server half: a session ends on its next request when an admin disables the
 * user, when the user changes their password, and when they sign out, everywhere that session's
 * token was copied. Through the app's real server actions (the harness) and the real session check
 * (loadViewer, which every request runs via getViewer), with claims taken BEFORE the change, as a
 * browser holding the old cookie would present them.
 *
 * The same rules at the data-layer level: lib/data/staff.test.ts ("disabling a user ends their
 * live sessions on the next request", "changing the password … ends every session", "sign-out
 * invalidates every copy of the session token").
 */

let world: World;
let actions: Awaited<ReturnType<typeof loadActions>>;

beforeAll(async () => {
  mockNextRequestContext();
  world = await demoWorld(await getDb());
  actions = await loadActions();
}, 120_000);

const STAFF_COMMAND = "app/(clinic)/admin/therapists/actions.ts#staffCommandAction";
const CHANGE_PASSWORD = "app/account/actions.ts#changePasswordAction";
const SIGN_OUT = "app/actions.ts#signOutAction";
const SAVE_LOG = "app/(patient)/my/log/actions.ts#saveLogAction";
const REVIEW_LOGS = "app/(clinic)/patients/[patientId]/logs/actions.ts#reviewLogsAction";

const viewerOf = (claims: SessionClaims | null) => {
  if (!claims) throw new Error("no claims");
  return loadViewer(world.db, claims, runtime.ip);
};

/** The claims a fresh sign-in with `password` would put in the token (null: sign-in refused). */
async function signIn(email: string, password: string): Promise<SessionClaims | null> {
  const user = await verifyLogin(world.db, { email, password, ip: runtime.ip });
  if (!user) return null;
  return {
    userId: user.id,
    role: user.role,
    clinicId: user.clinicId,
    sessionVersion: user.sessionVersion,
  };
}

/** As `claims`, call an action that needs a live session; its outcome in the table's terms. */
async function actAs(claims: SessionClaims | null, key: string) {
  runtime.session = claims;
  return outcomeOf(await callAction(actions[key] as never, await validInput(world, key)));
}

describe("live sessions end on the next request", () => {
  it("when an admin disables the user (and a re-enable does not revive the old token)", async () => {
    const before = await world.sessionOf("therapist2");
    expect(await viewerOf(before)).not.toBeNull();
    expect(await actAs(before, REVIEW_LOGS)).toBe("ok");

    runtime.session = await world.sessionOf("admin");
    const disable = await callAction(actions[STAFF_COMMAND] as never, {
      userId: world.therapist2.id,
      command: "disable",
    });
    expect(outcomeOf(disable)).toBe("ok");

    expect(await viewerOf(before)).toBeNull();
    expect(await actAs(before, REVIEW_LOGS)).toBe("login");
    expect(await signIn(world.emails.therapist2, DEMO_PASSWORD)).toBeNull();

    runtime.session = await world.sessionOf("admin");
    const enable = await callAction(actions[STAFF_COMMAND] as never, {
      userId: world.therapist2.id,
      command: "enable",
    });
    expect(outcomeOf(enable)).toBe("ok");
    expect(await viewerOf(before), "the token from before the disable stays dead").toBeNull();
    const again = await signIn(world.emails.therapist2, DEMO_PASSWORD);
    expect(again).not.toBeNull();
    expect(await viewerOf(again)).not.toBeNull();
  });

  it("when the user changes their password: every old session ends, a new sign-in works", async () => {
    const before = await signIn(world.emails.patient, DEMO_PASSWORD);
    const otherDevice = await world.sessionOf("patient");
    expect(before).toEqual(otherDevice);
    expect(await viewerOf(before)).not.toBeNull();

    runtime.session = before;
    const input = await validInput(world, CHANGE_PASSWORD);
    const result = await callAction(actions[CHANGE_PASSWORD] as never, input);
    // The action signs this session out too and sends the user to sign in again.
    expect(result).toEqual({ kind: "redirect", location: "/login?passwordChanged=1" });

    expect(await viewerOf(before)).toBeNull();
    expect(await viewerOf(otherDevice)).toBeNull();
    expect(await actAs(otherDevice, SAVE_LOG)).toBe("login");
    expect(await signIn(world.emails.patient, DEMO_PASSWORD), "the old password").toBeNull();
    const after = await signIn(world.emails.patient, String(input?.newPassword));
    expect(after).not.toBeNull();
    expect(await viewerOf(after)).not.toBeNull();
    expect(await actAs(after, SAVE_LOG)).toBe("ok");

    // Put the demo password back for the other tests of this file (through the action again).
    runtime.session = after;
    await callAction(actions[CHANGE_PASSWORD] as never, {
      currentPassword: String(input?.newPassword),
      newPassword: DEMO_PASSWORD,
      confirmPassword: DEMO_PASSWORD,
    });
  });

  it("when the user signs out: that token and every copy of it end", async () => {
    const before = await world.sessionOf("therapist");
    const copy = before ? { ...before } : null;
    expect(await viewerOf(before)).not.toBeNull();

    runtime.session = before;
    expect(await callAction(actions[SIGN_OUT] as never, null)).toEqual({
      kind: "redirect",
      location: "/login?signedOut=1",
    });
    expect(await viewerOf(before)).toBeNull();
    expect(await viewerOf(copy)).toBeNull();
    expect(await actAs(copy, REVIEW_LOGS)).toBe("login");
    // Signing out again with the dead token is harmless: straight to the login page.
    runtime.session = copy;
    const again = await callAction(actions[SIGN_OUT] as never, null);
    expect(again).toEqual({ kind: "redirect", location: "/login" });

    const fresh = await signIn(world.emails.therapist, DEMO_PASSWORD);
    expect(await viewerOf(fresh)).not.toBeNull();
  });
});
