/**
 * FHIR R4 export of one patient's record as a `collection` Bundle. Pure: the caller (the DAL)
 * gathers and authorizes the data; this file only maps it. Resource ids are the database ids, or
 * name-based UUIDs derived from them where one row becomes several resources (a MAS score, the NRS
 * and Penn values of one log), so exporting the same record twice gives the same ids.
 *
 * Codes: only codes fixed by CLINICAL.md §2 or that we are sure of (SNOMED CT "Modified Ashworth
 * Scale", left/right, multiple sclerosis). Muscle groups, drugs and exercises are sent as text
 * rather than with codes we cannot vouch for.
 */
import { createHash } from "node:crypto";
import type {
  BodyStructure,
  Bundle,
  BundleEntry,
  CarePlan,
  CarePlanActivity,
  CodeableConcept,
  Condition,
  Extension,
  MedicationStatement,
  Observation,
  Patient,
  Procedure,
  Reference,
  Resource,
} from "@medplum/fhirtypes";
import { addDays } from "@/lib/clinical/dates";
import { type Dosage, describeDosage } from "@/lib/clinical/dosage";
import {
  MAS_MEANING,
  type MasGrade,
  MUSCLE_GROUP_INFO,
  type MuscleGroup,
  masRank,
  POSITION_LABEL,
  type Position,
  type Side,
} from "@/lib/clinical/mas";
import type { ProgramStatus } from "@/lib/clinical/program-schedule";
import { MS_TYPE_LABELS, type MsType } from "@/lib/validation/patient";
import { type OralDrug, STOP_REASON_LABEL, type StopReason } from "@/lib/validation/treatment";

export const SNOMED = "http://snomed.info/sct";
export const MAS_SNOMED_CODE = "765771006";
/** Our own code system for the six MAS grades: the code is the grade as written ("1+"). */
export const MAS_GRADE_SYSTEM = "https://spasticity-portal.example/fhir/CodeSystem/mas-grade";
/** Our own code system for the patient-reported scales, which have no standard code we know of. */
export const PATIENT_REPORTED_SYSTEM =
  "https://spasticity-portal.example/fhir/CodeSystem/patient-reported";
export const ORDINAL_VALUE_URL = "http://hl7.org/fhir/StructureDefinition/ordinalValue";
/** FHIR extensions pack; its context is Observation.bodySite. */
export const STRUCTURE_LATERALITY_URL =
  "http://hl7.org/fhir/StructureDefinition/observation-structureLaterality";
export const BODY_POSITION_URL = "http://hl7.org/fhir/StructureDefinition/observation-bodyPosition";
export const TARGET_BODY_STRUCTURE_URL =
  "http://hl7.org/fhir/StructureDefinition/procedure-targetBodyStructure";
const OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";

export const LATERALITY: Record<Side, { code: string; display: string }> = {
  left: { code: "7771000", display: "Left" },
  right: { code: "24028007", display: "Right" },
};

export const NRS_TEXT = "Spasticity numeric rating scale (0–10), patient-reported";
export const PENN_TEXT = "Penn Spasm Frequency Scale";
const PENN_SEVERITY_TEXT = "Penn Spasm Severity Scale";

// ----- input: what the DAL gathers (its DTOs fit these shapes) -----

export interface FhirPatientInput {
  id: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  msType: MsType;
  diagnosisYear: number | null;
}

export interface FhirAssessmentInput {
  id: string;
  assessedOn: string;
  assessorName: string;
  position: Position;
  hoursSinceOralDose: number | null;
  daysSinceToxin: number | null;
  notes: string | null;
  /** True when this version corrects an earlier one. */
  amended: boolean;
  amendmentReason: string | null;
  /** When this version was recorded (ISO instant). */
  recordedAt: string;
  scores: { muscleGroup: MuscleGroup; side: Side; grade: MasGrade }[];
}

export interface FhirLogInput {
  id: string;
  date: string;
  spasticityNrs: number | null;
  pennFrequency: number | null;
  pennSeverity: number | null;
}

export interface FhirTreatmentsInput {
  oral: {
    id: string;
    drug: OralDrug;
    drugOther: string | null;
    dose: string;
    startedOn: string;
    stoppedOn: string | null;
    stopReason: StopReason | null;
  }[];
  toxin: {
    id: string;
    injectedOn: string;
    muscleGroup: MuscleGroup;
    side: Side;
    units: number;
    product: string;
  }[];
  pumps: { id: string; startedOn: string; stoppedOn: string | null }[];
}

export interface FhirProgramInput {
  id: string;
  title: string;
  startDate: string;
  endDate: string;
  endedOn: string | null;
  /** The planned end, or the day it was ended early. */
  lastDay: string;
  status: ProgramStatus;
  pauses: { pausedFrom: string; resumedOn: string | null }[];
  versions: {
    versionNo: number;
    effectiveFrom: string;
    createdByName: string;
    items: (Dosage & { exerciseName: string })[];
  }[];
}

