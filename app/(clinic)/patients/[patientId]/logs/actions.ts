"use server";

import { revalidatePath } from "next/cache";
import { STAFF } from "@/lib/auth/viewer";
import { withViewer } from "@/lib/auth/with-viewer";
import { reviewLogs } from "@/lib/data/logs";
import { reviewSchema } from "@/lib/validation/log";

export const reviewLogsAction = withViewer(
  { roles: STAFF, schema: reviewSchema, name: "log.review" },
  async (viewer, input) => {
    await reviewLogs(viewer, input);
    revalidatePath(`/patients/${input.patientId}`);
    return {
      message: input.note ? "Marked reviewed. The patient will see your note." : "Marked reviewed.",
    };
  },
);
