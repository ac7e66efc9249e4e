import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import { listAssessmentVersions } from "@/lib/data/assessments";
import { NotFoundError } from "@/lib/data/errors";
import { loadPatientOr404 } from "../../load-patient";

/** All versions of one assessment (original first), or a 404. */
export const loadVersionsOr404 = cache(async (patientId: string, rootId: string) => {
  const { viewer, patient } = await loadPatientOr404(patientId);
  try {
    return { viewer, patient, versions: await listAssessmentVersions(viewer, patientId, rootId) };
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
});
