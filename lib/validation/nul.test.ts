import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { amendmentSchema, assessmentSchema } from "./assessment";
import { NO_NUL } from "./common";
import { flagActionSchema } from "./flag";
import { logSchema, reviewSchema } from "./log";
import { caseloadFilterSchema, patientInputSchema } from "./patient";
import { exerciseSchema, programSchema, programVersionSchema, templateSchema } from "./program";
import { createStaffSchema } from "./staff";
import { oralTreatmentSchema, toxinInjectionSchema } from "./treatment";

/**
 * Found by fuzzing (lib/security/fuzz.test.ts): a NUL character (U+0000) in any free-text field
 * passed the schema and failed the insert, so the user saw "something went wrong" and the server
 * logged an error. Every free-text field now refuses it at the field.
 */
const id = "6f1c3c9e-2a4b-4c1d-9e8f-0a1b2c3d4e5f";
const today = "2024-05-01";
const item = {
  "items:0:exerciseId": id,
  "items:0:holdSeconds": "30",
  "items:0:repetitions": "3",
  "items:0:sessionsPerDay": "2",
  "items:0:daysPerWeek": "7",
  "items:0:side": "both",
};
const assessment = {
  patientId: id,
  assessedOn: today,
  position: "supine",
  "score:knee_flexors:left": "1+",
};
const flag = { patientId: id, flagId: id, expectedStatus: "open" };

/** [schema, a valid input, the free-text fields to poison one at a time] */
const CASES: [string, z.ZodType, Record<string, unknown>, string[]][] = [
  [
    "patient",
    patientInputSchema,
    { givenName: "Ana", familyName: "Lopez", dateOfBirth: "1970-03-04", msType: "RRMS" },
    ["givenName", "familyName"],
  ],
  ["assessment", assessmentSchema, { ...assessment, notes: "ok" }, ["notes"]],
  [
    "amendment",
    amendmentSchema,
    { ...assessment, supersedesId: id, amendmentReason: "typo" },
    ["amendmentReason"],
  ],
  [
    "oral treatment",
    oralTreatmentSchema,
    { patientId: id, drug: "other", drugOther: "x", dose: "5 mg", startedOn: today },
    ["drugOther", "dose"],
  ],
  [
    "toxin",
    toxinInjectionSchema,
    {
      patientId: id,
      injectedOn: today,
      muscleGroup: "ankle_plantarflexors",
      side: "left",
      units: "100",
      product: "onabotulinumtoxinA",
    },
    ["product"],
  ],
  [
    "program",
    programSchema,
    {
      patientId: id,
      title: "Stretches",
      startDate: today,
      weeks: "6",
      ...item,
      "items:0:note": "n",
    },
    ["title", "items:0:note"],
  ],
  [
    "program version",
    programVersionSchema,
    { patientId: id, programId: id, effectiveFrom: today, changeNote: "c", ...item },
    ["changeNote"],
  ],
  [
    "template",
    templateSchema,
    { name: "Template", description: "d", ...item },
    ["name", "description"],
  ],
  [
    "exercise",
    exerciseSchema,
    {
      name: "Sit to stand",
      kind: "strength",
      muscleGroups: ["knee_extensors"],
      summary: "s",
      steps: "one",
      safety: "careful",
      repetitions: "8",
      sessionsPerDay: "1",
      daysPerWeek: "3",
    },
    ["name", "summary", "steps", "safety"],
  ],
  [
    "staff",
    createStaffSchema,
    { name: "New", email: "new@demo.clinic", role: "therapist" },
    ["name"],
  ],
  ["log", logSchema, { patientId: id, date: today, note: "stiff" }, ["note"]],
  ["review", reviewSchema, { patientId: id, reviewedThrough: today, note: "good" }, ["note"]],
  ["flag ack", flagActionSchema, { ...flag, command: "acknowledge", note: "n" }, ["note"]],
  ["flag dismiss", flagActionSchema, { ...flag, command: "dismiss", note: "n" }, ["note"]],
  [
    "flag refer",
    flagActionSchema,
    {
      ...flag,
      command: "refer",
      referralTarget: "Neuro",
      referralDate: today,
      referralGoal: "pain",
      note: "n",
    },
    ["referralTarget", "note"],
  ],
];

describe("free text refuses the NUL character", () => {
  for (const [name, schema, valid, fields] of CASES) {
    it(name, () => {
      const ok = schema.safeParse(valid);
      expect(ok.error?.issues ?? []).toEqual([]);
      for (const field of fields) {
        const result = schema.safeParse({ ...valid, [field]: `a\u0000b` });
        expect(result.success, field).toBe(false);
        expect(result.error?.issues.map((i) => i.message)).toContain(NO_NUL);
      }
    });
  }

  it("the caseload search drops it instead of querying with it", () => {
    expect(caseloadFilterSchema.parse({ q: "Lo\u0000pez" }).q).toBeUndefined();
    expect(caseloadFilterSchema.parse({ q: "Lopez" }).q).toBe("Lopez");
  });
});
