import { describe, expect, it } from "vitest";
import { addDays, todayIn } from "@/lib/clinical/dates";
import { makeClinic } from "@/lib/testing/fixtures";
import { oralTreatmentSchema, toxinInjectionSchema } from "@/lib/validation/treatment";
import { NotFoundError } from "./errors";
import {
  addOralTreatment,
  addPump,
  addToxinInjection,
  listTreatments,
  stopOralTreatment,
  stopPump,
} from "./treatments";

const today = () => todayIn("Europe/London");

describe("treatments", () => {
  it("records, lists and stops oral drugs, toxin injections and pumps", async () => {
    const c = await makeClinic();
    const t = c.as.therapist();
    await addOralTreatment(
      t,
      oralTreatmentSchema.parse({
        patientId: c.patient.id,
        drug: "baclofen",
        dose: "10 mg tds",
        startedOn: addDays(today(), -100),
      }),
    );
    await addToxinInjection(
      t,
      toxinInjectionSchema.parse({
        patientId: c.patient.id,
        injectedOn: addDays(today(), -30),
        muscleGroup: "ankle_plantarflexors",
        side: "left",
        units: "200",
        product: "onabotulinumtoxinA",
      }),
    );
    await addPump(t, { patientId: c.patient.id, startedOn: addDays(today(), -10) });
    let list = await listTreatments(t, c.patient.id);
    expect(list.oral).toMatchObject([{ drug: "baclofen", stoppedOn: null }]);
    expect(list.toxin).toMatchObject([
      { muscleGroup: "ankle_plantarflexors", side: "left", units: 200 },
    ]);
    const oralId = list.oral[0]?.id as string;
    const pumpId = list.pumps[0]?.id as string;

    await expect(
      stopOralTreatment(t, {
        patientId: c.patient.id,
        treatmentId: oralId,
        stoppedOn: addDays(today(), -200),
        stopReason: "side_effects",
      }),
    ).rejects.toHaveProperty("fieldErrors.stoppedOn");
    await stopOralTreatment(t, {
      patientId: c.patient.id,
      treatmentId: oralId,
      stoppedOn: today(),
      stopReason: "side_effects",
    });
    await stopPump(t, { patientId: c.patient.id, pumpId, stoppedOn: today() });
    list = await listTreatments(t, c.patient.id);
    expect(list.oral[0]).toMatchObject({ stoppedOn: today(), stopReason: "side_effects" });
    expect(list.pumps[0]?.stoppedOn).toBe(today());
    // Stopping twice: the treatment is no longer active.
    await expect(
      stopOralTreatment(t, {
        patientId: c.patient.id,
        treatmentId: oralId,
        stoppedOn: today(),
        stopReason: "other",
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it("rejects bad input and other clinics or patients", async () => {
    const a = await makeClinic();
    const b = await makeClinic();
    expect(
      oralTreatmentSchema.safeParse({
        patientId: a.patient.id,
        drug: "aspirin",
        dose: "1",
        startedOn: today(),
      }).success,
    ).toBe(false);
    expect(
      oralTreatmentSchema.safeParse({
        patientId: a.patient.id,
        drug: "other",
        dose: "1",
        startedOn: today(),
      }).error?.issues[0]?.path,
    ).toEqual(["drugOther"]);
    expect(
      toxinInjectionSchema.safeParse({
        patientId: a.patient.id,
        injectedOn: today(),
        muscleGroup: "toes",
        side: "left",
        units: "10",
        product: "x",
      }).success,
    ).toBe(false);
    expect(
      toxinInjectionSchema.safeParse({
        patientId: a.patient.id,
        injectedOn: today(),
        muscleGroup: "hip_flexors",
        side: "left",
        units: "-5",
        product: "x",
      }).success,
    ).toBe(false);
    await expect(
      addPump(a.as.therapist(), { patientId: a.patient.id, startedOn: addDays(today(), 1) }),
    ).rejects.toHaveProperty("fieldErrors.startedOn");
    await expect(
      addPump(b.as.therapist(), { patientId: a.patient.id, startedOn: today() }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(listTreatments(a.as.patient(), a.patient.id)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect((await listTreatments(a.as.therapist(), a.patient.id)).pumps).toEqual([]);
  });
});
