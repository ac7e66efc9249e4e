import { PDFParse } from "pdf-parse";
import { describe, expect, it } from "vitest";
import {
  latestGrades,
  pdfSafe,
  type ReferralPacketData,
  renderReferralPacket,
  weeklyNrs,
} from "./referral-packet";

async function textOf(pdf: Buffer): Promise<{ text: string; pages: number }> {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    const result = await parser.getText();
    return { text: result.text, pages: result.total };
  } finally {
    await parser.destroy();
  }
}

const base: ReferralPacketData = {
  generatedOn: "2026-03-12",
  generatedBy: "Sam Taylor",
  clinicName: "Test Clinic",
  patient: {
    givenName: "Ana",
    familyName: "Quintero",
    dateOfBirth: "1979-04-12",
    age: 46,
    msType: "SPMS",
    diagnosisYear: 2004,
    therapistName: "Sam Taylor",
  },
  flag: {
    kind: "BOTOX_REFERRAL",
    action: null,
    keys: [
      { muscleGroup: "ankle_plantarflexors", side: "left" },
      { muscleGroup: "wrist_flexors", side: "right" },
    ],
    reason:
      "Focal persistent high tone (MAS 3 or more for 28 days or more): L calf, R wrist flexors.",
    status: "open",
    raisedOn: "2026-03-01",
    statusByName: null,
    statusAt: null,
    resolutionNote: null,
    referralTarget: null,
    referralDate: null,
    referralGoal: null,
  },
  adherence: [
    { days: 7, ratio: 0.4 },
    { days: 14, ratio: 0.35 },
    { days: 28, ratio: null },
  ],
  assessments: [
    {
      assessedOn: "2025-11-01",
      scores: [
        { muscleGroup: "ankle_plantarflexors", side: "left", grade: "1+" },
        { muscleGroup: "hip_flexors", side: "left", grade: "1" },
      ],
    },
    {
      assessedOn: "2026-01-10",
      scores: [
        { muscleGroup: "ankle_plantarflexors", side: "left", grade: "3" },
        { muscleGroup: "wrist_flexors", side: "right", grade: "2" },
      ],
    },
    {
      assessedOn: "2026-02-20",
      scores: [
        { muscleGroup: "ankle_plantarflexors", side: "left", grade: "3" },
        { muscleGroup: "wrist_flexors", side: "right", grade: "4" },
      ],
    },
  ],
  nrs: [
    { date: "2026-03-10", nrs: 6 },
    { date: "2026-03-11", nrs: 7 },
    { date: "2026-02-20", nrs: 4 },
  ],
  treatments: {
    oral: [
      {
        drug: "baclofen",
        drugOther: null,
        dose: "10 mg three times a day",
        startedOn: "2025-06-01",
        stoppedOn: "2025-09-01",
        stopReason: "side_effects",
      },
    ],
    toxin: [
      {
        injectedOn: "2025-05-01",
        muscleGroup: "ankle_plantarflexors",
        side: "right",
        units: 200,
        product: "Botox (onabotulinumtoxinA)",
      },
    ],
    pumps: [],
  },
};

