"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { STAFF } from "@/lib/auth/viewer";
import { withViewer } from "@/lib/auth/with-viewer";
import { addProgramVersion, createProgram, runProgramCommand } from "@/lib/data/programs";
import {
  programCommandSchema,
  programSchema,
  programVersionSchema,
} from "@/lib/validation/program";

export const createProgramAction = withViewer(
  { roles: STAFF, schema: programSchema, name: "program.create" },
  async (viewer, input) => {
    await createProgram(viewer, input);
    revalidatePath(`/patients/${input.patientId}`);
    redirect(`/patients/${input.patientId}?program=assigned#programs`);
  },
);

export const addProgramVersionAction = withViewer(
  { roles: STAFF, schema: programVersionSchema, name: "program.version" },
  async (viewer, input) => {
    await addProgramVersion(viewer, input);
    revalidatePath(`/patients/${input.patientId}`);
    redirect(`/patients/${input.patientId}?program=changed#programs`);
  },
);

export const programCommandAction = withViewer(
  { roles: STAFF, schema: programCommandSchema, name: "program.command" },
  async (viewer, input) => {
    await runProgramCommand(viewer, input);
    // Run from the patient page or from the page of all programs.
    revalidatePath(`/patients/${input.patientId}`);
    revalidatePath(`/patients/${input.patientId}/programs`);
    const messages = {
      pause: "Program paused.",
      resume: "Program resumed.",
      end: "Program ended.",
    };
    return { message: messages[input.command] };
  },
);
