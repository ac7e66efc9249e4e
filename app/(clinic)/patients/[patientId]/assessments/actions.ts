"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { STAFF } from "@/lib/auth/viewer";
import { withViewer } from "@/lib/auth/with-viewer";
import { amendAssessment, recordAssessment } from "@/lib/data/assessments";
import { amendmentSchema, assessmentSchema } from "@/lib/validation/assessment";

export const recordAssessmentAction = withViewer(
  { roles: STAFF, schema: assessmentSchema, name: "assessment.create" },
  async (viewer, input) => {
    await recordAssessment(viewer, input);
    revalidatePath(`/patients/${input.patientId}`);
    redirect(`/patients/${input.patientId}?recorded=1#assessments`);
  },
);

export const amendAssessmentAction = withViewer(
  { roles: STAFF, schema: amendmentSchema, name: "assessment.amend" },
  async (viewer, input) => {
    const { rootId } = await amendAssessment(viewer, input);
    revalidatePath(`/patients/${input.patientId}`);
    redirect(`/patients/${input.patientId}/assessments/${rootId}?corrected=1`);
  },
);
