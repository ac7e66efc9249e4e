import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import { requireViewer } from "@/lib/auth/viewer";
import { getPatient } from "@/lib/data/patients";
import { listTodaysItems } from "@/lib/data/programs";

/** The signed-in patient's own record and today's program items. */
export const loadMyProgram = cache(async () => {
  const viewer = await requireViewer(["patient"]);
  if (!viewer.patientId) notFound();
  const [me, today] = await Promise.all([
    getPatient(viewer, viewer.patientId),
    listTodaysItems(viewer, viewer.patientId),
  ]);
  return { viewer, me, ...today };
});
