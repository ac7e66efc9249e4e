import type { Bundle, CarePlan, Observation, Procedure, Resource } from "@medplum/fhirtypes";
import type { ValidateFunction } from "ajv";
import { beforeAll, describe, expect, it } from "vitest";
import { compileR4BundleSchema } from "@/lib/testing/fhir-schema";
import {
  buildPatientBundle,
  LATERALITY,
  MAS_GRADE_SYSTEM,
  MAS_SNOMED_CODE,
  NRS_TEXT,
  ORDINAL_VALUE_URL,
  type PatientBundleInput,
  PENN_TEXT,
  SNOMED,
  STRUCTURE_LATERALITY_URL,
  stableUuid,
} from "./fhir";

const ids = {
  patient: "0d9a4e0e-8f5c-4a43-9b1e-1f0a8d7c6b5a",
  a1: "11111111-1111-4111-8111-111111111111",
  a2: "22222222-2222-4222-8222-222222222222",
  log1: "33333333-3333-4333-8333-333333333333",
  log2: "44444444-4444-4444-8444-444444444444",
  oral: "55555555-5555-4555-8555-555555555555",
  toxin: "66666666-6666-4666-8666-666666666666",
  pump: "77777777-7777-4777-8777-777777777777",
  program: "88888888-8888-4888-8888-888888888888",
};

const input: PatientBundleInput = {
  generatedAt: "2025-06-01T09:30:00.000Z",
  today: "2025-06-01",
  patient: {
    id: ids.patient,
    givenName: "Ana",
    familyName: "Test",
    dateOfBirth: "1980-02-29",
    msType: "SPMS",
    diagnosisYear: 2005,
  },
  assessments: [
    {
      id: ids.a1,
      assessedOn: "2025-03-01",
      assessorName: "Sam Therapist",
      position: "supine",
      hoursSinceOralDose: 4,
      daysSinceToxin: null,
      notes: "Mild knee pain.",
      amended: false,
      amendmentReason: null,
      recordedAt: "2025-03-01T10:00:00.000Z",
      scores: [
        { muscleGroup: "ankle_plantarflexors", side: "left", grade: "1+" },
        { muscleGroup: "ankle_plantarflexors", side: "right", grade: "3" },
      ],
    },
    {
      id: ids.a2,
      assessedOn: "2025-04-12",
      assessorName: "Priya Therapist",
      position: "sitting",
      hoursSinceOralDose: null,
      daysSinceToxin: 30,
      notes: null,
      amended: true,
      amendmentReason: "Left and right swapped",
      recordedAt: "2025-04-13T08:00:00.000Z",
      scores: [{ muscleGroup: "knee_flexors", side: "right", grade: "0" }],
    },
  ],
  logs: [
    { id: ids.log1, date: "2025-05-30", spasticityNrs: 6, pennFrequency: 2, pennSeverity: 1 },
    { id: ids.log2, date: "2025-05-31", spasticityNrs: null, pennFrequency: 0, pennSeverity: null },
  ],
  treatments: {
    oral: [
      {
        id: ids.oral,
        drug: "baclofen",
        drugOther: null,
        dose: "10 mg three times a day",
        startedOn: "2024-11-01",
        stoppedOn: "2025-02-01",
        stopReason: "side_effects",
      },
    ],
    toxin: [
      {
        id: ids.toxin,
        injectedOn: "2025-03-03",
        muscleGroup: "ankle_plantarflexors",
        side: "right",
        units: 200,
        product: "onabotulinumtoxinA",
      },
    ],
    pumps: [{ id: ids.pump, startedOn: "2025-05-01", stoppedOn: null }],
  },
  programs: [
    {
      id: ids.program,
      title: "Calf stretching",
      startDate: "2025-05-01",
      endDate: "2025-06-25",
      endedOn: null,
      lastDay: "2025-06-25",
      status: "active",
      pauses: [{ pausedFrom: "2025-05-10", resumedOn: "2025-05-12" }],
      versions: [
        {
          versionNo: 1,
          effectiveFrom: "2025-05-01",
          createdByName: "Sam Therapist",
          items: [
            {
              exerciseName: "Standing calf stretch",
              kind: "stretch",
              holdSeconds: 30,
              repetitions: 3,
              sets: null,
              sessionsPerDay: 2,
              daysPerWeek: 7,
              side: "both",
            },
          ],
        },
        {
          versionNo: 2,
          effectiveFrom: "2025-05-20",
          createdByName: "Sam Therapist",
          items: [
            {
              exerciseName: "Standing calf stretch",
              kind: "stretch",
              holdSeconds: 40,
              repetitions: 3,
              sets: null,
              sessionsPerDay: 2,
              daysPerWeek: 7,
              side: "both",
            },
          ],
        },
      ],
    },
  ],
};

