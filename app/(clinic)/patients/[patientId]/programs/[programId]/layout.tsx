import type { ReactNode } from "react";
import { loadProgramOr404 } from "./load-program";

/** Access check outside any loading boundary: a program you may not see is a real 404. */
export default async function ProgramLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ patientId: string; programId: string }>;
}) {
  const { patientId, programId } = await params;
  await loadProgramOr404(patientId, programId);
  return children;
}