export interface PatientBundleInput {
  /** The Bundle's timestamp (ISO instant). */
  generatedAt: string;
  /** The clinic's today (YYYY-MM-DD): decides which program versions are past, current or future. */
  today: string;
  patient: FhirPatientInput;
  /** Effective (latest-version) assessments only. */
  assessments: FhirAssessmentInput[];
  logs: FhirLogInput[];
  treatments: FhirTreatmentsInput;
  programs: FhirProgramInput[];
}

// ----- helpers -----

const ID_NAMESPACE = "spasticity-portal/fhir-export/v1";

/** A name-based UUID (SHA-1, version 5 layout): the same parts always give the same id. */
export function stableUuid(...parts: string[]): string {
  const hash = createHash("sha1").update(ID_NAMESPACE).update("\0").update(parts.join("\0"));
  const bytes = hash.digest().subarray(0, 16);
  bytes.writeUInt8((bytes.readUInt8(6) & 0x0f) | 0x50, 6);
  bytes.writeUInt8((bytes.readUInt8(8) & 0x3f) | 0x80, 8);
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const fullUrlOf = (id: string) => `urn:uuid:${id}`;

const category = (code: "exam" | "survey", display: string): CodeableConcept[] => [
  { coding: [{ system: OBSERVATION_CATEGORY, code, display }] },
];

const lateralityConcept = (side: Side): CodeableConcept => ({
  coding: [{ system: SNOMED, code: LATERALITY[side].code, display: LATERALITY[side].display }],
  text: LATERALITY[side].display,
});

const masCode: CodeableConcept = {
  coding: [{ system: SNOMED, code: MAS_SNOMED_CODE, display: "Modified Ashworth Scale" }],
  text: "Modified Ashworth Scale",
};

/** The grade as a code of our system; the rank (1+ → 2) goes in the Coding's ordinalValue. */
const masGradeConcept = (grade: MasGrade): CodeableConcept => ({
  coding: [
    {
      extension: [{ url: ORDINAL_VALUE_URL, valueDecimal: masRank(grade) }],
      system: MAS_GRADE_SYSTEM,
      code: grade,
      display: MAS_MEANING[grade],
    },
  ],
  text: `MAS ${grade}`,
});

const DRUG_NAME: Record<Exclude<OralDrug, "other">, string> = {
  baclofen: "Baclofen",
  gabapentin: "Gabapentin",
  tizanidine: "Tizanidine",
  dantrolene: "Dantrolene",
  nabiximols: "Nabiximols",
};

const CARE_PLAN_STATUS: Record<ProgramStatus, CarePlan["status"]> = {
  planned: "active",
  active: "active",
  paused: "on-hold",
  ended: "completed",
};

const keyText = (muscleGroup: MuscleGroup, side: Side) =>
  `${MUSCLE_GROUP_INFO[muscleGroup].label}, ${side}`;

function assessmentContext(a: FhirAssessmentInput): string | null {
  const parts: string[] = [];
  if (a.hoursSinceOralDose !== null)
    parts.push(`${a.hoursSinceOralDose} h since the last oral antispasticity dose`);
  if (a.daysSinceToxin !== null)
    parts.push(`${a.daysSinceToxin} days since the last botulinum toxin injection`);
  return parts.length > 0 ? `${parts.join("; ")}.` : null;
}

/**
 * The days each version of a program was (or will be) in force, as in CLINICAL §6: from its
 * effective date to the day before the next version's, capped at the program's last day. A
 * version replaced on its own effective date, or starting after the program ended, never was.
 */
function versionSpans(program: FhirProgramInput) {
  const sorted = [...program.versions].sort(
    (a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom) || a.versionNo - b.versionNo,
  );
  const spans: { version: FhirProgramInput["versions"][number]; start: string; end: string }[] = [];
  sorted.forEach((version, i) => {
    const next = sorted[i + 1];
    if (next && next.effectiveFrom === version.effectiveFrom) return;
    const start =
      version.effectiveFrom < program.startDate ? program.startDate : version.effectiveFrom;
    const untilNext = next ? addDays(next.effectiveFrom, -1) : program.lastDay;
    const end = untilNext < program.lastDay ? untilNext : program.lastDay;
    if (start > end) return;
    spans.push({ version, start, end });
  });
  return spans;
}

type ActivityStatus = NonNullable<CarePlanActivity["detail"]>["status"];

function activityStatus(
  program: FhirProgramInput,
  span: { start: string; end: string },
  today: string,
): ActivityStatus {
  if (span.end < today) return "completed";
  if (span.start > today) return "not-started";
  return program.status === "paused" ? "on-hold" : "in-progress";
}

// ----- the builder -----

export function buildPatientBundle(input: PatientBundleInput): Bundle {
  const { patient } = input;
  const patientUrl = fullUrlOf(patient.id);
  const patientName = `${patient.givenName} ${patient.familyName}`;
  const subject: Reference<Patient> = { reference: patientUrl, display: patientName };
  const entries: BundleEntry[] = [];
  const add = (resource: Resource & { id: string }) =>
    entries.push({ fullUrl: fullUrlOf(resource.id), resource });

  add({
    resourceType: "Patient",
    id: patient.id,
    name: [{ use: "official", family: patient.familyName, given: [patient.givenName] }],
    birthDate: patient.dateOfBirth,
  } satisfies Patient);

  const conditionId = stableUuid("condition", "multiple-sclerosis", patient.id);
  const conditionRef: Reference<Condition> = {
    reference: fullUrlOf(conditionId),
    display: "Multiple sclerosis",
  };
  add({
    resourceType: "Condition",
    id: conditionId,
    clinicalStatus: {
      coding: [
        { system: "http://terminology.hl7.org/CodeSystem/condition-clinical", code: "active" },
      ],
    },
    verificationStatus: {
      coding: [
        {
          system: "http://terminology.hl7.org/CodeSystem/condition-ver-status",
          code: "confirmed",
        },
      ],
    },
    category: [
      {
        coding: [
          {
            system: "http://terminology.hl7.org/CodeSystem/condition-category",
            code: "problem-list-item",
            display: "Problem List Item",
          },
        ],
      },
    ],
    code: {
      coding: [{ system: SNOMED, code: "24700007", display: "Multiple sclerosis" }],
      text: `Multiple sclerosis: ${MS_TYPE_LABELS[patient.msType]}`,
    },
    subject,
    ...(patient.diagnosisYear !== null ? { onsetDateTime: String(patient.diagnosisYear) } : {}),
  } satisfies Condition);

  // One Observation per MAS score of each effective assessment version.
  for (const a of input.assessments) {
    const notes: string[] = [];
    if (a.amended) notes.push(`Corrected version (reason: ${a.amendmentReason ?? "not given"}).`);
    const context = assessmentContext(a);
    if (context) notes.push(context);
    if (a.notes) notes.push(a.notes);
    for (const score of a.scores) {
      add({
        resourceType: "Observation",
        id: stableUuid("mas-score", a.id, score.muscleGroup, score.side),
        // A correction of a finalised result is "corrected" in FHIR; the note says why.
        status: a.amended ? "corrected" : "final",
        category: category("exam", "Exam"),
        code: masCode,
        subject,
        effectiveDateTime: a.assessedOn,
        issued: a.recordedAt,
        performer: [{ display: a.assessorName }],
        valueCodeableConcept: masGradeConcept(score.grade),
        bodySite: {
          extension: [
            { url: STRUCTURE_LATERALITY_URL, valueCodeableConcept: lateralityConcept(score.side) },
          ],
          text: MUSCLE_GROUP_INFO[score.muscleGroup].label,
        },
        extension: [
          { url: BODY_POSITION_URL, valueCodeableConcept: { text: POSITION_LABEL[a.position] } },
        ],
        ...(notes.length > 0 ? { note: notes.map((text) => ({ text })) } : {}),
      } satisfies Observation);
    }
  }

  // Patient-reported values of the home logs: one Observation per value logged.
  const reportedBy: Reference<Patient>[] = [{ reference: patientUrl, display: patientName }];
  for (const log of input.logs) {
    if (log.spasticityNrs !== null) {
      add({
        resourceType: "Observation",
        id: stableUuid("log", log.id, "spasticity-nrs"),
        status: "final",
        category: category("survey", "Survey"),
        code: {
          coding: [{ system: PATIENT_REPORTED_SYSTEM, code: "spasticity-nrs", display: NRS_TEXT }],
          text: NRS_TEXT,
        },
        subject,
        effectiveDateTime: log.date,
        performer: reportedBy,
        valueInteger: log.spasticityNrs,
      } satisfies Observation);
    }
    if (log.pennFrequency !== null) {
      const severity = log.pennFrequency > 0 && log.pennSeverity !== null ? log.pennSeverity : null;
      add({
        resourceType: "Observation",
        id: stableUuid("log", log.id, "penn-spasm-frequency"),
        status: "final",
        category: category("survey", "Survey"),
        code: {
          coding: [
            { system: PATIENT_REPORTED_SYSTEM, code: "penn-spasm-frequency", display: PENN_TEXT },
          ],
          text: PENN_TEXT,
        },
        subject,
        effectiveDateTime: log.date,
        performer: reportedBy,
        valueInteger: log.pennFrequency,
        ...(severity !== null
          ? {
              component: [
                {
                  code: {
                    coding: [
                      {
                        system: PATIENT_REPORTED_SYSTEM,
                        code: "penn-spasm-severity",
                        display: PENN_SEVERITY_TEXT,
                      },
                    ],
                    text: PENN_SEVERITY_TEXT,
                  },
                  valueInteger: severity,
                },
              ],
            }
          : {}),
      } satisfies Observation);
    }
  }

  for (const t of input.treatments.oral) {
    const name =
      t.drug === "other" ? (t.drugOther ?? "Other antispasticity drug") : DRUG_NAME[t.drug];
    add({
      resourceType: "MedicationStatement",
      id: t.id,
      status: t.stoppedOn === null ? "active" : t.stopReason ? "stopped" : "completed",
      ...(t.stoppedOn !== null && t.stopReason
        ? { statusReason: [{ text: STOP_REASON_LABEL[t.stopReason] }] }
        : {}),
      medicationCodeableConcept: { text: name },
      subject,
      effectivePeriod: { start: t.startedOn, ...(t.stoppedOn ? { end: t.stoppedOn } : {}) },
      reasonReference: [conditionRef],
      dosage: [{ text: t.dose }],
    } satisfies MedicationStatement);
  }

  // The side of an injection: a BodyStructure per injected muscle group and side (R4 has no
  // laterality extension for Procedure.bodySite), referenced from each Procedure.
  const bodyStructures = new Map<string, string>();
  for (const t of input.treatments.toxin) {
    const key = `${t.muscleGroup}:${t.side}`;
    if (bodyStructures.has(key)) continue;
    const id = stableUuid("body-structure", patient.id, t.muscleGroup, t.side);
    bodyStructures.set(key, id);
    add({
      resourceType: "BodyStructure",
      id,
      description: keyText(t.muscleGroup, t.side),
      location: { text: MUSCLE_GROUP_INFO[t.muscleGroup].label },
      locationQualifier: [lateralityConcept(t.side)],
      patient: subject,
    } satisfies BodyStructure);
  }
  for (const t of input.treatments.toxin) {
    const structureId = bodyStructures.get(`${t.muscleGroup}:${t.side}`);
    add({
      resourceType: "Procedure",
      id: t.id,
      ...(structureId
        ? {
            extension: [
              {
                url: TARGET_BODY_STRUCTURE_URL,
                valueReference: { reference: fullUrlOf(structureId) },
              },
            ] satisfies Extension[],
          }
        : {}),
      status: "completed",
      code: { text: "Botulinum toxin injection" },
      subject,
      performedDateTime: t.injectedOn,
      reasonReference: [conditionRef],
      bodySite: [{ text: keyText(t.muscleGroup, t.side) }],
      note: [{ text: `${t.units} units of ${t.product}.` }],
    } satisfies Procedure);
  }

  for (const p of input.treatments.pumps) {
    add({
      resourceType: "Procedure",
      id: p.id,
      status: p.stoppedOn === null ? "in-progress" : "completed",
      code: { text: "Intrathecal baclofen pump" },
      subject,
      performedPeriod: { start: p.startedOn, ...(p.stoppedOn ? { end: p.stoppedOn } : {}) },
      reasonReference: [conditionRef],
    } satisfies Procedure);
  }

  // A program is a CarePlan; each item of each version that was in force is an activity, with
  // the days it applies.
  for (const program of input.programs) {
    const notes: string[] = [];
    if (program.endedOn && program.endedOn < program.endDate)
      notes.push(`Ended early on ${program.endedOn} (planned end ${program.endDate}).`);
    for (const pause of program.pauses)
      notes.push(
        pause.resumedOn
          ? `Paused from ${pause.pausedFrom}, resumed ${pause.resumedOn}.`
          : `Paused from ${pause.pausedFrom}.`,
      );
    const activity: CarePlanActivity[] = versionSpans(program).flatMap(({ version, start, end }) =>
      version.items.map((item) => ({
        detail: {
          status: activityStatus(program, { start, end }, input.today),
          code: { text: item.exerciseName },
          scheduledPeriod: { start, end },
          description: describeDosage(item),
        },
      })),
    );
    const author = program.versions.find((v) => v.versionNo === 1) ?? program.versions[0];
    add({
      resourceType: "CarePlan",
      id: program.id,
      status: CARE_PLAN_STATUS[program.status],
      intent: "plan",
      category: [{ text: "Home exercise program" }],
      title: program.title,
      subject,
      period: { start: program.startDate, end: program.lastDay },
      ...(author ? { author: { display: author.createdByName } } : {}),
      addresses: [conditionRef],
      ...(activity.length > 0 ? { activity } : {}),
      ...(notes.length > 0 ? { note: notes.map((text) => ({ text })) } : {}),
    } satisfies CarePlan);
  }

  return {
    resourceType: "Bundle",
    type: "collection",
    timestamp: input.generatedAt,
    entry: entries,
  };
}
