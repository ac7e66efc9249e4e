import { stringify } from "csv-stringify/sync";
import type { Key } from "@/lib/clinical/escalation";
import { flagTitle } from "@/lib/clinical/flag-labels";
import { MUSCLE_GROUP_INFO, MUSCLE_GROUPS, SIDES } from "@/lib/clinical/mas";
// Type-only: the DTOs the data layer hands out. Nothing of the server-only modules is loaded.
import type { AssessmentDto } from "@/lib/data/assessments";
import type { FlagDto } from "@/lib/data/flags";
import type { LogDto } from "@/lib/data/logs";

/** What a cell may hold before it is written: dates become ISO 8601, null and undefined empty. */
export type CsvValue = string | number | boolean | Date | null | undefined;

// A spreadsheet runs a cell that starts with one of these as a formula (or, for tab and carriage
// return, trims them and then runs what follows): `=HYPERLINK(…)` in a note would become a link.
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Defuse spreadsheet formula injection (OWASP "CSV injection"): text starting with `=`, `+`, `-`,
 * `@`, tab or carriage return gets a leading apostrophe, so a spreadsheet shows it as text. For
 * free text people typed (notes, reasons, names, referral targets), never for ISO dates or
 * numbers, whose leading `-` is meaningful.
 */
export function neutralise(text: string): string;
export function neutralise(text: string | null | undefined): string | null;
export function neutralise(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * Rows as CSV: a header line of the column names, then one line per row in column order. UTF-8
 * with a byte order mark (so Excel reads accents and dashes as UTF-8), CRLF line ends (RFC 4180),
 * Date cells as ISO 8601 instants, booleans as true/false, null as an empty cell. Values are not
 * neutralised here: the row builders do it for the free-text columns only.
 */
export function toCsv<C extends string>(
  rows: readonly Record<C, CsvValue>[],
  columns: readonly C[],
): string {
  return stringify([...rows], {
    bom: true,
    header: true,
    columns: [...columns],
    record_delimiter: "windows",
    // Also quote a lone \n or \r inside a field (notes keep their line breaks).
    quote_record_delimiter: true,
    cast: {
      date: (value) => value.toISOString(),
      boolean: (value) => (value ? "true" : "false"),
    },
  });
}

const muscleOrder = (muscleGroup: string) => MUSCLE_GROUPS.indexOf(muscleGroup as never);
const sideOrder = (side: string) => SIDES.indexOf(side as never);

// ---------------------------------------------------------------------------------------------
// Assessments: one row per score of every version.

export const ASSESSMENT_COLUMNS = [
  "assessment_id",
  "root_id",
  "version",
  "status",
  "assessed_on",
  "recorded_at",
  "assessor",
  "position",
  "muscle_group",
  "muscle_group_label",
  "side",
  "grade",
  "amendment_reason",
  "notes",
] as const;
export type AssessmentCsvRow = Record<(typeof ASSESSMENT_COLUMNS)[number], CsvValue>;

/**
 * Every version of a patient's assessments, one row per score. A version is "original" or
 * "correction N" (N-th correction of its root, in recording order); it is "superseded" when a
 * later version corrects it, else "current". Assessments run in order of their current version's
 * date, versions oldest first, scores in the grid's order. Grades stay codes: "1+" is text.
 */
export function assessmentRows(versions: readonly AssessmentDto[]): AssessmentCsvRow[] {
  const superseded = new Set(versions.flatMap((v) => (v.supersedesId ? [v.supersedesId] : [])));
  const byRoot = new Map<string, AssessmentDto[]>();
  for (const v of versions) {
    const list = byRoot.get(v.rootId);
    if (list) list.push(v);
    else byRoot.set(v.rootId, [v]);
  }
  const groups = [...byRoot.values()].map((list) => {
    const ordered = [...list].sort((a, b) => a.seq - b.seq);
    const current = ordered.find((v) => !superseded.has(v.id)) ?? ordered[ordered.length - 1];
    return { ordered, sortDate: current?.assessedOn ?? "", firstSeq: ordered[0]?.seq ?? 0 };
  });
  groups.sort((a, b) => a.sortDate.localeCompare(b.sortDate) || a.firstSeq - b.firstSeq);

  const rows: AssessmentCsvRow[] = [];
  for (const { ordered } of groups) {
    ordered.forEach((v, index) => {
      const scores = [...v.scores].sort(
        (a, b) =>
          muscleOrder(a.muscleGroup) - muscleOrder(b.muscleGroup) ||
          sideOrder(a.side) - sideOrder(b.side),
      );
      for (const s of scores) {
        rows.push({
          assessment_id: v.id,
          root_id: v.rootId,
          version: index === 0 ? "original" : `correction ${index}`,
          status: superseded.has(v.id) ? "superseded" : "current",
          assessed_on: v.assessedOn,
          recorded_at: v.recordedAt,
          assessor: neutralise(v.assessorName),
          position: v.position,
          muscle_group: s.muscleGroup,
          muscle_group_label: MUSCLE_GROUP_INFO[s.muscleGroup].label,
          side: s.side,
          grade: s.grade,
          amendment_reason: neutralise(v.amendmentReason),
          notes: neutralise(v.notes),
        });
      }
    });
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Daily logs: one row per log.

export const LOG_COLUMNS = [
  "date",
  "spasticity_nrs",
  "pain",
  "penn_frequency",
  "penn_severity",
  "symptoms",
  "triggers",
  "new_weakness",
  "wasting",
  "relief",
  "water_glasses",
  "sessions_done",
  "note",
] as const;
export type LogCsvRow = Record<(typeof LOG_COLUMNS)[number], CsvValue>;

/** Codes of a multi-choice answer, in one cell: "spasm; cramp". */
const joinCodes = (codes: readonly string[]) => codes.join("; ");

/** One row per daily log, oldest first; sessions_done is the day's total over all exercises. */
export function logRows(logs: readonly Omit<LogDto, "id" | "updatedAt">[]): LogCsvRow[] {
  return [...logs]
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((l) => ({
      date: l.date,
      spasticity_nrs: l.spasticityNrs,
      pain: l.pain,
      penn_frequency: l.pennFrequency,
      penn_severity: l.pennSeverity,
      symptoms: joinCodes(l.symptoms),
      triggers: joinCodes(l.triggers),
      new_weakness: l.newWeakness,
      wasting: l.wasting,
      relief: joinCodes(l.relief),
      water_glasses: l.waterGlasses,
      sessions_done: l.items.reduce((sum, i) => sum + i.sessionsDone, 0),
      note: neutralise(l.note),
    }));
}

// ---------------------------------------------------------------------------------------------
// Clinic flags: one row per flag.

export const FLAG_COLUMNS = [
  "patient_name",
  "kind",
  "title",
  "action",
  "keys",
  "status",
  "raised_on",
  "reason",
] as const;
export type FlagCsvRow = Record<(typeof FLAG_COLUMNS)[number], CsvValue>;

export type FlagCsvInput = Pick<
  FlagDto,
  "patientName" | "kind" | "action" | "keys" | "status" | "raisedOn" | "reason"
>;

/** Muscle group and side codes of a flag: "ankle_plantarflexors:left; knee_flexors:right". */
export const flagKeys = (keys: readonly Key[]) =>
  keys.map((k) => `${k.muscleGroup}:${k.side}`).join("; ");

/** One row per flag, in the order given. The title is the words a clinician reads. */
export function flagRows(list: readonly FlagCsvInput[]): FlagCsvRow[] {
  return list.map((f) => ({
    patient_name: neutralise(f.patientName),
    kind: f.kind,
    title: flagTitle(f.kind, f.action),
    action: f.action,
    keys: flagKeys(f.keys),
    status: f.status,
    raised_on: f.raisedOn,
    reason: neutralise(f.reason),
  }));
}

// ---------------------------------------------------------------------------------------------
// HTTP

/** The download response of an export: never cached (patient data), saved under `filename`. */
export function csvResponse(csv: string, filename: string): Response {
  // Filenames are built by the data layer from codes, dates and ids; strip anything that could
  // break out of the quoted header value anyway.
  const safe = filename.replace(/[^A-Za-z0-9._-]/g, "_");
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${safe}"`,
      "cache-control": "no-store",
    },
  });
}