const resources = (bundle: Bundle) => (bundle.entry ?? []).map((e) => e.resource as Resource);
const masObservations = (bundle: Bundle) =>
  resources(bundle).filter(
    (r): r is Observation =>
      r.resourceType === "Observation" &&
      r.code.coding?.some((c) => c.system === SNOMED && c.code === MAS_SNOMED_CODE) === true,
  );

let validate: ValidateFunction;
let bundle: Bundle;

beforeAll(() => {
  validate = compileR4BundleSchema();
  bundle = buildPatientBundle(input);
});

describe("buildPatientBundle", () => {
  it("is a valid FHIR R4 collection Bundle", () => {
    const ok = validate(bundle);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(bundle.type).toBe("collection");
    expect(bundle.timestamp).toBe(input.generatedAt);
  });

  it("the schema check is real: it rejects a MAS grade sent as a number and an unknown field", () => {
    const broken = structuredClone(bundle);
    const obs = masObservations(broken)[0];
    const coding = obs?.valueCodeableConcept?.coding?.[0] as unknown as Record<string, unknown>;
    coding.code = 2;
    (obs as unknown as Record<string, unknown>).grade = "1+";
    expect(validate(broken)).toBe(false);
    const paths = (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
    const index = broken.entry?.findIndex((e) => e.resource === obs);
    expect(paths).toContain(
      `/entry/${index}/resource/valueCodeableConcept/coding/0/code must be string`,
    );
    expect(paths.some((p) => p.includes("additional properties"))).toBe(true);
  });

  it("gives every entry a urn:uuid fullUrl matching its id, each once", () => {
    const urls = (bundle.entry ?? []).map((e) => e.fullUrl);
    expect(new Set(urls).size).toBe(urls.length);
    for (const entry of bundle.entry ?? []) {
      expect(entry.fullUrl).toMatch(
        /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
      );
      expect(entry.fullUrl).toBe(`urn:uuid:${entry.resource?.id}`);
    }
  });

  it("is deterministic: the same record gives the same ids", () => {
    expect(buildPatientBundle(input)).toEqual(bundle);
    expect(stableUuid("a", "b")).toBe(stableUuid("a", "b"));
    expect(stableUuid("a", "b")).not.toBe(stableUuid("ab"));
  });

  it("exports one MAS Observation per score, 1+ as the code 1+ with ordinal 2", () => {
    const mas = masObservations(bundle);
    expect(mas).toHaveLength(3);
    const grades = mas.map((o) => o.valueCodeableConcept?.coding?.[0]);
    const onePlus = grades.find((c) => c?.code === "1+");
    expect(onePlus?.system).toBe(MAS_GRADE_SYSTEM);
    expect(onePlus?.extension).toEqual([{ url: ORDINAL_VALUE_URL, valueDecimal: 2 }]);
    const three = grades.find((c) => c?.code === "3");
    expect(three?.extension).toEqual([{ url: ORDINAL_VALUE_URL, valueDecimal: 4 }]);
    for (const o of mas) {
      expect(o.category?.[0]?.coding?.[0]).toMatchObject({ code: "exam" });
      expect(typeof o.valueCodeableConcept?.coding?.[0]?.code).toBe("string");
    }
    const first = mas[0];
    expect(first?.effectiveDateTime).toBe("2025-03-01");
    expect(first?.performer).toEqual([{ display: "Sam Therapist" }]);
    expect(first?.bodySite?.text).toBe("Calf (ankle plantarflexors)");
  });

  it("puts the side on every MAS bodySite with the SNOMED laterality code", () => {
    const mas = masObservations(bundle);
    const sides = mas.map((o) => {
      const ext = o.bodySite?.extension?.filter((e) => e.url === STRUCTURE_LATERALITY_URL) ?? [];
      expect(ext).toHaveLength(1);
      const coding = ext[0]?.valueCodeableConcept?.coding?.[0];
      expect(coding?.system).toBe(SNOMED);
      return coding?.code;
    });
    expect(sides).toEqual([LATERALITY.left.code, LATERALITY.right.code, LATERALITY.right.code]);
    expect(LATERALITY).toEqual({
      left: { code: "7771000", display: "Left" },
      right: { code: "24028007", display: "Right" },
    });
  });

  it("marks the scores of a corrected assessment and says why", () => {
    const corrected = masObservations(bundle).filter((o) => o.effectiveDateTime === "2025-04-12");
    expect(corrected).toHaveLength(1);
    expect(corrected[0]?.status).toBe("corrected");
    expect(corrected[0]?.note?.[0]?.text).toBe(
      "Corrected version (reason: Left and right swapped).",
    );
    const original = masObservations(bundle).filter((o) => o.effectiveDateTime === "2025-03-01");
    expect(original.every((o) => o.status === "final")).toBe(true);
  });

  it("exports patient-reported NRS and Penn values, one per logged value, by the patient", () => {
    const reported = resources(bundle).filter(
      (r): r is Observation =>
        r.resourceType === "Observation" && (r.code.text === NRS_TEXT || r.code.text === PENN_TEXT),
    );
    expect(reported.map((o) => [o.code.text, o.effectiveDateTime, o.valueInteger])).toEqual([
      [NRS_TEXT, "2025-05-30", 6],
      [PENN_TEXT, "2025-05-30", 2],
      [PENN_TEXT, "2025-05-31", 0],
    ]);
    for (const o of reported) {
      expect(o.category?.[0]?.coding?.[0]?.code).toBe("survey");
      expect(o.performer?.[0]?.reference).toBe(`urn:uuid:${ids.patient}`);
    }
    expect(reported[1]?.component?.[0]?.valueInteger).toBe(1);
    expect(reported[2]?.component).toBeUndefined();
  });

  it("exports treatments and programs", () => {
    const all = resources(bundle);
    const med = all.find((r) => r.resourceType === "MedicationStatement");
    expect(med).toMatchObject({
      status: "stopped",
      statusReason: [{ text: "Side effects" }],
      medicationCodeableConcept: { text: "Baclofen" },
      dosage: [{ text: "10 mg three times a day" }],
      effectivePeriod: { start: "2024-11-01", end: "2025-02-01" },
    });
    const procedures = all.filter((r): r is Procedure => r.resourceType === "Procedure");
    expect(procedures.map((p) => [p.code?.text, p.status])).toEqual([
      ["Botulinum toxin injection", "completed"],
      ["Intrathecal baclofen pump", "in-progress"],
    ]);
    const toxin = procedures[0];
    expect(toxin?.bodySite?.[0]?.text).toBe("Calf (ankle plantarflexors), right");
    expect(toxin?.note?.[0]?.text).toBe("200 units of onabotulinumtoxinA.");
    const target = toxin?.extension?.[0]?.valueReference?.reference;
    const structure = bundle.entry?.find((e) => e.fullUrl === target)?.resource;
    expect(structure).toMatchObject({
      resourceType: "BodyStructure",
      locationQualifier: [{ coding: [{ system: SNOMED, code: LATERALITY.right.code }] }],
    });

    const plan = all.find((r): r is CarePlan => r.resourceType === "CarePlan");
    expect(plan).toMatchObject({ status: "active", intent: "plan", title: "Calf stretching" });
    expect(plan?.period).toEqual({ start: "2025-05-01", end: "2025-06-25" });
    expect(plan?.activity?.map((a) => [a.detail?.status, a.detail?.scheduledPeriod])).toEqual([
      ["completed", { start: "2025-05-01", end: "2025-05-19" }],
      ["in-progress", { start: "2025-05-20", end: "2025-06-25" }],
    ]);
    expect(plan?.activity?.[1]?.detail).toMatchObject({
      code: { text: "Standing calf stretch" },
      description: "Hold 40 seconds, 3 times, twice a day — left and right",
    });
  });

  it("references resolve to entries of the bundle; every subject is the Patient", () => {
    const urls = new Set((bundle.entry ?? []).map((e) => e.fullUrl));
    const patientUrl = `urn:uuid:${ids.patient}`;
    expect(bundle.entry?.[0]?.resource?.resourceType).toBe("Patient");
    expect(bundle.entry?.[0]?.fullUrl).toBe(patientUrl);
    const refs: string[] = [];
    JSON.stringify(bundle, (key, value) => {
      if (key === "reference" && typeof value === "string") refs.push(value);
      return value;
    });
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(urls.has(ref)).toBe(true);
    for (const r of resources(bundle)) {
      if (r.resourceType === "Patient") continue;
      const subject =
        r.resourceType === "BodyStructure" ? r.patient : (r as { subject?: unknown }).subject;
      expect(subject, r.resourceType).toMatchObject({ reference: patientUrl });
    }
  });
});
