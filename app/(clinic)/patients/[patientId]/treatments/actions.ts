"use server";

import { revalidatePath } from "next/cache";
import { STAFF } from "@/lib/auth/viewer";
import { withViewer } from "@/lib/auth/with-viewer";
import {
  addOralTreatment,
  addPump,
  addToxinInjection,
  stopOralTreatment,
  stopPump,
} from "@/lib/data/treatments";
import {
  oralTreatmentSchema,
  pumpSchema,
  stopPumpSchema,
  stopTreatmentSchema,
  toxinInjectionSchema,
} from "@/lib/validation/treatment";

const done = (patientId: string, message: string) => {
  revalidatePath(`/patients/${patientId}`);
  return { message };
};

export const addOralTreatmentAction = withViewer(
  { roles: STAFF, schema: oralTreatmentSchema, name: "treatment.oral.create" },
  async (viewer, input) => {
    await addOralTreatment(viewer, input);
    return done(input.patientId, "Oral treatment recorded.");
  },
);

export const stopOralTreatmentAction = withViewer(
  { roles: STAFF, schema: stopTreatmentSchema, name: "treatment.oral.stop" },
  async (viewer, input) => {
    await stopOralTreatment(viewer, input);
    return done(input.patientId, "Treatment stopped.");
  },
);

export const addToxinInjectionAction = withViewer(
  { roles: STAFF, schema: toxinInjectionSchema, name: "treatment.toxin.create" },
  async (viewer, input) => {
    await addToxinInjection(viewer, input);
    return done(input.patientId, "Toxin injection recorded.");
  },
);

export const addPumpAction = withViewer(
  { roles: STAFF, schema: pumpSchema, name: "treatment.pump.create" },
  async (viewer, input) => {
    await addPump(viewer, input);
    return done(input.patientId, "Intrathecal pump recorded.");
  },
);

export const stopPumpAction = withViewer(
  { roles: STAFF, schema: stopPumpSchema, name: "treatment.pump.stop" },
  async (viewer, input) => {
    await stopPump(viewer, input);
    return done(input.patientId, "Pump stop recorded.");
  },
);
