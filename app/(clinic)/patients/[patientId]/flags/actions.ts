"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { STAFF } from "@/lib/auth/viewer";
import { withViewer } from "@/lib/auth/with-viewer";
import { actOnFlag } from "@/lib/data/flags";
import { flagActionSchema } from "@/lib/validation/flag";

export const flagAction = withViewer(
  { roles: STAFF, schema: flagActionSchema, name: "flag.action" },
  async (viewer, input) => {
    await actOnFlag(viewer, input);
    revalidatePath("/flags");
    // The flag leaves the open list, so say what happened at the panel, not inside the flag.
    redirect(`/patients/${input.patientId}?flag=${input.command}#flags`);
  },
);
