import "server-only";
import type { Db } from "@/db/client";
import { isStaff, type Viewer } from "@/lib/auth/viewer-type";
import { auditDenied } from "./audit";
import { NotFoundError } from "./errors";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: unknown): value is string =>
  typeof value === "string" && UUID.test(value);

/** Therapists and admins of a clinic; anyone else is told the record does not exist. */
export async function requireStaff(db: Db, viewer: Viewer, action: string): Promise<void> {
  if (isStaff(viewer)) return;
  await auditDenied(db, viewer, action, "role", viewer.role);
  throw new NotFoundError();
}

export async function requireAdmin(db: Db, viewer: Viewer, action: string): Promise<void> {
  if (viewer.role === "admin") return;
  await auditDenied(db, viewer, action, "role", viewer.role);
  throw new NotFoundError();
}
