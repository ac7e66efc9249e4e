"use server";

import { revalidatePath } from "next/cache";
import { withViewer } from "@/lib/auth/with-viewer";
import { setRequireStaffMfa } from "@/lib/data/clinic";
import { clinicMfaSettingSchema } from "@/lib/validation/auth";

/** Admin: require two-step sign-in for the clinic's therapists and admins (audited). */
export const clinicMfaSettingAction = withViewer(
  { roles: ["admin"], schema: clinicMfaSettingSchema, name: "clinic.require_staff_mfa" },
  async (viewer, input) => {
    await setRequireStaffMfa(viewer, input.requireStaffMfa);
    revalidatePath("/admin/therapists");
    return {
      message: input.requireStaffMfa
        ? "Saved. Therapists and admins without two-step sign-in set it up at their next sign-in."
        : "Saved. Two-step sign-in is now optional for therapists and admins.",
    };
  },
);
