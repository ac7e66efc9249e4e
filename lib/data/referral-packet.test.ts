import { and, eq, ne } from "drizzle-orm";
import { PDFParse } from "pdf-parse";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, flags, patients, users } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import { loadViewer } from "@/lib/auth/load-viewer";
import type { Viewer } from "@/lib/auth/viewer-type";
import { renderReferralPacket } from "@/lib/interop/referral-packet";
import { NotFoundError } from "./errors";
import { getReferralPacketData } from "./referral-packet";

// The route reads the session through getViewer; here it answers what the test says.
const session = vi.hoisted(() => ({ viewer: null as Viewer | null }));
vi.mock("@/lib/auth/viewer", () => ({ getViewer: async () => session.viewer }));

const { GET: packetRoute } = await import(
  "@/app/(clinic)/patients/[patientId]/flags/[flagId]/packet.pdf/route"
);

const ACTION = "patient.export.referral_packet";

let mariaId: string;
let botoxFlagId: string;
let otherPatientFlagId: string;

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
const jordan = () => viewerOf("therapist@other.clinic");
const mariaLogin = () => viewerOf("patient@demo.clinic");

async function textOf(pdf: Uint8Array): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

const call = (patientId: string, flagId: string) =>
  packetRoute(new Request(`http://localhost/patients/${patientId}/flags/${flagId}/packet.pdf`), {
    params: Promise.resolve({ patientId, flagId }),
  });

beforeAll(async () => {
  const db = await getDb();
  await seedDemo(db);
  const [maria] = await db
    .select({ id: patients.id })
    .from(patients)
    .where(and(eq(patients.givenName, "Maria"), eq(patients.familyName, "Lopez")));
  if (!maria) throw new Error("no Maria");
  mariaId = maria.id;
  const [flag] = await db
    .select({ id: flags.id })
    .from(flags)
    .where(
      and(eq(flags.patientId, mariaId), eq(flags.kind, "BOTOX_REFERRAL"), eq(flags.status, "open")),
    );
  if (!flag) throw new Error("the seed raised no open Botox referral for Maria");
  botoxFlagId = flag.id;
  const [other] = await db
    .select({ id: flags.id })
    .from(flags)
    .innerJoin(patients, eq(patients.id, flags.patientId))
    .where(and(ne(flags.patientId, mariaId), eq(patients.clinicId, flags.clinicId)))
    .limit(1);
  if (!other) throw new Error("no flag of another patient");
  otherPatientFlagId = other.id;
});

beforeEach(() => {
  session.viewer = null;
});

describe("getReferralPacketData", () => {
  it("gathers Maria's Botox referral with her left calf history, and the PDF prints it", async () => {
    const viewer = await sam();
    const data = await getReferralPacketData(viewer, mariaId, botoxFlagId);
    expect(data.patient).toMatchObject({ givenName: "Maria", familyName: "Lopez" });
    expect(data.flag).toMatchObject({
      id: botoxFlagId,
      kind: "BOTOX_REFERRAL",
      keys: [{ muscleGroup: "ankle_plantarflexors", side: "left" }],
    });
    const leftCalf = data.assessments.flatMap((a) =>
      a.scores
        .filter((s) => s.muscleGroup === "ankle_plantarflexors" && s.side === "left")
        .map((s) => s.grade),
    );
    expect(leftCalf).toEqual(["2", "2", "3", "3", "3", "3", "3", "3"]);
    expect(data.adherence.map((a) => a.days)).toEqual([7, 14, 28]);
    expect(data.clinicName).toBe("Demo Clinic");

    const text = await textOf(await renderReferralPacket(data));
    expect(text).toContain("Maria Lopez");
    expect(text).toContain("Consider botulinum toxin referral");
    expect(text).toContain("Calf (ankle plantarflexors), left");
    expect(text).toMatch(/(^|\s)2(\s|$)/m);
    expect(text).toMatch(/(^|\s)3(\s|$)/m);
    expect(text).toContain("Page 1 of");
  });

  it("records one export event and no separate read events", async () => {
    const db = await getDb();
    const viewer = await sam();
    const ofSam = () =>
      db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.actorUserId, viewer.userId), eq(auditEvents.patientId, mariaId)));
    const before = new Set((await ofSam()).map((e) => e.id));
    await getReferralPacketData(viewer, mariaId, botoxFlagId);
    const events = (await ofSam()).filter((e) => !before.has(e.id));
    expect(events.map((e) => [e.action, e.outcome, e.entityId])).toEqual([
      [ACTION, "success", botoxFlagId],
    ]);
    expect(events[0]?.details).toMatchObject({ kind: "BOTOX_REFERRAL" });
  });

  it("does not exist for another clinic's therapist, a patient, or another patient's flag", async () => {
    const db = await getDb();
    await expect(
      getReferralPacketData(await jordan(), mariaId, botoxFlagId),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      getReferralPacketData(await mariaLogin(), mariaId, botoxFlagId),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      getReferralPacketData(await sam(), mariaId, otherPatientFlagId),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(getReferralPacketData(await sam(), mariaId, "nope")).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(getReferralPacketData(await sam(), "nope", botoxFlagId)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    const j = await jordan();
    const denied = await db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.actorUserId, j.userId),
          eq(auditEvents.action, ACTION),
          eq(auditEvents.outcome, "denied"),
        ),
      );
    expect(denied.length).toBeGreaterThan(0);
  });
});

describe("GET packet.pdf", () => {
  it("answers 401 without a session", async () => {
    const res = await call(mariaId, botoxFlagId);
    expect(res.status).toBe(401);
  });

  it("streams the PDF inline, uncached, named after the family name and date", async () => {
    session.viewer = await sam();
    const res = await call(mariaId, botoxFlagId);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("content-disposition")).toMatch(
      /^inline; filename="referral-lopez-\d{4}-\d{2}-\d{2}\.pdf"$/,
    );
    const text = await textOf(new Uint8Array(await res.arrayBuffer()));
    expect(text).toContain("Maria Lopez");
  });

  it("answers 404 for other clinics, patients, another patient's flag and malformed ids", async () => {
    session.viewer = await jordan();
    expect((await call(mariaId, botoxFlagId)).status).toBe(404);
    session.viewer = await mariaLogin();
    expect((await call(mariaId, botoxFlagId)).status).toBe(404);
    session.viewer = await sam();
    expect((await call(mariaId, otherPatientFlagId)).status).toBe(404);
    expect((await call("not-a-uuid", botoxFlagId)).status).toBe(404);
    expect((await call(mariaId, "not-a-uuid")).status).toBe(404);
  });
});
