import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import type { AssessmentDto } from "@/lib/data/assessments";
import {
  ASSESSMENT_COLUMNS,
  assessmentRows,
  csvResponse,
  FLAG_COLUMNS,
  flagKeys,
  flagRows,
  LOG_COLUMNS,
  logRows,
  neutralise,
  toCsv,
} from "./csv";

const BOM = "\uFEFF";
const read = (csv: string) => parse(csv, { columns: true, bom: true }) as Record<string, string>[];

describe("neutralise", () => {
  it.each([
    ["=", '=HYPERLINK("http://evil.example","x")'],
    ["+", "+1 555 0100"],
    ["-", "-2+3"],
    ["@", "@SUM(A1:A2)"],
    ["tab", "\t=1+1"],
    ["carriage return", "\r=1+1"],
  ])("prefixes an apostrophe to text starting with %s", (_name, text) => {
    expect(neutralise(text)).toBe(`'${text}`);
  });

  it("leaves other text, the empty string and null alone", () => {
    for (const text of ["Left calf tighter", "1+", "2024-05-01", "", " =not first", "'quoted"]) {
      expect(neutralise(text)).toBe(text);
    }
    expect(neutralise(null)).toBeNull();
    expect(neutralise(undefined)).toBeNull();
  });

  it("only looks at the first character", () => {
    expect(neutralise("a=b")).toBe("a=b");
    expect(neutralise("note\n=HYPERLINK()")).toBe("note\n=HYPERLINK()");
  });
});

describe("toCsv", () => {
  const columns = ["when", "day", "n", "flag", "text", "empty"] as const;

  it("starts with a UTF-8 BOM that csv-parse (bom: true) reads back", () => {
    const csv = toCsv([{ when: null, day: "", n: 1, flag: true, text: "é", empty: null }], columns);
    expect(csv.startsWith(BOM)).toBe(true);
    expect(Buffer.from(csv, "utf8").subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const [row] = read(csv);
    expect(Object.keys(row ?? {})).toEqual([...columns]);
    expect(row?.text).toBe("é");
  });

  it("writes dates as ISO 8601: Date cells as instants, date strings untouched", () => {
    const csv = toCsv(
      [
        {
          when: new Date("2025-03-04T05:06:07.089Z"),
          day: "2025-03-04",
          n: -3,
          flag: false,
          text: "1+",
          empty: undefined,
        },
      ],
      columns,
    );
    expect(read(csv)).toEqual([
      {
        when: "2025-03-04T05:06:07.089Z",
        day: "2025-03-04",
        n: "-3",
        flag: "false",
        text: "1+",
        empty: "",
      },
    ]);
    // Grades are written as bare text: 1+ stays 1+, not a number or a quoted formula.
    expect(csv).toContain(",1+,");
  });

  it("writes the header even with no rows, and CRLF line ends", () => {
    expect(toCsv([], columns)).toBe(`${BOM}when,day,n,flag,text,empty\r\n`);
  });

  it("round-trips commas, quotes and line breaks inside a cell", () => {
    const text = 'He said "stiff, then easy"\nnext line\rand a lone CR';
    const csv = toCsv(
      [{ when: null, day: "2025-01-01", n: 0, flag: true, text, empty: null }],
      columns,
    );
    const rows = read(csv);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.text).toBe(text);
  });
});

const version = (over: Partial<AssessmentDto>): AssessmentDto => ({
  id: "a1",
  rootId: "a1",
  supersedesId: null,
  assessedOn: "2025-01-10",
  seq: 1,
  assessorName: "Sam Okafor",
  position: "supine",
  hoursSinceOralDose: null,
  daysSinceToxin: null,
  fasciculations: false,
  weakness: false,
  wasting: false,
  notes: null,
  amendmentReason: null,
  recordedAt: "2025-01-10T09:00:00.000Z",
  amended: false,
  scores: [],
  ...over,
});

