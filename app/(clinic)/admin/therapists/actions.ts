"use server";

import { revalidatePath } from "next/cache";
import { withViewer } from "@/lib/auth/with-viewer";
import {
  createStaffAccount,
  issueStaffResetCode,
  resetStaffMfa,
  setStaffDisabled,
  unlockStaffAccount,
} from "@/lib/data/staff";
import { createStaffSchema, staffCommandSchema } from "@/lib/validation/staff";

type CodeResult = { code: string; expiresAt: string; email?: string };

export const createStaffAction = withViewer<typeof createStaffSchema, CodeResult>(
  { roles: ["admin"], schema: createStaffSchema, name: "staff.create" },
  async (viewer, input) => {
    const created = await createStaffAccount(viewer, input);
    revalidatePath("/admin/therapists");
    return {
      message: `Account created for ${input.email}.`,
      data: { code: created.code, expiresAt: created.expiresAt, email: input.email },
    };
  },
);

export const staffCommandAction = withViewer<typeof staffCommandSchema, CodeResult>(
  { roles: ["admin"], schema: staffCommandSchema, name: "staff.command" },
  async (viewer, { userId, command }) => {
    if (command === "reset") {
      const reset = await issueStaffResetCode(viewer, userId);
      revalidatePath("/admin/therapists");
      return { message: "Reset code created. Earlier codes no longer work.", data: reset };
    }
    if (command === "unlock") await unlockStaffAccount(viewer, userId);
    else if (command === "reset_mfa") await resetStaffMfa(viewer, userId);
    else await setStaffDisabled(viewer, userId, command === "disable");
    revalidatePath("/admin/therapists");
    const messages = {
      reset_mfa:
        "Two-step sign-in reset: their sessions have ended and they set it up again at their next sign-in.",
      unlock: "Account unlocked.",
      disable: "Account disabled; its sessions have ended.",
      enable: "Account enabled.",
    };
    return { message: messages[command] };
  },
);
