import "server-only";
import type { Bundle } from "@medplum/fhirtypes";
import { getDb } from "@/db/client";
import type { Viewer } from "@/lib/auth/viewer-type";
import { todayIn } from "@/lib/clinical/dates";
import { buildPatientBundle } from "@/lib/interop/fhir";
import { listAssessments } from "./assessments";
import { audit } from "./audit";
import { requireStaff } from "./guards";
import { getLogSummary } from "./logs";
import { requireVisiblePatient } from "./patient-access";
import { getPatient } from "./patients";
import { listPrograms } from "./programs";
import { listTreatments } from "./treatments";

export const FHIR_EXPORT_ACTION = "patient.export.fhir";

/** Home logs older than this are not exported (the log summary's window, about ten years). */
const LOG_WINDOW_DAYS = 3650;

/**
 * Staff of the patient's clinic: the patient's record as a FHIR R4 `collection` Bundle (patient,
 * effective MAS scores, patient-reported NRS and Penn values, treatments, programs). Anyone else
 * (patients included, other clinics, malformed ids) gets NotFoundError, audited as denied. The
 * export is audited as one event; the reads it is made of add no "patient.read" of their own.
 */
export async function getFhirBundle(viewer: Viewer, patientId: string): Promise<Bundle> {
  const db = await getDb();
  await requireStaff(db, viewer, FHIR_EXPORT_ACTION);
  await requireVisiblePatient(db, viewer, patientId, FHIR_EXPORT_ACTION);
  // The export event below is this request's read of the record (one event per request).
  viewer.readAudited.add(patientId);
  try {
    // Each of these applies the access rule again in its own WHERE.
    const patient = await getPatient(viewer, patientId);
    const assessments = await listAssessments(viewer, patientId);
    const treatments = await listTreatments(viewer, patientId);
    const programs = await listPrograms(viewer, patientId);
    const { logs } = await getLogSummary(viewer, patientId, LOG_WINDOW_DAYS);
    const bundle = buildPatientBundle({
      generatedAt: new Date().toISOString(),
      today: todayIn(viewer.clinicTimeZone),
      patient,
      assessments,
      logs,
      treatments,
      programs,
    });
    await audit(db, viewer, {
      action: FHIR_EXPORT_ACTION,
      entityType: "patient",
      entityId: patientId,
      patientId,
      details: { resources: bundle.entry?.length ?? 0 },
    });
    return bundle;
  } catch (error) {
    await audit(db, viewer, {
      action: FHIR_EXPORT_ACTION,
      outcome: "failure",
      entityType: "patient",
      entityId: patientId,
      patientId,
    }).catch(() => undefined);
    throw error;
  }
}
