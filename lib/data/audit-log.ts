import "server-only";
import { and, desc, eq, ilike } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb } from "@/db/client";
import { auditEvents, patients, users } from "@/db/schema";
import type { Viewer } from "@/lib/auth/viewer-type";
import { audit } from "./audit";
import { isUuid, requireAdmin } from "./guards";

export interface AuditRow {
  id: number;
  at: string;
  actorName: string | null;
  actorRole: string | null;
  action: string;
  outcome: "success" | "denied" | "failure";
  entityType: string | null;
  entityId: string | null;
  patientId: string | null;
  patientName: string | null;
  ip: string | null;
}

const actor = alias(users, "actor");

/** Admin: the clinic's audit log, newest first, filtered by action (prefix), outcome and patient. */
export async function listAuditEvents(
  viewer: Viewer,
  filter: { action?: string; outcome?: "success" | "denied" | "failure"; patientId?: string },
): Promise<AuditRow[]> {
  const db = await getDb();
  await requireAdmin(db, viewer, "audit.read");
  const rows = await db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      actorName: actor.name,
      actorRole: auditEvents.actorRole,
      action: auditEvents.action,
      outcome: auditEvents.outcome,
      entityType: auditEvents.entityType,
      entityId: auditEvents.entityId,
      patientId: auditEvents.patientId,
      givenName: patients.givenName,
      familyName: patients.familyName,
      ip: auditEvents.ip,
    })
    .from(auditEvents)
    .leftJoin(actor, eq(actor.id, auditEvents.actorUserId))
    .leftJoin(patients, eq(patients.id, auditEvents.patientId))
    .where(
      and(
        eq(auditEvents.clinicId, viewer.clinicId),
        filter.action
          ? ilike(auditEvents.action, `${filter.action.replace(/[\\%_]/g, "")}%`)
          : undefined,
        filter.outcome ? eq(auditEvents.outcome, filter.outcome) : undefined,
        filter.patientId && isUuid(filter.patientId)
          ? eq(auditEvents.patientId, filter.patientId)
          : undefined,
      ),
    )
    .orderBy(desc(auditEvents.id))
    .limit(300);
  await audit(db, viewer, {
    action: "audit.read",
    entityType: "audit_log",
    details: { ...filter, count: rows.length },
  });
  return rows.map(({ givenName, familyName, at, ...r }) => ({
    ...r,
    at: at.toISOString(),
    patientName: givenName ? `${givenName} ${familyName}` : null,
  }));
}
