import "server-only";
import { and, desc, eq, gte, ilike, lt } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb } from "@/db/client";
import { auditEvents, patients, users } from "@/db/schema";
import type { Viewer } from "@/lib/auth/viewer-type";
import { audit } from "./audit";
import { isUuid, requireAdmin } from "./guards";

export interface AuditRow {
  id: number;
  at: string;
  actorId: string | null;
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

export interface AuditFilter {
  /** Action name prefix, e.g. "flag." */
  action?: string;
  outcome?: "success" | "denied" | "failure";
  patientId?: string;
  /** The user who acted. */
  actorId?: string;
  /** First and last day (UTC, YYYY-MM-DD), inclusive. */
  from?: string;
  to?: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** Midnight UTC at the start of `day`, plus `days`; undefined for anything but a valid date. */
function utcDay(day: string | undefined, days = 0): Date | undefined {
  if (!day || !DAY.test(day)) return undefined;
  const at = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(at.getTime())) return undefined;
  at.setUTCDate(at.getUTCDate() + days);
  return at;
}

/**
 * Admin: the clinic's audit log, newest first, filtered by action (prefix), outcome, patient,
 * actor and days (UTC). Reading it is audited too.
 */
export async function listAuditEvents(viewer: Viewer, filter: AuditFilter): Promise<AuditRow[]> {
  const db = await getDb();
  await requireAdmin(db, viewer, "audit.read");
  const from = utcDay(filter.from);
  const until = utcDay(filter.to, 1);
  const rows = await db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      actorId: auditEvents.actorUserId,
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
        filter.actorId && isUuid(filter.actorId)
          ? eq(auditEvents.actorUserId, filter.actorId)
          : undefined,
        from ? gte(auditEvents.at, from) : undefined,
        until ? lt(auditEvents.at, until) : undefined,
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
