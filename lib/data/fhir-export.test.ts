import type { Bundle, Observation, Resource } from "@medplum/fhirtypes";
import type { ValidateFunction } from "ajv";
import { and, eq, gt, inArray, isNotNull } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { assessments, auditEvents, dailyLogs, masScores, patients, users } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import { loadViewer } from "@/lib/auth/load-viewer";
import type { Viewer } from "@/lib/auth/viewer-type";
import {
  LATERALITY,
  MAS_SNOMED_CODE,
  NRS_TEXT,
  ORDINAL_VALUE_URL,
  PENN_TEXT,
  SNOMED,
  STRUCTURE_LATERALITY_URL,
} from "@/lib/interop/fhir";
import { compileR4BundleSchema } from "@/lib/testing/fhir-schema";
import { NotFoundError } from "./errors";
import { FHIR_EXPORT_ACTION, getFhirBundle } from "./fhir-export";

// The route handler reads the session through getViewer; here it answers what the test says.
const session = vi.hoisted(() => ({ viewer: null as Viewer | null }));
vi.mock("@/lib/auth/viewer", () => ({ getViewer: async () => session.viewer }));

const { GET: fhirRoute } = await import("@/app/api/patients/[patientId]/fhir/route");

/** A fresh viewer (= a fresh request) from the user's current session claims. */
async function viewerOf(email: string): Promise<Viewer> {
  const db = await getDb();
  const [u] = await db.select().from(users).where(eq(users.email, email));
  if (!u) throw new Error(`no user ${email}`);
  const viewer = await loadViewer(
    db,
    { userId: u.id, sessionVersion: u.sessionVersion, role: u.role, clinicId: u.clinicId },
    "127.0.0.1",
  );
  if (!viewer) throw new Error(`no viewer for ${email}`);
  return viewer;
}
const sam = () => viewerOf("therapist@demo.clinic");
const admin = () => viewerOf("admin@demo.clinic");
const jordan = () => viewerOf("therapist@other.clinic");
const mariaLogin = () => viewerOf("patient@demo.clinic");

const resources = (bundle: Bundle) => (bundle.entry ?? []).map((e) => e.resource as Resource);
const masObservations = (bundle: Bundle) =>
  resources(bundle).filter(
    (r): r is Observation =>
      r.resourceType === "Observation" &&
      r.code.coding?.some((c) => c.system === SNOMED && c.code === MAS_SNOMED_CODE) === true,
  );

const lastAuditId = async () => {
  const db = await getDb();
  const rows = await db.select({ id: auditEvents.id }).from(auditEvents);
  return Math.max(0, ...rows.map((r) => r.id));
};
const auditSince = async (id: number) => {
  const db = await getDb();
  return db.select().from(auditEvents).where(gt(auditEvents.id, id));
};

let validate: ValidateFunction;
let maria: { id: string };
let otherClinicPatient: { id: string };

beforeAll(async () => {
  validate = compileR4BundleSchema();
  const db = await getDb();
  await seedDemo(db);
  const [m] = await db
    .select({ id: patients.id })
    .from(patients)
    .where(and(eq(patients.givenName, "Maria"), eq(patients.familyName, "Lopez")));
  const [l] = await db
    .select({ id: patients.id })
    .from(patients)
    .where(and(eq(patients.givenName, "Linda"), eq(patients.familyName, "Brooks")));
  if (!m || !l) throw new Error("demo patients missing");
  maria = m;
  otherClinicPatient = l;
});

beforeEach(() => {
  session.viewer = null;
});

