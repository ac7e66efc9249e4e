/**
 * Who may reach what: every page, route handler and server action of the app, for every kind of
 * caller, in one table. Two tests read it and fail when the app and the table disagree:
 *
 * - lib/security/access-table.test.ts lists the app's page.tsx, route.ts and server-action modules
 *   and fails when one is missing here (a new route or action must be added to the table), and
 *   calls every server action directly (not through the UI) as every role, with Demo Clinic
 *   records' ids (another patient's, another clinic's) and compares the outcome with the table.
 * - e2e/access-matrix.spec.ts requests every page and route handler over HTTP, against the
 *   production build, with a real session for every role (and a disabled user's old session).
 *
 * The subject of every row is the Demo Clinic (`demo.clinic`) and its patient Maria Lopez
 * (patient@demo.clinic): `patient` is Maria herself, `patient2` another Demo Clinic patient,
 * `otherClinic` a therapist of another clinic, `disabled` a Demo Clinic therapist whose account an
 * admin disabled after they signed in.
 *
 * Outcomes:
 *   ok     the page (200) or the action succeeds
 *   404    not found: a forbidden record, or a page of another role, answers as if it did not exist
 *   login  no (valid) session: pages redirect to the login page; route handlers redirect there
 *          too when there is no session at all (proxy.ts) and answer 401 to one that is no longer
 *          valid (a disabled user's); actions answer "your session has ended" and write nothing
 *   home   redirected to the caller's own start page (the root page, the login page when signed in)
 *   public open to anyone (the login and invite forms and their actions, the health check,
 *          next-auth's own endpoints): no patient data
 */
export const ROLES = [
  "anonymous",
  "patient",
  "patient2",
  "therapist",
  "therapist2",
  "otherClinic",
  "admin",
  "disabled",
] as const;
export type AccessRole = (typeof ROLES)[number];
export type Outcome = "ok" | "404" | "login" | "home" | "public";

export interface AccessRow {
  kind: "page" | "route" | "action";
  /** page: the URL pattern; route: "METHOD /url/pattern"; action: "file.ts#exportName". */
  key: string;
  expected: Record<AccessRole, Outcome>;
}

const row = (kind: AccessRow["kind"], key: string, outcomes: string): AccessRow => {
  const parts = outcomes.trim().split(/\s+/);
  if (parts.length !== ROLES.length) throw new Error(`${key}: ${parts.length} outcomes`);
  const expected = Object.fromEntries(ROLES.map((role, i) => [role, parts[i]])) as Record<
    AccessRole,
    Outcome
  >;
  for (const outcome of Object.values(expected))
    if (!["ok", "404", "login", "home", "public"].includes(outcome))
      throw new Error(`${key}: unknown outcome ${outcome}`);
  return { kind, key, expected };
};

// Shorthands for the common rows.
const STAFF_ONLY = "login 404 404 ok ok 404 ok login"; // a Demo Clinic patient's record
const STAFF_OWN_CLINIC = "login 404 404 ok ok ok ok login"; // each clinic sees its own
const ADMIN_ONLY = "login 404 404 404 404 404 ok login";
const PATIENT_SELF = "login ok 404 404 404 404 404 login"; // Maria's own record
const PATIENT_AREA = "login ok ok 404 404 404 404 login"; // each patient sees their own
const SIGNED_IN = "login ok ok ok ok ok ok login";
const PUBLIC = "public public public public public public public public";

