"use server";

import { revalidatePath } from "next/cache";
import { formAction } from "@/lib/auth/form-action";
import { saveLog } from "@/lib/data/logs";
import { logSchema } from "@/lib/validation/log";

export const saveLogAction = formAction(
  { roles: ["patient"], schema: logSchema, name: "log.save" },
  async (viewer, input) => {
    const { created } = await saveLog(viewer, input);
    revalidatePath("/my/log");
    revalidatePath("/my/history");
    return {
      message: input.allDone
        ? "Saved: everything done as prescribed. Well done."
        : created
          ? "Your log is saved. Thank you."
          : "Your log is updated.",
    };
  },
);
