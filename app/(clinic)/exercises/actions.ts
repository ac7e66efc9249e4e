"use server";

import { revalidatePath } from "next/cache";
import { STAFF } from "@/lib/auth/viewer";
import { withViewer } from "@/lib/auth/with-viewer";
import { createExercise } from "@/lib/data/exercises";
import { exerciseSchema } from "@/lib/validation/program";

export const createExerciseAction = withViewer(
  { roles: STAFF, schema: exerciseSchema, name: "exercise.create" },
  async (viewer, input) => {
    await createExercise(viewer, input);
    revalidatePath("/exercises");
    return { message: `“${input.name}” added to your clinic's library.` };
  },
);
