import { randomUUID } from "node:crypto";
import { and, desc, eq, inArray, isNull, notExists, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { vi } from "vitest";
import type { Db } from "@/db/client";
import {
  assessments,
  clinics,
  exercises,
  flags,
  intrathecalPumps,
  oralTreatments,
  patients,
  programPauses,
  programs,
  programTemplates,
  users,
} from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import { DEMO_PASSWORD } from "@/db/seed/demo-accounts";
import { totpFor } from "@/lib/auth/mfa-crypto";
import { hashPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/auth/viewer-type";
import { todayIn } from "@/lib/clinical/dates";
import { pendingEnrolment } from "@/lib/data/mfa";
import type { FormState } from "@/lib/forms/form-state";
import type { AccessRole, Outcome } from "@/lib/security/access-table";

/**
 * Calling the app's real server actions directly (not through the UI), as any role.
 *
 * Only Next's request context is replaced, because it does not exist outside a request: the
 * session cookie (`auth()` answers the claims the test chooses), the request headers, and cache
 * revalidation. Everything below is real: `getViewer` (which re-checks the session against the
 * database), the action wrapper, zod, the data layer, the database and its triggers.
 */
export interface SessionClaims {
  userId: string;
  role: Role;
  clinicId: string;
  sessionVersion: number;
}

export const runtime = {
  session: null as SessionClaims | null,
  ip: "203.0.113.7",
};

/** Call before importing any action (they are imported dynamically, after this). */
export function mockNextRequestContext() {
  vi.doMock("@/lib/auth/auth", () => ({
    auth: async () => runtime.session,
    // Signing in needs a real request (the login form is covered end to end): here every
    // sign-in attempt is refused, as next-auth refuses bad credentials.
    signIn: async () => {
      const { CredentialsSignin } = await import("next-auth");
      throw new CredentialsSignin();
    },
    signOut: async (options?: { redirectTo?: string }) => {
      const { redirect } = await import("next/navigation");
      redirect(options?.redirectTo ?? "/login");
    },
    handlers: {},
  }));
  vi.doMock("next/headers", () => ({
    headers: async () => new Headers({ "x-forwarded-for": runtime.ip }),
    cookies: async () => ({ get: () => undefined, getAll: () => [], set() {}, delete() {} }),
  }));
  vi.doMock("next/cache", () => ({
    revalidatePath() {},
    revalidateTag() {},
    updateTag() {},
    refresh() {},
  }));
}

type Action = (previous: FormState<unknown>, formData: FormData) => Promise<FormState<unknown>>;

/** Every server action module, loaded after mockNextRequestContext(). Keys match ACCESS_TABLE. */
export async function loadActions(): Promise<Record<string, Action | (() => Promise<void>)>> {
  const modules: Record<string, Record<string, unknown>> = {
    "app/actions.ts": await import("@/app/actions"),
    "app/(auth)/login/actions.ts": await import("@/app/(auth)/login/actions"),
    "app/(auth)/invite/actions.ts": await import("@/app/(auth)/invite/actions"),
    "app/account/actions.ts": await import("@/app/account/actions"),
    "app/account/mfa/actions.ts": await import("@/app/account/mfa/actions"),
    "app/(patient)/my/log/actions.ts": await import("@/app/(patient)/my/log/actions"),
    "app/(clinic)/patients/actions.ts": await import("@/app/(clinic)/patients/actions"),
    "app/(clinic)/patients/[patientId]/assessments/actions.ts": await import(
      "@/app/(clinic)/patients/[patientId]/assessments/actions"
    ),
    "app/(clinic)/patients/[patientId]/treatments/actions.ts": await import(
      "@/app/(clinic)/patients/[patientId]/treatments/actions"
    ),
    "app/(clinic)/patients/[patientId]/programs/actions.ts": await import(
      "@/app/(clinic)/patients/[patientId]/programs/actions"
    ),
    "app/(clinic)/patients/[patientId]/logs/actions.ts": await import(
      "@/app/(clinic)/patients/[patientId]/logs/actions"
    ),
    "app/(clinic)/patients/[patientId]/flags/actions.ts": await import(
      "@/app/(clinic)/patients/[patientId]/flags/actions"
    ),
    "app/(clinic)/templates/actions.ts": await import("@/app/(clinic)/templates/actions"),
    "app/(clinic)/exercises/actions.ts": await import("@/app/(clinic)/exercises/actions"),
    "app/(clinic)/admin/therapists/actions.ts": await import(
      "@/app/(clinic)/admin/therapists/actions"
    ),
    "app/(clinic)/admin/clinic/actions.ts": await import("@/app/(clinic)/admin/clinic/actions"),
  };
  const actions: Record<string, Action> = {};
  for (const [file, module] of Object.entries(modules))
    for (const [name, value] of Object.entries(module))
      if (typeof value === "function") actions[`${file}#${name}`] = value as Action;
  return actions;
}

export type Fields = Record<string, string | string[]>;

export function toFormData(fields: Fields): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields))
    for (const v of Array.isArray(value) ? value : [value]) form.append(key, v);
  return form;
}

