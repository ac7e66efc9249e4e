import "server-only";
import { sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { prepared } from "@/db/prepared";
import { auditEvents } from "@/db/schema";
import type { Viewer } from "@/lib/auth/viewer-type";

export interface AuditEntry {
  action: string;
  outcome?: "success" | "denied" | "failure";
  entityType?: string;
  entityId?: string | null;
  patientId?: string | null;
  details?: Record<string, unknown>;
}

/** Record one audit event as `viewer`, inside the caller's transaction when it has one. */
export async function audit(
  db: Db | Tx,
  viewer: Viewer | null,
  entry: AuditEntry & {
    clinicId?: string | null;
    ip?: string | null;
    actor?: { userId: string; role: string };
  },
) {
  await db.insert(auditEvents).values({
    clinicId: entry.clinicId ?? viewer?.clinicId ?? null,
    actorUserId: entry.actor?.userId ?? viewer?.userId ?? null,
    actorRole: entry.actor?.role ?? viewer?.role ?? null,
    action: entry.action,
    outcome: entry.outcome ?? "success",
    entityType: entry.entityType ?? null,
    entityId: entry.entityId ?? null,
    patientId: entry.patientId ?? null,
    ip: entry.ip ?? viewer?.ip ?? null,
    details: entry.details ?? null,
  });
}

/** The read audit every page of patient data writes: one statement, built once (db/prepared). */
const patientReadInsert = prepared((db) =>
  db
    .insert(auditEvents)
    .values({
      clinicId: sql.placeholder("clinicId"),
      actorUserId: sql.placeholder("userId"),
      actorRole: sql.placeholder("role"),
      action: sql.placeholder("action"),
      outcome: "success",
      entityType: "patient",
      entityId: sql.placeholder("patientId"),
      patientId: sql.placeholder("patientId"),
      ip: sql.placeholder("ip"),
    })
    .prepare("audit_patient_read"),
);

/** Audit a read of a patient's record once per request (the viewer object lives one request). */
export async function auditPatientRead(db: Db, viewer: Viewer, patientId: string, action: string) {
  const key = `${patientId}`;
  if (viewer.readAudited.has(key)) return;
  viewer.readAudited.add(key);
  await patientReadInsert(db).execute({
    clinicId: viewer.clinicId,
    userId: viewer.userId,
    role: viewer.role,
    action,
    patientId,
    ip: viewer.ip,
  });
}

/** Audit an access that was refused; the caller then answers "not found". */
export async function auditDenied(
  db: Db,
  viewer: Viewer | null,
  action: string,
  entityType: string,
  entityId: string | null,
) {
  await audit(db, viewer, { action, outcome: "denied", entityType, entityId });
}
