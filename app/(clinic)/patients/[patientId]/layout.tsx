import type { ReactNode } from "react";
import { loadPatientOr404 } from "./load-patient";

/**
 * The access check runs here, outside the segment's loading boundary, so that a record the
 * viewer may not see answers with a real 404 status rather than a streamed "not found" page.
 */
export default async function PatientLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ patientId: string }>;
}) {
  await loadPatientOr404((await params).patientId);
  return children;
}