export type CallResult =
  | { kind: "state"; state: FormState<unknown> }
  | { kind: "redirect"; location: string }
  | { kind: "notFound" }
  | { kind: "threw"; error: unknown };

/** Actions used as a plain `<form action>`: they take the form data only. */
const PLAIN_FORM_ACTIONS = new Set(["continueAfterEnrolmentAction"]);

/** Run an action as a form post would, turning Next's control flow into plain results. */
export async function callAction(
  action: Action | (() => Promise<void>),
  fields: Fields | null,
): Promise<CallResult> {
  try {
    const state =
      fields === null
        ? await (action as () => Promise<void>)()
        : PLAIN_FORM_ACTIONS.has(action.name)
          ? await (action as unknown as (form: FormData) => Promise<void>)(toFormData(fields))
          : await (action as Action)({ status: "idle" }, toFormData(fields));
    return { kind: "state", state: (state ?? { status: "ok" }) as FormState<unknown> };
  } catch (error) {
    const digest = (error as { digest?: unknown })?.digest;
    if (typeof digest === "string" && digest.startsWith("NEXT_REDIRECT;"))
      return { kind: "redirect", location: digest.split(";")[2] ?? "" };
    if (digest === "NEXT_HTTP_ERROR_FALLBACK;404") return { kind: "notFound" };
    return { kind: "threw", error };
  }
}

const NOT_FOUND = "This record was not found.";
const SESSION_ENDED = /session has ended/i;

/** The table's outcome for a result, or a description of an unexpected one. */
export function outcomeOf(result: CallResult): Outcome | `unexpected: ${string}` {
  switch (result.kind) {
    case "redirect":
      // Signing out and changing one's password end in the login page too, by design.
      return /^\/login(\?(?!signedOut|passwordChanged)|$)/.test(result.location) ? "login" : "ok";
    case "notFound":
      return "404";
    case "threw":
      return `unexpected: threw ${String(result.error)}`;
    case "state": {
      const { state } = result;
      if (state.status !== "error") return "ok";
      if (state.error === NOT_FOUND) return "404";
      if (SESSION_ENDED.test(state.error ?? "")) return "login";
      return `unexpected: ${state.error} ${JSON.stringify(state.fieldErrors ?? {})}`;
    }
  }
}

