import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import { listPrograms } from "@/lib/data/programs";
import { loadPatientOr404 } from "../../load-patient";

/** One program of the patient (staff), or a 404. */
export const loadProgramOr404 = cache(async (patientId: string, programId: string) => {
  const { viewer, patient } = await loadPatientOr404(patientId);
  const program = (await listPrograms(viewer, patientId)).find((p) => p.id === programId);
  if (!program) notFound();
  return { viewer, patient, program };
});
