"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { withViewer } from "@/lib/auth/with-viewer";
import { saveLog } from "@/lib/data/logs";
import { logSchema } from "@/lib/validation/log";

export const saveLogAction = withViewer(
  { roles: ["patient"], schema: logSchema, name: "log.save" },
  async (viewer, input) => {
    const { created } = await saveLog(viewer, input);
    revalidatePath("/my/history");
    // Post/redirect/get: the page re-reads the saved log (and shows advice it calls for).
    const saved = input.allDone ? "all" : created ? "created" : "updated";
    redirect(`/my/log?date=${input.date}&saved=${saved}`);
  },
);
