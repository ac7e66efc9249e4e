import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import { requireViewer, STAFF } from "@/lib/auth/viewer";
import { NotFoundError } from "@/lib/data/errors";
import { getPatient } from "@/lib/data/patients";

/** The patient of this request for staff (cached: the layout and the page share one read). */
export const loadPatientOr404 = cache(async (patientId: string) => {
  const viewer = await requireViewer(STAFF);
  try {
    return { viewer, patient: await getPatient(viewer, patientId) };
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
});