describe("getFhirBundle", () => {
  it("exports Maria's record as a valid FHIR R4 Bundle, with every effective MAS score", async () => {
    const db = await getDb();
    const bundle = await getFhirBundle(await sam(), maria.id);
    const ok = validate(bundle);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(bundle.type).toBe("collection");

    // Effective scores straight from the database: versions nobody superseded.
    const all = await db
      .select({ id: assessments.id, supersedesId: assessments.supersedesId })
      .from(assessments)
      .where(eq(assessments.patientId, maria.id));
    const superseded = new Set(all.map((a) => a.supersedesId).filter(Boolean));
    const effectiveIds = all.filter((a) => !superseded.has(a.id)).map((a) => a.id);
    const scores = await db
      .select()
      .from(masScores)
      .where(inArray(masScores.assessmentId, effectiveIds));
    expect(superseded.size).toBeGreaterThan(0);
    const mas = masObservations(bundle);
    expect(mas).toHaveLength(scores.length);

    // The grade multiset matches, 1+ included, as codes with their ranks.
    const rank: Record<string, number> = { "0": 0, "1": 1, "1+": 2, "2": 3, "3": 4, "4": 5 };
    const codings = mas.map((o) => o.valueCodeableConcept?.coding?.[0]);
    expect(codings.map((c) => c?.code).sort()).toEqual(scores.map((s) => s.grade).sort());
    expect(codings.some((c) => c?.code === "1+")).toBe(true);
    for (const c of codings) {
      const ordinal = c?.extension?.find((e) => e.url === ORDINAL_VALUE_URL);
      expect(ordinal?.valueDecimal).toBe(rank[c?.code ?? ""]);
    }

    // Every MAS Observation carries its side, and the sides match the scores.
    const sideOf = (o: Observation) => {
      const ext = o.bodySite?.extension?.filter((e) => e.url === STRUCTURE_LATERALITY_URL) ?? [];
      expect(ext).toHaveLength(1);
      const code = ext[0]?.valueCodeableConcept?.coding?.[0];
      expect(code?.system).toBe(SNOMED);
      return code?.code === LATERALITY.left.code
        ? "left"
        : code?.code === LATERALITY.right.code
          ? "right"
          : "?";
    };
    expect(mas.map(sideOf).sort()).toEqual(scores.map((s) => s.side).sort());

    // The seeded correction (sides swapped) is exported once, as its corrected version.
    const corrected = mas.filter((o) => o.status === "corrected");
    expect(corrected.length).toBeGreaterThan(0);
    expect(corrected[0]?.note?.[0]?.text).toBe(
      "Corrected version (reason: Left and right swapped when recording).",
    );

    // Subjects resolve to the Patient entry.
    const patientEntry = bundle.entry?.find((e) => e.resource?.resourceType === "Patient");
    expect(patientEntry?.fullUrl).toBe(`urn:uuid:${maria.id}`);
    for (const o of mas) expect(o.subject?.reference).toBe(patientEntry?.fullUrl);
  });

  it("exports every demo patient's record as a valid Bundle, treatments included", async () => {
    const db = await getDb();
    const viewer = await sam();
    const demo = await db
      .select({ id: patients.id })
      .from(patients)
      .where(eq(patients.clinicId, viewer.clinicId));
    expect(demo.length).toBeGreaterThan(5);
    const types = new Set<string>();
    for (const p of demo) {
      const bundle = await getFhirBundle(viewer, p.id);
      const ok = validate(bundle);
      expect(validate.errors ?? [], p.id).toEqual([]);
      expect(ok).toBe(true);
      for (const r of resources(bundle)) types.add(r.resourceType);
    }
    for (const type of ["MedicationStatement", "Procedure", "BodyStructure", "CarePlan"])
      expect(types.has(type), type).toBe(true);
  });

  it("exports every NRS and Penn value Maria logged", async () => {
    const db = await getDb();
    const logs = await db
      .select()
      .from(dailyLogs)
      .where(and(eq(dailyLogs.patientId, maria.id), isNotNull(dailyLogs.logDate)));
    const bundle = await getFhirBundle(await sam(), maria.id);
    const observations = resources(bundle).filter(
      (r): r is Observation => r.resourceType === "Observation",
    );
    const nrs = observations.filter((o) => o.code.text === NRS_TEXT);
    const penn = observations.filter((o) => o.code.text === PENN_TEXT);
    expect(nrs.length).toBe(logs.filter((l) => l.spasticityNrs !== null).length);
    expect(penn.length).toBe(logs.filter((l) => l.pennFrequency !== null).length);
    expect(nrs.length).toBeGreaterThan(0);
    for (const o of [...nrs, ...penn]) {
      expect(o.performer?.[0]?.reference).toBe(`urn:uuid:${maria.id}`);
      expect(Number.isInteger(o.valueInteger)).toBe(true);
    }
  });

  it("records one audit event for the export and no other read event", async () => {
    const before = await lastAuditId();
    const viewer = await admin();
    await getFhirBundle(viewer, maria.id);
    const events = await auditSince(before);
    expect(events.map((e) => [e.action, e.outcome, e.patientId, e.entityId])).toEqual([
      [FHIR_EXPORT_ACTION, "success", maria.id, maria.id],
    ]);
    expect(events[0]?.actorUserId).toBe(viewer.userId);
    expect(events[0]?.entityType).toBe("patient");
  });

  it("does not exist for another clinic's therapist, a patient, or a malformed id", async () => {
    const before = await lastAuditId();
    await expect(getFhirBundle(await jordan(), maria.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getFhirBundle(await mariaLogin(), maria.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getFhirBundle(await sam(), "not-a-uuid")).rejects.toBeInstanceOf(NotFoundError);
    await expect(getFhirBundle(await sam(), otherClinicPatient.id)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    const events = await auditSince(before);
    expect(events.every((e) => e.outcome === "denied")).toBe(true);
    expect(events).toHaveLength(4);
    expect(events.some((e) => e.action === FHIR_EXPORT_ACTION && e.outcome === "success")).toBe(
      false,
    );
  });
});

describe("GET /api/patients/[patientId]/fhir", () => {
  const call = (patientId: string) =>
    fhirRoute(new Request(`http://localhost/api/patients/${patientId}/fhir`), {
      params: Promise.resolve({ patientId }),
    });

  it("answers 401 without a session", async () => {
    const res = await call(maria.id);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: "Sign in first." });
  });

  it("answers 404 to another clinic, a patient and a malformed id", async () => {
    session.viewer = await jordan();
    expect((await call(maria.id)).status).toBe(404);
    session.viewer = await mariaLogin();
    const res = await call(maria.id);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: "Not found." });
    session.viewer = await sam();
    expect((await call("../etc")).status).toBe(404);
  });

  it("downloads the Bundle as FHIR JSON, not cached", async () => {
    session.viewer = await sam();
    const res = await call(maria.id);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/fhir+json; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(
      `attachment; filename="patient-${maria.id}-fhir.json"`,
    );
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = (await res.json()) as Bundle;
    expect(body.resourceType).toBe("Bundle");
    expect(validate(body)).toBe(true);
  });
});