describe("renderReferralPacket", () => {
  it("prints the patient, the flag in words, each flagged key with its grades and page numbers", async () => {
    const pdf = await renderReferralPacket(base);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const { text, pages } = await textOf(pdf);
    expect(text).toContain("Ana Quintero");
    expect(text).toContain("Referral packet");
    expect(text).toContain("Confidential: patient information");
    expect(text).toContain("Consider botulinum toxin referral");
    expect(text).toContain("Calf (ankle plantarflexors), left");
    expect(text).toContain("Wrist flexors, right");
    expect(text).toContain("1+");
    expect(text).toMatch(/(^|\s)3(\s|$)/m);
    expect(text).toMatch(/(^|\s)4(\s|$)/m);
    expect(text).toContain("Address adherence first");
    expect(text).toContain("35 %");
    expect(text).toContain("no data");
    expect(text).toContain("Baclofen (first line)");
    expect(text).toContain("Side effects");
    expect(text).toContain("Botox (onabotulinumtoxinA)");
    expect(text).toContain("Therapist's note");
    expect(text).toContain("Page 1 of");
    expect(text).toContain(`Page ${pages} of ${pages}`);
  });

  it("shows the latest grade of every key for a flag without keys, and no adherence caveat", async () => {
    const pdf = await renderReferralPacket({
      ...base,
      flag: {
        ...base.flag,
        kind: "NEURO_REVIEW",
        keys: [],
        reason: "Fasciculations with weakness reported in the last 90 days.",
        status: "referred",
        statusByName: "Sam Taylor",
        statusAt: "2026-03-11T10:00:00.000Z",
        referralTarget: "Neurology, City Hospital",
        referralDate: "2026-03-11",
        referralGoal: "other",
        resolutionNote: "Seen twitching ≥ 3 times → urgent.",
      },
    });
    const { text } = await textOf(pdf);
    expect(text).toContain("Neurology review: fasciculations with weakness or wasting");
    expect(text).toContain("Latest MAS grades");
    expect(text).toContain("Hip flexors, left");
    expect(text).not.toContain("Address adherence first");
    expect(text).toContain("Neurology, City Hospital");
    expect(text).toContain("Seen twitching >= 3 times -> urgent.");
  });

  it("runs onto more pages with a long history and still numbers them", async () => {
    const assessments = Array.from({ length: 14 }, (_, i) => ({
      assessedOn: `2025-${String(i < 9 ? i + 1 : 12).padStart(2, "0")}-${String(i < 9 ? 1 : i + 1).padStart(2, "0")}`,
      scores: [
        {
          muscleGroup: "ankle_plantarflexors" as const,
          side: "left" as const,
          grade: "3" as const,
        },
        { muscleGroup: "knee_flexors" as const, side: "left" as const, grade: "1+" as const },
        { muscleGroup: "knee_flexors" as const, side: "right" as const, grade: "2" as const },
        { muscleGroup: "hip_flexors" as const, side: "right" as const, grade: "0" as const },
      ],
    }));
    const pdf = await renderReferralPacket({
      ...base,
      flag: {
        ...base.flag,
        kind: "BACLOFEN_REVIEW",
        action: "start",
        keys: [
          { muscleGroup: "ankle_plantarflexors", side: "left" },
          { muscleGroup: "knee_flexors", side: "left" },
          { muscleGroup: "knee_flexors", side: "right" },
          { muscleGroup: "hip_flexors", side: "right" },
        ],
      },
      assessments,
      treatments: {
        ...base.treatments,
        oral: Array.from({ length: 12 }, () => base.treatments.oral[0] as never),
      },
    });
    const { text, pages } = await textOf(pdf);
    expect(pages).toBeGreaterThan(1);
    expect(text).toContain("The last 10 of 14 assessments");
    expect(text).toContain(`Page ${pages} of ${pages}`);
  });
});

describe("helpers", () => {
  it("averages NRS by week, oldest first, with empty weeks as null", () => {
    const weeks = weeklyNrs(base.nrs, "2026-03-12", 3);
    expect(weeks.map((w) => [w.from, w.to, w.average, w.reports])).toEqual([
      ["2026-02-20", "2026-02-26", 4, 1],
      ["2026-02-27", "2026-03-05", null, 0],
      ["2026-03-06", "2026-03-12", 6.5, 2],
    ]);
  });

  it("takes each key's latest grade in anatomical order", () => {
    expect(latestGrades(base.assessments)).toEqual([
      { key: { muscleGroup: "hip_flexors", side: "left" }, grade: "1", assessedOn: "2025-11-01" },
      {
        key: { muscleGroup: "ankle_plantarflexors", side: "left" },
        grade: "3",
        assessedOn: "2026-02-20",
      },
      {
        key: { muscleGroup: "wrist_flexors", side: "right" },
        grade: "4",
        assessedOn: "2026-02-20",
      },
    ]);
  });

  it("keeps what Helvetica can print and spells out the rest", () => {
    expect(pdfSafe("O'Neill – Müller 4–12 weeks")).toBe("O'Neill – Müller 4–12 weeks");
    expect(pdfSafe("≥ 3 → review 😀")).toBe(">= 3 -> review ?");
  });
});
