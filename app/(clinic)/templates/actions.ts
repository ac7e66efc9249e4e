"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { STAFF } from "@/lib/auth/viewer";
import { withViewer } from "@/lib/auth/with-viewer";
import { saveTemplate } from "@/lib/data/templates";
import { templateSchema } from "@/lib/validation/program";

export const saveTemplateAction = withViewer(
  { roles: STAFF, schema: templateSchema, name: "template.save" },
  async (viewer, input) => {
    await saveTemplate(viewer, input);
    revalidatePath("/templates");
    redirect("/templates?saved=1");
  },
);
