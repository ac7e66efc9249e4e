import type { ReactNode } from "react";
import { loadVersionsOr404 } from "./load-versions";

/** Access check outside any loading boundary: an assessment you may not see is a real 404. */
export default async function AssessmentLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ patientId: string; rootId: string }>;
}) {
  const { patientId, rootId } = await params;
  await loadVersionsOr404(patientId, rootId);
  return children;
}