// biome-ignore format: the table reads best one row per line
export const ACCESS_TABLE: readonly AccessRow[] = [
  //   kind     key                                                           anon  patient patient2 therapist therapist2 otherClinic admin disabled
  row("page",  "/",                                                          "login home home home home home home login"),
  row("page",  "/login",                                                     "public home home home home home home public"), // signed in: home
  row("page",  "/invite",                                                    PUBLIC),
  row("page",  "/account",                                                   SIGNED_IN),
  row("page",  "/session",                                                   SIGNED_IN),
  row("page",  "/account/mfa/setup",                                         SIGNED_IN),
  row("page",  "/patients",                                                  STAFF_OWN_CLINIC),
  row("page",  "/patients/new",                                              STAFF_OWN_CLINIC),
  row("page",  "/patients/[patientId]",                                      STAFF_ONLY),
  row("page",  "/patients/[patientId]/assessments/new",                      STAFF_ONLY),
  row("page",  "/patients/[patientId]/assessments/[rootId]",                 STAFF_ONLY),
  row("page",  "/patients/[patientId]/assessments/[rootId]/correct",         STAFF_ONLY),
  row("page",  "/patients/[patientId]/programs",                             STAFF_ONLY),
  row("page",  "/patients/[patientId]/programs/new",                         STAFF_ONLY),
  row("page",  "/patients/[patientId]/programs/[programId]/edit",            STAFF_ONLY),
  row("page",  "/patients/[patientId]/programs/[programId]/print",           STAFF_ONLY),
  row("page",  "/flags",                                                     STAFF_OWN_CLINIC),
  row("page",  "/templates",                                                 STAFF_OWN_CLINIC),
  row("page",  "/templates/new",                                             STAFF_OWN_CLINIC),
  row("page",  "/templates/[templateId]",                                    STAFF_ONLY),
  row("page",  "/exercises",                                                 STAFF_OWN_CLINIC),
  row("page",  "/admin/therapists",                                          ADMIN_ONLY),
  row("page",  "/admin/audit",                                               ADMIN_ONLY),
  row("page",  "/my",                                                        PATIENT_AREA),
  row("page",  "/my/program",                                                PATIENT_AREA),
  row("page",  "/my/program/print",                                          PATIENT_AREA),
  row("page",  "/my/log",                                                    PATIENT_AREA),
  row("page",  "/my/history",                                                PATIENT_AREA),

  row("route", "GET /api/health",                                            PUBLIC),
  row("route", "GET /api/auth/[...nextauth]",                                PUBLIC),
  row("route", "POST /api/auth/[...nextauth]",                               PUBLIC),
  row("route", "GET /api/flags.csv",                                         STAFF_OWN_CLINIC),
  row("route", "GET /api/patients/[patientId]/assessments.csv",              STAFF_ONLY),
  row("route", "GET /api/patients/[patientId]/logs.csv",                     STAFF_ONLY),
  row("route", "GET /api/patients/[patientId]/fhir",                         STAFF_ONLY),
  row("route", "GET /patients/[patientId]/flags/[flagId]/packet.pdf",        STAFF_ONLY),

  row("action", "app/actions.ts#signOutAction",                              SIGNED_IN),
  row("action", "app/(auth)/login/actions.ts#loginAction",                   PUBLIC),
  row("action", "app/(auth)/invite/actions.ts#redeemAction",                 PUBLIC),
  row("action", "app/account/mfa/actions.ts#confirmEnrolmentAction",         SIGNED_IN),
  row("action", "app/account/mfa/actions.ts#regenerateRecoveryCodesAction",  SIGNED_IN),
  row("action", "app/account/mfa/actions.ts#disableMfaAction",               SIGNED_IN),
  row("action", "app/account/mfa/actions.ts#continueAfterEnrolmentAction",   PUBLIC), // needs the signed ticket enrolment returns
  row("action", "app/account/mfa/actions.ts#signOutEnrolmentAction",         SIGNED_IN),
  row("action", "app/account/actions.ts#changePasswordAction",               SIGNED_IN),
  row("action", "app/(patient)/my/log/actions.ts#saveLogAction",             PATIENT_SELF),
  row("action", "app/(clinic)/patients/actions.ts#createPatientAction",      STAFF_OWN_CLINIC),
  row("action", "app/(clinic)/patients/actions.ts#updatePatientAction",      STAFF_ONLY),
  row("action", "app/(clinic)/patients/actions.ts#issueInviteAction",        STAFF_ONLY),
  row("action", "app/(clinic)/patients/actions.ts#archivePatientAction",     STAFF_ONLY),
  row("action", "app/(clinic)/patients/[patientId]/assessments/actions.ts#recordAssessmentAction", STAFF_ONLY),
  row("action", "app/(clinic)/patients/[patientId]/assessments/actions.ts#amendAssessmentAction",  STAFF_ONLY),
  row("action", "app/(clinic)/patients/[patientId]/treatments/actions.ts#addOralTreatmentAction",  STAFF_ONLY),
  row("action", "app/(clinic)/patients/[patientId]/treatments/actions.ts#stopOralTreatmentAction", STAFF_ONLY),
  row("action", "app/(clinic)/patients/[patientId]/treatments/actions.ts#addToxinInjectionAction", STAFF_ONLY),
  row("action", "app/(clinic)/patients/[patientId]/treatments/actions.ts#addPumpAction",           STAFF_ONLY),
  row("action", "app/(clinic)/patients/[patientId]/treatments/actions.ts#stopPumpAction",          STAFF_ONLY),
  row("action", "app/(clinic)/patients/[patientId]/programs/actions.ts#createProgramAction",        STAFF_ONLY),
  row("action", "app/(clinic)/patients/[patientId]/programs/actions.ts#addProgramVersionAction",    STAFF_ONLY),
  row("action", "app/(clinic)/patients/[patientId]/programs/actions.ts#programCommandAction",       STAFF_ONLY),
  row("action", "app/(clinic)/patients/[patientId]/logs/actions.ts#reviewLogsAction",              STAFF_ONLY),
  row("action", "app/(clinic)/patients/[patientId]/flags/actions.ts#flagAction",                   STAFF_ONLY),
  row("action", "app/(clinic)/templates/actions.ts#saveTemplateAction",      STAFF_ONLY), // edits a Demo Clinic template
  row("action", "app/(clinic)/exercises/actions.ts#createExerciseAction",    STAFF_OWN_CLINIC),
  row("action", "app/(clinic)/admin/therapists/actions.ts#createStaffAction", ADMIN_ONLY),
  row("action", "app/(clinic)/admin/therapists/actions.ts#staffCommandAction", ADMIN_ONLY),
  row("action", "app/(clinic)/admin/clinic/actions.ts#clinicMfaSettingAction", ADMIN_ONLY),
];