/** The seeded demo, the roles' users, and a Demo Clinic therapist disabled after signing in. */
export async function demoWorld(db: Db) {
  await seedDemo(db);
  const byEmail = async (email: string) => {
    const [user] = await db.select().from(users).where(eq(users.email, email));
    if (!user) throw new Error(`no demo user ${email}`);
    return user;
  };
  const therapist = await byEmail("therapist@demo.clinic");
  const clinicId = therapist.clinicId;
  const [clinic] = await db.select().from(clinics).where(eq(clinics.id, clinicId));
  const emails: Record<Exclude<AccessRole, "anonymous" | "disabled">, string> = {
    patient: "patient@demo.clinic",
    patient2: "patient2@demo.clinic",
    therapist: "therapist@demo.clinic",
    therapist2: "therapist2@demo.clinic",
    otherClinic: "therapist@other.clinic",
    admin: "admin@demo.clinic",
  };
  const [disabled] = await db
    .insert(users)
    .values({
      clinicId,
      role: "therapist",
      email: `disabled-${randomUUID().slice(0, 8)}@demo.clinic`,
      name: "Disabled Therapist",
      passwordHash: await hashPassword(DEMO_PASSWORD),
    })
    .returning();
  if (!disabled || !clinic) throw new Error("world setup failed");
  // Signed in while the account was active; then the admin disabled it.
  const disabledClaims: SessionClaims = {
    userId: disabled.id,
    role: "therapist",
    clinicId,
    sessionVersion: disabled.sessionVersion,
  };
  await db.update(users).set({ disabled: true }).where(eq(users.id, disabled.id));

  const mariaUser = await byEmail(emails.patient);
  const [maria] = await db.select().from(patients).where(eq(patients.userId, mariaUser.id));
  if (!maria) throw new Error("no Maria");

  /** A fresh sign-in for the role (its current session version), or the stale/none session. */
  const sessionOf = async (role: AccessRole): Promise<SessionClaims | null> => {
    if (role === "anonymous") return null;
    if (role === "disabled") return disabledClaims;
    const user = await byEmail(emails[role]);
    return {
      userId: user.id,
      role: user.role,
      clinicId: user.clinicId,
      sessionVersion: user.sessionVersion,
    };
  };
  return {
    db,
    clinicId,
    timeZone: clinic.timeZone,
    maria,
    therapist,
    therapist2: await byEmail(emails.therapist2),
    emails,
    sessionOf,
  };
}
export type World = Awaited<ReturnType<typeof demoWorld>>;

const item0 = (exerciseId: string): Fields => ({
  "items:0:exerciseId": exerciseId,
  "items:0:holdSeconds": "30",
  "items:0:repetitions": "3",
  "items:0:sessionsPerDay": "2",
  "items:0:daysPerWeek": "7",
  "items:0:side": "both",
});

/**
 * A valid input for every server action, built from the database's current state (so that a
 * second call is as valid as the first: the latest version to amend, a flag still open), aimed
 * at Demo Clinic records. Whether it is *allowed* is the access table's business.
 */
