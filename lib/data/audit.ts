import "server-only";
import type { Db, Tx } from "@/db/client";
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

/** Audit a read of a patient's record once per request (the viewer object lives one request). */
export async function auditPatientRead(db: Db, viewer: Viewer, patientId: string, action: string) {
  const key = `${patientId}`;
  if (viewer.readAudited.has(key)) return;
  viewer.readAudited.add(key);
  await audit(db, viewer, { action, entityType: "patient", entityId: patientId, patientId });
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
