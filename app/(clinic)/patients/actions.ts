"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { STAFF } from "@/lib/auth/viewer";
import { withViewer } from "@/lib/auth/with-viewer";
import { issuePatientInvite } from "@/lib/data/invites";
import { createPatient, setPatientArchived, updatePatient } from "@/lib/data/patients";
import { patientIdSchema, patientInputSchema, updatePatientSchema } from "@/lib/validation/patient";

export const createPatientAction = withViewer(
  { roles: STAFF, schema: patientInputSchema, name: "patient.create" },
  async (viewer, input) => {
    const { id } = await createPatient(viewer, input);
    redirect(`/patients/${id}?created=1`);
  },
);

export const updatePatientAction = withViewer(
  { roles: STAFF, schema: updatePatientSchema, name: "patient.update" },
  async (viewer, { patientId, ...input }) => {
    await updatePatient(viewer, patientId, input);
    revalidatePath(`/patients/${patientId}`);
    return { message: "Patient details saved." };
  },
);

export const issueInviteAction = withViewer(
  { roles: STAFF, schema: patientIdSchema, name: "invite.issue" },
  async (viewer, { patientId }) => {
    const invite = await issuePatientInvite(viewer, patientId);
    revalidatePath(`/patients/${patientId}`);
    return { message: "Invite code created.", data: invite };
  },
);

export const archivePatientAction = withViewer(
  {
    roles: STAFF,
    schema: patientIdSchema.extend({
      archived: z.enum(["true", "false"]).transform((v) => v === "true"),
    }),
    name: "patient.archive",
  },
  async (viewer, { patientId, archived }) => {
    await setPatientArchived(viewer, patientId, archived);
    revalidatePath(`/patients/${patientId}`);
    return {
      message: archived
        ? "Patient archived. Their history is kept."
        : "Patient restored to the caseload.",
    };
  },
);