export async function validInput(w: World, key: string): Promise<Fields | null> {
  const { db, maria } = w;
  const today = todayIn(w.timeZone);
  const patientId = maria.id;
  const unique = randomUUID().slice(0, 8);
  const [exercise] = await db
    .select({ id: exercises.id })
    .from(exercises)
    .where(isNull(exercises.clinicId))
    .limit(1);
  const exerciseId = exercise?.id ?? "";
  const name = key.split("#")[1];
  switch (name) {
    case "signOutAction":
      return null;
    case "loginAction":
      return { email: "nobody@example.org", password: "" };
    case "redeemAction":
      return {
        code: "NOT-A-CODE",
        email: "nobody@example.org",
        password: "a long enough passphrase",
        confirmPassword: "a long enough passphrase",
      };
    case "confirmEnrolmentAction": {
      // The authenticator app's current code, for the session's own user.
      const session = runtime.session;
      const [user] = session
        ? await db.select().from(users).where(eq(users.id, session.userId))
        : [];
      const pending =
        user && !user.disabled
          ? await pendingEnrolment({ ...user, userId: user.id, ip: runtime.ip })
          : null;
      return { code: pending ? totpFor(pending.secret).generate() : "123456" };
    }
    case "regenerateRecoveryCodesAction":
      return {};
    case "disableMfaAction":
      return { password: DEMO_PASSWORD };
    case "continueAfterEnrolmentAction":
      return { ticket: "not-a-signed-ticket" };
    case "signOutEnrolmentAction":
      return null;
    case "clinicMfaSettingAction":
      return {}; // unticked: the demo clinic's two-step sign-in stays optional
    case "changePasswordAction": {
      const password = `new passphrase ${unique}`;
      return { currentPassword: DEMO_PASSWORD, newPassword: password, confirmPassword: password };
    }
    case "saveLogAction":
      return { patientId, date: today, spasticityNrs: "4", pain: "2", note: "Stiff legs" };
    case "createPatientAction":
      return {
        givenName: "New",
        familyName: `Patient${unique}`,
        dateOfBirth: "1970-03-04",
        msType: "RRMS",
      };
    case "updatePatientAction":
      return {
        patientId,
        givenName: maria.givenName,
        familyName: maria.familyName,
        dateOfBirth: maria.dateOfBirth,
        msType: maria.msType,
      };
    case "issueInviteAction":
      return { patientId };
    case "archivePatientAction":
      return { patientId, archived: "false" };
    case "recordAssessmentAction":
      return { patientId, assessedOn: today, position: "supine", "score:knee_flexors:left": "1+" };
    case "amendAssessmentAction": {
      const later = alias(assessments, "later");
      const [latest] = await db
        .select()
        .from(assessments)
        .where(
          and(
            eq(assessments.patientId, patientId),
            notExists(
              db.select({ one: sql`1` }).from(later).where(eq(later.supersedesId, assessments.id)),
            ),
          ),
        )
        .orderBy(desc(assessments.seq))
        .limit(1);
      if (!latest) throw new Error("Maria has no assessment to amend");
      return {
        patientId,
        supersedesId: latest.id,
        assessedOn: latest.assessedOn,
        position: latest.position,
        "score:knee_flexors:right": "2",
        amendmentReason: "Right side was recorded on the wrong row",
      };
    }
    case "addOralTreatmentAction":
      return { patientId, drug: "baclofen", dose: "5 mg three times a day", startedOn: today };
    case "stopOralTreatmentAction": {
      const [treatment] = await db
        .select({ id: oralTreatments.id })
        .from(oralTreatments)
        .where(eq(oralTreatments.patientId, patientId))
        .orderBy(sql`${oralTreatments.stoppedOn} is null desc`, desc(oralTreatments.startedOn))
        .limit(1);
      return {
        patientId,
        treatmentId: treatment?.id ?? randomUUID(),
        stoppedOn: today,
        stopReason: "side_effects",
      };
    }
    case "addToxinInjectionAction":
      return {
        patientId,
        injectedOn: today,
        muscleGroup: "ankle_plantarflexors",
        side: "left",
        units: "100",
        product: "onabotulinumtoxinA",
      };
    case "addPumpAction":
      return { patientId, startedOn: today };
    case "stopPumpAction": {
      const [pump] = await db
        .select({ id: intrathecalPumps.id })
        .from(intrathecalPumps)
        .where(eq(intrathecalPumps.patientId, patientId))
        .orderBy(sql`${intrathecalPumps.stoppedOn} is null desc`)
        .limit(1);
      return { patientId, pumpId: pump?.id ?? randomUUID(), stoppedOn: today };
    }
    case "createProgramAction":
      return {
        patientId,
        title: `Evening stretches ${unique}`,
        startDate: today,
        weeks: "6",
        ...item0(exerciseId),
      };
    case "addProgramVersionAction":
    case "programCommandAction": {
      const [program] = await db
        .select({ id: programs.id })
        .from(programs)
        .where(
          and(
            eq(programs.patientId, patientId),
            isNull(programs.endedOn),
            sql`${programs.endDate} >= ${today}`,
            sql`${programs.startDate} <= ${today}`,
          ),
        )
        .orderBy(desc(programs.startDate))
        .limit(1);
      if (!program) throw new Error("Maria has no current program");
      if (name === "addProgramVersionAction")
        return {
          patientId,
          programId: program.id,
          effectiveFrom: today,
          changeNote: "Longer holds",
          ...item0(exerciseId),
        };
      // A pause cannot be resumed on the day it started: take back the one an earlier role made.
      await db
        .delete(programPauses)
        .where(
          and(
            eq(programPauses.programId, program.id),
            isNull(programPauses.resumedOn),
            eq(programPauses.pausedFrom, today),
          ),
        );
      const [pause] = await db
        .select({ id: programPauses.id })
        .from(programPauses)
        .where(and(eq(programPauses.programId, program.id), isNull(programPauses.resumedOn)));
      return { patientId, programId: program.id, command: pause ? "resume" : "pause", date: today };
    }
    case "reviewLogsAction":
      return { patientId, reviewedThrough: today, note: "Good week" };
    case "flagAction": {
      const [flag] = await db
        .select({ id: flags.id, patientId: flags.patientId, status: flags.status })
        .from(flags)
        .where(and(eq(flags.clinicId, w.clinicId), inArray(flags.status, ["open", "acknowledged"])))
        .orderBy(flags.status, flags.id)
        .limit(1);
      if (!flag) throw new Error("the Demo Clinic has no open flag");
      return {
        patientId: flag.patientId,
        flagId: flag.id,
        expectedStatus: flag.status,
        command: "dismiss",
        note: "Discussed with the patient; not wanted now",
      };
    }
    case "saveTemplateAction": {
      const [template] = await db
        .select({ id: programTemplates.id })
        .from(programTemplates)
        .where(eq(programTemplates.clinicId, w.clinicId))
        .limit(1);
      if (!template) throw new Error("the Demo Clinic has no template");
      return { templateId: template.id, name: `Hamstring focus ${unique}`, ...item0(exerciseId) };
    }
    case "createExerciseAction":
      return {
        name: `Sit to stand ${unique}`,
        kind: "strength",
        muscleGroups: ["knee_extensors"],
        summary: "Builds thigh strength for transfers.",
        steps: "Sit tall\nStand up slowly\nSit down slowly",
        repetitions: "8",
        sessionsPerDay: "1",
        daysPerWeek: "3",
      };
    case "createStaffAction":
      return { name: "New Therapist", email: `new-${unique}@demo.clinic`, role: "therapist" };
    case "staffCommandAction":
      return { userId: w.therapist2.id, command: "unlock" };
    default:
      return undefined as never;
  }
}