describe("assessmentRows", () => {
  it("writes one row per score of every version, with version and status", () => {
    const original = version({
      scores: [
        { muscleGroup: "knee_flexors", side: "left", grade: "1+" },
        { muscleGroup: "hip_flexors", side: "right", grade: "2" },
        { muscleGroup: "hip_flexors", side: "left", grade: "1" },
      ],
      notes: "=cmd|' /C calc'!A0",
    });
    const correction1 = version({
      id: "a2",
      supersedesId: "a1",
      seq: 5,
      amended: true,
      amendmentReason: "-sides swapped",
      recordedAt: "2025-01-11T09:00:00.000Z",
      assessorName: "@Priya",
      scores: [{ muscleGroup: "knee_flexors", side: "right", grade: "1+" }],
    });
    const correction2 = version({
      id: "a3",
      supersedesId: "a2",
      seq: 7,
      amended: true,
      assessedOn: "2025-01-09",
      amendmentReason: "Wrong date",
      scores: [{ muscleGroup: "knee_flexors", side: "right", grade: "1+" }],
    });
    const other = version({
      id: "b1",
      rootId: "b1",
      seq: 3,
      assessedOn: "2025-02-01",
      scores: [{ muscleGroup: "ankle_plantarflexors", side: "left", grade: "3" }],
    });
    const rows = assessmentRows([other, correction2, original, correction1]);
    expect(
      rows.map((r) => [r.assessment_id, r.version, r.status, r.muscle_group, r.side, r.grade]),
    ).toEqual([
      ["a1", "original", "superseded", "hip_flexors", "left", "1"],
      ["a1", "original", "superseded", "hip_flexors", "right", "2"],
      ["a1", "original", "superseded", "knee_flexors", "left", "1+"],
      ["a2", "correction 1", "superseded", "knee_flexors", "right", "1+"],
      ["a3", "correction 2", "current", "knee_flexors", "right", "1+"],
      ["b1", "original", "current", "ankle_plantarflexors", "left", "3"],
    ]);
    expect(rows[0]?.notes).toBe("'=cmd|' /C calc'!A0");
    expect(rows[0]?.muscle_group_label).toBe("Hip flexors");
    expect(rows[3]?.amendment_reason).toBe("'-sides swapped");
    expect(rows[3]?.assessor).toBe("'@Priya");
    expect(rows[4]?.root_id).toBe("a1");
    expect(rows[4]?.assessed_on).toBe("2025-01-09");
    expect(rows[4]?.recorded_at).toBe("2025-01-10T09:00:00.000Z");

    const parsed = read(toCsv(rows, ASSESSMENT_COLUMNS));
    expect(parsed.map((r) => r.grade)).toEqual(["1", "2", "1+", "1+", "1+", "3"]);
    expect(parsed[0]?.notes).toBe("'=cmd|' /C calc'!A0");
  });
});

describe("logRows", () => {
  it("joins codes with semicolons, totals sessions and neutralises the note", () => {
    const rows = logRows([
      {
        date: "2025-01-02",
        spasticityNrs: 4,
        pain: null,
        pennFrequency: 2,
        pennSeverity: 1,
        symptoms: ["spasm", "cramp"],
        triggers: [],
        newWeakness: false,
        wasting: true,
        relief: ["massage_gun"],
        waterGlasses: 6,
        note: "+ felt worse",
        items: [
          { programItemId: "i1", sessionsDone: 2 },
          { programItemId: "i2", sessionsDone: 1 },
        ],
      },
    ]);
    const [row] = read(toCsv(rows, LOG_COLUMNS));
    expect(row).toEqual({
      date: "2025-01-02",
      spasticity_nrs: "4",
      pain: "",
      penn_frequency: "2",
      penn_severity: "1",
      symptoms: "spasm; cramp",
      triggers: "",
      new_weakness: "false",
      wasting: "true",
      relief: "massage_gun",
      water_glasses: "6",
      sessions_done: "3",
      note: "'+ felt worse",
    });
  });
});

describe("flagRows", () => {
  it("writes the title in words, the keys as codes and neutralises names and reasons", () => {
    const rows = flagRows([
      {
        patientName: "=Maria Lopez",
        kind: "BOTOX_REFERRAL",
        action: null,
        keys: [
          { muscleGroup: "ankle_plantarflexors", side: "left" },
          { muscleGroup: "knee_flexors", side: "right" },
        ],
        status: "open",
        raisedOn: "2025-01-05",
        reason: "-MAS 3 persistent",
      },
    ]);
    const [row] = read(toCsv(rows, FLAG_COLUMNS));
    expect(row).toEqual({
      patient_name: "'=Maria Lopez",
      kind: "BOTOX_REFERRAL",
      title: "Consider botulinum toxin referral",
      action: "",
      keys: "ankle_plantarflexors:left; knee_flexors:right",
      status: "open",
      raised_on: "2025-01-05",
      reason: "'-MAS 3 persistent",
    });
    expect(flagKeys([])).toBe("");
  });
});

describe("csvResponse", () => {
  it("is a no-store attachment of type text/csv with a safe filename", async () => {
    const response = csvResponse(`${BOM}a\r\n1\r\n`, 'x"; evil.csv');
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="x___evil.csv"');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });
});
