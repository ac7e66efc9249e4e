export type Role = "admin" | "therapist" | "patient";

/** The signed-in user of one request, as the data layer sees them. */
export interface Viewer {
  userId: string;
  role: Role;
  clinicId: string;
  clinicName: string;
  clinicTimeZone: string;
  name: string;
  email: string;
  /** The patient record of a patient viewer; null for staff. */
  patientId: string | null;
  /** Client address, for the audit trail. */
  ip: string | null;
  /** Patients whose record this request has already audited as read (one event per request). */
  readAudited: Set<string>;
}

export const isStaff = (viewer: Viewer) => viewer.role === "therapist" || viewer.role === "admin";