/** The clinical and account tables: everything but the audit and login logs. */
export const DATA_TABLES = [
  "clinics",
  "users",
  "patients",
  "account_codes",
  "mfa_recovery_codes",
  "assessments",
  "mas_scores",
  "oral_treatments",
  "toxin_injections",
  "intrathecal_pumps",
  "exercises",
  "program_templates",
  "template_items",
  "programs",
  "program_versions",
  "program_items",
  "program_pauses",
  "daily_logs",
  "log_items",
  "log_reviews",
  "flags",
  "flag_computations",
];

const rowsOf = <T>(result: unknown) =>
  (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as T[];

/** Row counts of DATA_TABLES, in one query. */
export async function rowCounts(db: Db): Promise<Record<string, number>> {
  const tables = DATA_TABLES;
  const query = tables
    .map((t) => `select '${t}' as t, count(*)::int as n from ${t}`)
    .join(" union all ");
  const rows = rowsOf<{ t: string; n: number }>(await db.execute(sql.raw(query)));
  return Object.fromEntries(rows.map((r) => [r.t, Number(r.n)]));
}

/** One checksum of every row of DATA_TABLES: any insert, update or delete changes it. */
export async function dataChecksum(db: Db): Promise<string> {
  const query = DATA_TABLES.map(
    (t) =>
      `select '${t}' as t, coalesce(md5(string_agg(x::text, '|' order by x::text)), '') as h from ${t} x`,
  ).join(" union all ");
  const rows = rowsOf<{ t: string; h: string }>(await db.execute(sql.raw(query)));
  return rows.map((r) => `${r.t}:${r.h}`).join(",");
}
