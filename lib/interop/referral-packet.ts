/**
 * The referral packet: one flag of one patient, with the MAS history of the muscle groups it is
 * about, adherence, the spasticity NRS trend and the treatments so far, as an A4 PDF a colleague
 * can read on paper, in black and white. Pure apart from pdfkit: no database, no Next; the data
 * layer (lib/data/referral-packet.ts) gathers the data, the route streams the bytes.
 */
import PDFDocument from "pdfkit";
import { GRADE_STYLE } from "@/components/mas/grade-style";
import { formatAdherence } from "@/lib/clinical/adherence";
import { addDays, daysBetween } from "@/lib/clinical/dates";
import type { FlagKind, Key } from "@/lib/clinical/escalation";
import {
  ADHERENCE_CAVEAT_BELOW,
  FLAG_STATUS_LABEL,
  FLAG_TIER,
  flagTitle,
  REFERRAL_GOAL_LABEL,
  type ReferralGoal,
} from "@/lib/clinical/flag-labels";
import {
  keyLabel,
  MAS_GRADES,
  type MasGrade,
  MUSCLE_GROUPS,
  type MuscleGroup,
  masRank,
  type Side,
} from "@/lib/clinical/mas";
import { MS_TYPE_LABELS, type MsType } from "@/lib/validation/patient";
import {
  ORAL_DRUG_LABEL,
  type OralDrug,
  STOP_REASON_LABEL,
  type StopReason,
} from "@/lib/validation/treatment";

// ---------------------------------------------------------------------------------------------
// The data. Structurally a subset of the DAL's DTOs, so the data layer passes them straight on.

export interface ReferralPacketData {
  /** The clinic's today (YYYY-MM-DD): the packet's date and the end of the NRS weeks. */
  generatedOn: string;
  generatedBy: string;
  clinicName: string;
  patient: {
    givenName: string;
    familyName: string;
    dateOfBirth: string;
    age: number;
    msType: MsType;
    diagnosisYear: number | null;
    therapistName: string | null;
  };
  flag: {
    kind: FlagKind;
    action: string | null;
    keys: Key[];
    reason: string;
    status: keyof typeof FLAG_STATUS_LABEL;
    raisedOn: string;
    statusByName: string | null;
    statusAt: string | null;
    resolutionNote: string | null;
    referralTarget: string | null;
    referralDate: string | null;
    referralGoal: ReferralGoal | null;
  };
  /** 7, 14 and 28-day adherence (CLINICAL §6); ratio null = no data. */
  adherence: { days: number; ratio: number | null }[];
  /** Effective assessments, oldest first. */
  assessments: {
    assessedOn: string;
    scores: { muscleGroup: MuscleGroup; side: Side; grade: MasGrade }[];
  }[];
  /** Daily spasticity NRS reports (0–10), any order. */
  nrs: { date: string; nrs: number }[];
  treatments: {
    oral: {
      drug: OralDrug;
      drugOther: string | null;
      dose: string;
      startedOn: string;
      stoppedOn: string | null;
      stopReason: StopReason | null;
    }[];
    toxin: {
      injectedOn: string;
      muscleGroup: MuscleGroup;
      side: Side;
      units: number;
      product: string;
    }[];
    pumps: { startedOn: string; stoppedOn: string | null }[];
  };
}

// ---------------------------------------------------------------------------------------------
// Pure helpers (exported for tests).

const DAY_MONTH_YEAR = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});
const DAY_MONTH = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  timeZone: "UTC",
});
const MONTH_YEAR = new Intl.DateTimeFormat("en-GB", {
  month: "short",
  year: "2-digit",
  timeZone: "UTC",
});
const utc = (isoDate: string) => new Date(`${isoDate}T00:00:00Z`);

/** "2026-03-12" → "12 Mar 2026" (calendar days, formatted in UTC so nothing shifts a day). */
export function formatDay(isoDate: string): string {
  return DAY_MONTH_YEAR.format(utc(isoDate));
}

// Characters Helvetica's WinAnsi encoding cannot show, spelled out instead of printing garbage.
const REPLACEMENTS: Record<string, string> = {
  "≥": ">=",
  "≤": "<=",
  "→": "->",
  "←": "<-",
  "−": "-",
  "‐": "-",
  "‑": "-",
  "\u2009": " ",
  "\u202f": " ",
  "\u200b": "",
};
const WIN_ANSI_EXTRA = new Set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ");

/** Text the built-in Helvetica can print: Latin-1 plus the WinAnsi extras; the rest replaced. */
export function pdfSafe(text: string): string {
  let out = "";
  for (const ch of text.normalize("NFC")) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === "\n" || (code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code <= 0xff)) out += ch;
    else if (WIN_ANSI_EXTRA.has(ch)) out += ch;
    else if (ch in REPLACEMENTS) out += REPLACEMENTS[ch];
    else if (ch === "\t") out += " ";
    else if (code >= 0x20) out += "?";
  }
  return out;
}

export interface NrsWeek {
  from: string;
  to: string;
  average: number | null;
  reports: number;
}

/** The last `weeks` 7-day weeks ending on `lastDay`, oldest first, with the mean NRS of each. */
export function weeklyNrs(
  reports: { date: string; nrs: number }[],
  lastDay: string,
  weeks = 8,
): NrsWeek[] {
  const out: NrsWeek[] = [];
  for (let i = weeks - 1; i >= 0; i--) {
    const to = addDays(lastDay, -7 * i);
    const from = addDays(to, -6);
    const inWeek = reports.filter((r) => r.date >= from && r.date <= to);
    const sum = inWeek.reduce((s, r) => s + r.nrs, 0);
    out.push({
      from,
      to,
      average: inWeek.length > 0 ? sum / inWeek.length : null,
      reports: inWeek.length,
    });
  }
  return out;
}

const keyId = (k: { muscleGroup: string; side: string }) => `${k.muscleGroup}:${k.side}`;

/** Anatomical order (the MAS grid's), left before right. */
function compareKeys(a: Key, b: Key): number {
  const byGroup = MUSCLE_GROUPS.indexOf(a.muscleGroup) - MUSCLE_GROUPS.indexOf(b.muscleGroup);
  return byGroup !== 0 ? byGroup : a.side === b.side ? 0 : a.side === "left" ? -1 : 1;
}

/** Each key's latest grade and its date, in anatomical order. */
export function latestGrades(
  assessments: ReferralPacketData["assessments"],
): { key: Key; grade: MasGrade; assessedOn: string }[] {
  const latest = new Map<string, { key: Key; grade: MasGrade; assessedOn: string }>();
  // Oldest first: a later assessment (or a later one on the same day) overwrites.
  for (const a of assessments)
    for (const s of a.scores)
      latest.set(keyId(s), {
        key: { muscleGroup: s.muscleGroup, side: s.side },
        grade: s.grade,
        assessedOn: a.assessedOn,
      });
  return [...latest.values()].sort((a, b) => compareKeys(a.key, b.key));
}

/** The grade of `key` in one assessment, or null when it was not tested. */
function gradeIn(assessment: ReferralPacketData["assessments"][number], key: Key): MasGrade | null {
  let grade: MasGrade | null = null;
  for (const s of assessment.scores) if (keyId(s) === keyId(key)) grade = s.grade;
  return grade;
}

// A grey with the same relative luminance as each step of the one MAS scale (DESIGN §7): the
// steps, and the contrast with the scale's text colours, survive a black-and-white printer.
function luminanceGrey(hex: string): string {
  const channel = (i: number) => {
    const c = Number.parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const y = 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
  const srgb = y <= 0.0031308 ? 12.92 * y : 1.055 * y ** (1 / 2.4) - 0.055;
  const v = Math.round(Math.min(1, Math.max(0, srgb)) * 255)
    .toString(16)
    .padStart(2, "0");
  return `#${v}${v}${v}`;
}
const GRADE_FILL: Record<MasGrade, { fill: string; text: string }> = Object.fromEntries(
  MAS_GRADES.map((g) => [
    g,
    { fill: luminanceGrey(GRADE_STYLE[g].fillHex), text: GRADE_STYLE[g].textHex },
  ]),
) as Record<MasGrade, { fill: string; text: string }>;

// ---------------------------------------------------------------------------------------------
// Layout.

type Doc = PDFKit.PDFDocument;

const MARGIN = 40;
const FOOTER_SPACE = 34;
const BODY = 10.5;
const SMALL = 9;
const INK = "#000000";
const MUTED = "#333333";
const RULE = "#8c8c8c";
const GRID = "#c8c8c8";
const REGULAR = "Helvetica";
const BOLD = "Helvetica-Bold";
const OBLIQUE = "Helvetica-Oblique";
/** At most this many assessment columns fit beside the muscle-group column on A4. */
const MAX_MAS_COLUMNS = 10;
const DATE_COLUMN = 38;

const contentWidth = (doc: Doc) => doc.page.width - doc.page.margins.left - doc.page.margins.right;
const bottomOf = (doc: Doc) => doc.page.height - doc.page.margins.bottom;

/** Start a new page unless `height` still fits below the cursor. */
function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > bottomOf(doc)) doc.addPage();
}

function write(
  doc: Doc,
  text: string,
  opts: { font?: string; size?: number; color?: string } & PDFKit.Mixins.TextOptions = {},
): void {
  const { font = REGULAR, size = BODY, color = INK, ...rest } = opts;
  doc
    .font(font)
    .fontSize(size)
    .fillColor(color)
    .text(pdfSafe(text), MARGIN, doc.y, { width: contentWidth(doc), ...rest });
}

/** A section heading, kept on one page with the first `keepWith` points of what follows it. */
function heading(doc: Doc, text: string, keepWith = 40): void {
  ensureSpace(doc, 32 + keepWith);
  doc.moveDown(0.9);
  write(doc, text, { font: BOLD, size: 13 });
  const y = doc.y + 2;
  doc
    .moveTo(MARGIN, y)
    .lineTo(MARGIN + contentWidth(doc), y)
    .lineWidth(0.8)
    .strokeColor(INK)
    .stroke();
  doc.y = y + 6;
}

function subheading(doc: Doc, text: string): void {
  ensureSpace(doc, 40);
  doc.moveDown(0.4);
  write(doc, text, { font: BOLD, size: 11 });
  doc.moveDown(0.2);
}

/** Label and value side by side; the value wraps in its own column. */
function field(doc: Doc, label: string, value: string, labelWidth = 130): void {
  const valueWidth = contentWidth(doc) - labelWidth;
  doc.font(REGULAR).fontSize(BODY);
  const h = Math.max(
    doc.heightOfString(pdfSafe(value), { width: valueWidth }),
    doc.font(BOLD).heightOfString(pdfSafe(label), { width: labelWidth - 8 }),
  );
  ensureSpace(doc, h);
  const y = doc.y;
  doc
    .font(BOLD)
    .fillColor(INK)
    .text(pdfSafe(label), MARGIN, y, { width: labelWidth - 8 });
  doc.font(REGULAR).text(pdfSafe(value), MARGIN + labelWidth, y, { width: valueWidth });
  doc.y = y + h + 3;
}

interface Column {
  header: string;
  width: number;
  align?: "left" | "center" | "right";
}
interface Cell {
  text: string;
  grade?: MasGrade;
  bold?: boolean;
}

const PAD = 4;

const TABLE_SIZE = SMALL + 0.5;
const TABLE_HEADER_SIZE = 8.5;
/** A table this short is never split across pages. */
const KEEP_WHOLE_BELOW = 220;

function rowHeight(doc: Doc, columns: Column[], cells: Cell[], font: string, size: number) {
  return (
    Math.max(
      ...cells.map((cell, i) =>
        doc
          .font(cell.bold || cell.grade ? BOLD : font)
          .fontSize(size)
          .heightOfString(pdfSafe(cell.text), { width: (columns[i]?.width ?? 40) - 2 * PAD }),
      ),
    ) +
    2 * PAD
  );
}

/** The heights of a table's header and rows, and how much of it must start on one page. */
function measureTable(doc: Doc, columns: Column[], rows: Cell[][]) {
  const header = columns.map((c) => ({ text: c.header, bold: true }));
  const headerHeight = rowHeight(doc, columns, header, BOLD, TABLE_HEADER_SIZE);
  const rowHeights = rows.map((row) => rowHeight(doc, columns, row, REGULAR, TABLE_SIZE));
  const total = headerHeight + rowHeights.reduce((sum, h) => sum + h, 0);
  // A short table stays whole; a long one starts with at least its first row.
  const keep = total <= KEEP_WHOLE_BELOW ? total : headerHeight + (rowHeights[0] ?? 0);
  return { header, headerHeight, rowHeights, keep };
}

/** A ruled table; the header row repeats on every page the table runs onto. */
function table(doc: Doc, columns: Column[], rows: Cell[][]): void {
  const x0 = MARGIN;
  const totalWidth = columns.reduce((s, c) => s + c.width, 0);
  const size = TABLE_SIZE;

  const drawRow = (
    cells: Cell[],
    font: string,
    height: number,
    ruleWidth: number,
    fontSize = size,
  ) => {
    const y = doc.y;
    let x = x0;
    cells.forEach((cell, i) => {
      const col = columns[i];
      if (!col) return;
      let color = INK;
      if (cell.grade) {
        const style = GRADE_FILL[cell.grade];
        doc
          .rect(x + 1, y + 1, col.width - 2, height - 2)
          .fillColor(style.fill)
          .fill();
        color = style.text;
      }
      doc
        .font(cell.bold || cell.grade ? BOLD : font)
        .fontSize(fontSize)
        .fillColor(color)
        .text(pdfSafe(cell.text), x + PAD, y + PAD, {
          width: col.width - 2 * PAD,
          align: cell.grade ? "center" : (col.align ?? "left"),
        });
      x += col.width;
    });
    doc
      .moveTo(x0, y + height)
      .lineTo(x0 + totalWidth, y + height)
      .lineWidth(ruleWidth)
      .strokeColor(ruleWidth >= 0.8 ? INK : RULE)
      .stroke();
    doc.y = y + height;
  };

  const { header, headerHeight, rowHeights, keep } = measureTable(doc, columns, rows);
  const drawHeader = () => drawRow(header, BOLD, headerHeight, 0.8, TABLE_HEADER_SIZE);
  ensureSpace(doc, keep);
  drawHeader();
  rows.forEach((row, i) => {
    const h = rowHeights[i] ?? 0;
    if (doc.y + h > bottomOf(doc)) {
      doc.addPage();
      drawHeader();
    }
    drawRow(row, REGULAR, h, 0.4);
  });
  doc.fillColor(INK);
  doc.x = MARGIN;
  doc.y += 4;
}

function note(doc: Doc, text: string): void {
  write(doc, text, { font: OBLIQUE, size: SMALL, color: MUTED });
}

// ---------------------------------------------------------------------------------------------
// Sections.

function header(doc: Doc, data: ReferralPacketData): void {
  write(doc, "Referral packet", { font: BOLD, size: 20 });
  doc.moveDown(0.2);
  write(doc, data.clinicName, { font: BOLD, size: 12 });
  write(doc, `Generated ${formatDay(data.generatedOn)} by ${data.generatedBy}`, {
    size: BODY,
    color: MUTED,
  });
  doc.moveDown(0.5);
  // A plain ruled box: "confidential" must survive a photocopy, so no tint.
  const y = doc.y;
  const text = "Confidential: patient information";
  doc.font(BOLD).fontSize(BODY);
  const h = doc.heightOfString(text) + 10;
  doc.rect(MARGIN, y, contentWidth(doc), h).lineWidth(1.2).strokeColor(INK).stroke();
  doc.fillColor(INK).text(text, MARGIN + 8, y + 5, { width: contentWidth(doc) - 16 });
  doc.y = y + h + 2;
}

function patientSummary(doc: Doc, data: ReferralPacketData): void {
  const p = data.patient;
  heading(doc, "Patient");
  field(doc, "Name", `${p.givenName} ${p.familyName}`);
  field(doc, "Date of birth", `${formatDay(p.dateOfBirth)} (age ${p.age})`);
  field(doc, "Type of MS", MS_TYPE_LABELS[p.msType]);
  field(doc, "Diagnosed", p.diagnosisYear === null ? "Not recorded" : String(p.diagnosisYear));
  field(doc, "Primary therapist", p.therapistName ?? "None assigned");
}

const TIER_WORD = { safety: "Safety", referral: "Referral", info: "For information" } as const;

function adherence14(data: ReferralPacketData): number | null {
  return data.adherence.find((a) => a.days === 14)?.ratio ?? null;
}

function flagSection(doc: Doc, data: ReferralPacketData): void {
  const f = data.flag;
  const tier = FLAG_TIER[f.kind];
  const ratio = tier === "referral" ? adherence14(data) : null;
  heading(doc, "The flag");
  // CLINICAL §6: under half, adherence comes before any suggestion of referral.
  if (tier === "referral" && ratio !== null && ratio < ADHERENCE_CAVEAT_BELOW) {
    const text = `Address adherence first: only ${formatAdherence({ ratio })} of prescribed sessions were done in the last 14 days.`;
    doc.font(BOLD).fontSize(BODY);
    const h = doc.heightOfString(text, { width: contentWidth(doc) - 16 }) + 10;
    const top = doc.y;
    // A heavy left bar marks the caveat without relying on colour.
    doc.rect(MARGIN, top, 4, h).fillColor(INK).fill();
    doc.fillColor(INK).text(text, MARGIN + 12, top + 5, { width: contentWidth(doc) - 16 });
    doc.y = top + h + 6;
  }
  write(doc, flagTitle(f.kind, f.action), { font: BOLD, size: 12 });
  doc.moveDown(0.3);
  field(doc, "Kind", TIER_WORD[tier]);
  field(doc, "Status", FLAG_STATUS_LABEL[f.status]);
  field(doc, "Raised", formatDay(f.raisedOn));
  field(
    doc,
    "Muscle groups",
    f.keys.length > 0 ? f.keys.map((k) => keyLabel(k.muscleGroup, k.side)).join("; ") : "None",
  );
  field(doc, "Reason", f.reason);
  if (tier === "referral") field(doc, "Adherence, 14 days", formatAdherence({ ratio }));
}

/** x position of a date on a chart's axis, or the middle when all dates are one day. */
function xScale(domain: [string, string], x0: number, x1: number) {
  const span = daysBetween(domain[0], domain[1]);
  return (date: string) =>
    span === 0 ? (x0 + x1) / 2 : x0 + (daysBetween(domain[0], date) / span) * (x1 - x0);
}

/** One muscle group's grades over time: y = rank (1+ its own step), each point labelled. */
function keyChart(
  doc: Doc,
  key: Key,
  points: { date: string; grade: MasGrade }[],
  domain: [string, string],
  x: number,
  y: number,
  w: number,
  h: number,
): void {
  doc
    .font(BOLD)
    .fontSize(SMALL)
    .fillColor(INK)
    .text(pdfSafe(keyLabel(key.muscleGroup, key.side)), x, y, {
      width: w,
      lineBreak: false,
      ellipsis: true,
    });
  const px0 = x + 22;
  const px1 = x + w - 14;
  const py0 = y + 22; // rank 5 (grade 4)
  const py1 = y + h - 20; // rank 0
  const yOf = (rank: number) => py1 - (rank / 5) * (py1 - py0);
  const xOf = xScale(domain, px0 + 8, px1 - 8);

  // Grid: one line per grade; grade 3 (the start of high tone) dashed and darker.
  for (let rank = 0; rank <= 5; rank++) {
    const gy = yOf(rank);
    doc.save();
    if (rank === 4) doc.dash(3, { space: 2 }).strokeColor(MUTED).lineWidth(0.7);
    else doc.strokeColor(GRID).lineWidth(0.5);
    doc.moveTo(px0, gy).lineTo(px1, gy).stroke();
    doc.restore();
    doc
      .font(REGULAR)
      .fontSize(7.5)
      .fillColor(INK)
      .text(MAS_GRADES[rank] ?? "", x, gy - 3.5, { width: 18, align: "right", lineBreak: false });
  }
  doc
    .moveTo(px0, py0 - 4)
    .lineTo(px0, py1)
    .lineTo(px1, py1)
    .lineWidth(0.8)
    .strokeColor(INK)
    .stroke();

  // Date labels under the axis: first, last, and those in between that have room.
  const sorted = [...points].sort((a, b) => a.date.localeCompare(b.date));
  const labelled: number[] = [];
  const dates = [...new Set(sorted.map((p) => p.date))];
  const spansMonths = daysBetween(domain[0], domain[1]) > 120;
  dates.forEach((date, i) => {
    const cx = xOf(date);
    const last = labelled[labelled.length - 1];
    const isLast = i === dates.length - 1;
    if (last !== undefined && cx - last < 38) {
      if (!isLast || labelled.length < 2) return;
      labelled.pop(); // the last date wins over its close neighbour
    }
    labelled.push(cx);
  });
  doc.font(REGULAR).fontSize(7).fillColor(MUTED);
  for (const date of dates) {
    const cx = xOf(date);
    if (!labelled.includes(cx)) continue;
    doc
      .moveTo(cx, py1)
      .lineTo(cx, py1 + 3)
      .lineWidth(0.5)
      .strokeColor(INK)
      .stroke();
    const text = spansMonths ? MONTH_YEAR.format(utc(date)) : DAY_MONTH.format(utc(date));
    doc.text(text, cx - 20, py1 + 5, { width: 40, align: "center", lineBreak: false });
  }

  if (sorted.length === 0) {
    doc
      .font(OBLIQUE)
      .fontSize(8)
      .fillColor(MUTED)
      .text("Not assessed", px0, (py0 + py1) / 2 - 4, {
        width: px1 - px0,
        align: "center",
        lineBreak: false,
      });
    doc.fillColor(INK);
    return;
  }
  // The line, then the points, then the printed grades (above; below when crowded).
  sorted.forEach((p, i) => {
    const cx = xOf(p.date);
    const cy = yOf(masRank(p.grade));
    if (i === 0) doc.moveTo(cx, cy);
    else doc.lineTo(cx, cy);
  });
  if (sorted.length > 1) doc.lineWidth(1.4).strokeColor(INK).stroke();
  const LABEL_GAP = 12;
  let lastAbove = Number.NEGATIVE_INFINITY;
  let lastBelow = Number.NEGATIVE_INFINITY;
  let prevGrade: MasGrade | null = null;
  for (const p of sorted) {
    const cx = xOf(p.date);
    const rank = masRank(p.grade);
    const cy = yOf(rank);
    doc.circle(cx, cy, 2.4).fillColor(INK).fill();
    // Close points of one grade need one label, not a smudge; the table prints every grade.
    const crowded = cx - Math.max(lastAbove, lastBelow) < LABEL_GAP;
    if (crowded && p.grade === prevGrade) continue;
    prevGrade = p.grade;
    // Above the point, or below when the label above would touch the previous one (never below
    // grade 0, where the dates are).
    const below = cx - lastAbove < LABEL_GAP && cx - lastBelow >= LABEL_GAP && rank > 0;
    doc
      .font(BOLD)
      .fontSize(7.5)
      .fillColor(INK)
      .text(p.grade, cx - 9, below ? cy + 4 : cy - 11, {
        width: 18,
        align: "center",
        lineBreak: false,
      });
    if (below) lastBelow = cx;
    else lastAbove = cx;
  }
  doc.fillColor(INK);
}

function masSection(doc: Doc, data: ReferralPacketData): void {
  const keys = [...data.flag.keys].sort(compareKeys);
  const title = keys.length > 0 ? "MAS history of the flagged muscle groups" : "Latest MAS grades";
  if (data.assessments.length === 0) {
    heading(doc, title);
    write(doc, "No assessments recorded.");
    return;
  }
  if (keys.length === 0) {
    const cols: Column[] = [
      { header: "Muscle group", width: 260 },
      { header: "Latest grade", width: 80, align: "center" },
      { header: "Assessed on", width: 110 },
    ];
    const rows = latestGrades(data.assessments).map((l): Cell[] => [
      { text: keyLabel(l.key.muscleGroup, l.key.side) },
      { text: l.grade, grade: l.grade },
      { text: formatDay(l.assessedOn) },
    ]);
    heading(doc, title, 20 + measureTable(doc, cols, rows).keep);
    note(
      doc,
      "This flag is not about particular muscle groups: the latest grade of each is shown.",
    );
    doc.moveDown(0.3);
    table(doc, cols, rows);
    return;
  }

  // Only assessments that tested at least one flagged key; "–" where one key was not tested.
  const relevant = data.assessments.filter((a) => keys.some((k) => gradeIn(a, k) !== null));
  if (relevant.length === 0) {
    heading(doc, title);
    write(doc, "The flagged muscle groups have no recorded grades.");
    return;
  }
  const shown = relevant.slice(-MAX_MAS_COLUMNS);
  const labelWidth = contentWidth(doc) - shown.length * DATE_COLUMN;
  const cols: Column[] = [
    { header: "Muscle group", width: Math.min(labelWidth, 200) },
    ...shown.map((a) => {
      const [day, month, year] = formatDay(a.assessedOn).split(" ");
      return { header: `${day} ${month}\n${year}`, width: DATE_COLUMN, align: "center" as const };
    }),
  ];
  const rows = keys.map((k): Cell[] => [
    { text: keyLabel(k.muscleGroup, k.side) },
    ...shown.map((a): Cell => {
      const g = gradeIn(a, k);
      return g ? { text: g, grade: g } : { text: "–" };
    }),
  ]);
  heading(doc, title, measureTable(doc, cols, rows).keep);
  table(doc, cols, rows);
  note(
    doc,
    `${relevant.length > shown.length ? `The last ${shown.length} of ${relevant.length} assessments; the charts show all. ` : ""}Grades: 0, 1, 1+, 2, 3, 4 (Modified Ashworth Scale; 1+ is a grade of its own). – = not tested.`,
  );

  // Charts sharing one date axis so they can be compared: one key gets the full width, more go
  // two to a row.
  const domain: [string, string] = [
    relevant[0]?.assessedOn ?? data.generatedOn,
    relevant[relevant.length - 1]?.assessedOn ?? data.generatedOn,
  ];
  const gap = 14;
  const w = keys.length === 1 ? contentWidth(doc) : (contentWidth(doc) - gap) / 2;
  const h = 130;
  doc.moveDown(0.6);
  for (let i = 0; i < keys.length; i += 2) {
    ensureSpace(doc, h + 6);
    const y = doc.y;
    keys.slice(i, i + 2).forEach((k, j) => {
      const points = relevant.flatMap((a) => {
        const g = gradeIn(a, k);
        return g ? [{ date: a.assessedOn, grade: g }] : [];
      });
      keyChart(doc, k, points, domain, MARGIN + j * (w + gap), y, w, h);
    });
    doc.x = MARGIN;
    doc.y = y + h + 6;
  }
  note(
    doc,
    "Charts: grade by date, each point labelled with its grade; the dashed line marks grade 3, where high tone starts.",
  );
}

function adherenceSection(doc: Doc, data: ReferralPacketData): void {
  const cols: Column[] = [
    { header: "Window (days ending yesterday)", width: 220 },
    { header: "Sessions done of those prescribed", width: 200, align: "right" },
  ];
  const rows = [7, 14, 28].map((n): Cell[] => [
    { text: `${n} days` },
    { text: formatAdherence({ ratio: data.adherence.find((a) => a.days === n)?.ratio ?? null }) },
  ]);
  heading(doc, "Adherence to the home program", measureTable(doc, cols, rows).keep);
  table(doc, cols, rows);
}

function nrsSection(doc: Doc, data: ReferralPacketData): void {
  const title = "Spasticity NRS, weekly averages";
  const weeks = weeklyNrs(data.nrs, data.generatedOn, 8);
  if (weeks.every((w) => w.reports === 0)) {
    heading(doc, title);
    write(doc, "No NRS reports in the last 8 weeks.");
    return;
  }
  const cols: Column[] = [
    { header: "Week", width: 200 },
    { header: "Average NRS (0–10)", width: 120, align: "right" },
    { header: "Reports", width: 70, align: "right" },
  ];
  const rows = weeks.map((w): Cell[] => [
    { text: `${DAY_MONTH.format(utc(w.from))} – ${formatDay(w.to)}` },
    { text: w.average === null ? "no reports" : w.average.toFixed(1) },
    { text: String(w.reports) },
  ]);
  heading(doc, title, measureTable(doc, cols, rows).keep);
  table(doc, cols, rows);
  note(doc, "Patient-reported spasticity: 0 = none, 10 = the worst imaginable.");
}

function treatmentSection(doc: Doc, data: ReferralPacketData): void {
  const t = data.treatments;
  heading(doc, "Treatments");
  subheading(doc, "Oral antispasticity drugs");
  if (t.oral.length === 0) write(doc, "None recorded.");
  else
    table(
      doc,
      [
        { header: "Drug", width: 130 },
        { header: "Dose", width: 130 },
        { header: "From", width: 70 },
        { header: "To", width: 70 },
        { header: "Stopped because", width: 115 },
      ],
      t.oral.map((o) => [
        { text: o.drug === "other" ? (o.drugOther ?? "Other") : ORAL_DRUG_LABEL[o.drug] },
        { text: o.dose },
        { text: formatDay(o.startedOn) },
        { text: o.stoppedOn ? formatDay(o.stoppedOn) : "ongoing" },
        { text: o.stopReason ? STOP_REASON_LABEL[o.stopReason] : o.stoppedOn ? "–" : "" },
      ]),
    );
  subheading(doc, "Botulinum toxin injections");
  if (t.toxin.length === 0) write(doc, "None recorded.");
  else
    table(
      doc,
      [
        { header: "Date", width: 80 },
        { header: "Muscle group", width: 215 },
        { header: "Units", width: 50, align: "right" },
        { header: "Product", width: 170 },
      ],
      t.toxin.map((x) => [
        { text: formatDay(x.injectedOn) },
        { text: keyLabel(x.muscleGroup, x.side) },
        { text: String(x.units) },
        { text: x.product },
      ]),
    );
  subheading(doc, "Intrathecal baclofen pump");
  if (t.pumps.length === 0) write(doc, "None recorded.");
  else
    table(
      doc,
      [
        { header: "From", width: 120 },
        { header: "To", width: 120 },
      ],
      t.pumps.map((p) => [
        { text: formatDay(p.startedOn) },
        { text: p.stoppedOn ? formatDay(p.stoppedOn) : "ongoing" },
      ]),
    );
}

const NOTE_LINE_GAP = 24;
const noteBoxHeight = (lines: number) => 22 + lines * NOTE_LINE_GAP + 30;

function noteSection(doc: Doc, data: ReferralPacketData): void {
  const f = data.flag;
  const fields: [string, string][] = [];
  if (f.status === "referred") {
    const goal = f.referralGoal
      ? ` (goal: ${REFERRAL_GOAL_LABEL[f.referralGoal].toLowerCase()})`
      : "";
    fields.push([
      "Referred",
      `to ${f.referralTarget ?? "?"} on ${f.referralDate ? formatDay(f.referralDate) : "?"}${goal}${f.statusByName ? ` by ${f.statusByName}` : ""}.`,
    ]);
  }
  if (f.resolutionNote) {
    const by = [f.statusByName, f.statusAt ? formatDay(f.statusAt.slice(0, 10)) : null].filter(
      Boolean,
    );
    fields.push(["Note", `${f.resolutionNote}${by.length > 0 ? ` (${by.join(", ")})` : ""}`]);
  }
  // The heading, what was recorded and at least a short writing box stay on one page.
  doc.font(REGULAR).fontSize(BODY);
  const fieldsHeight = fields.reduce(
    (s, [, value]) =>
      s + doc.heightOfString(pdfSafe(value), { width: contentWidth(doc) - 130 }) + 3,
    0,
  );
  ensureSpace(doc, 50 + Math.max(fieldsHeight, 14) + 12 + noteBoxHeight(4));
  heading(doc, "Notes on this flag");
  for (const [label, value] of fields) field(doc, label, value);
  if (fields.length === 0) note(doc, "No note recorded with this flag.");

  // A box with ruled lines for handwriting: up to 7 lines, as many as fit here (at least 4).
  doc.moveDown(0.6);
  const room = bottomOf(doc) - doc.y;
  const lines = Math.max(4, Math.min(7, Math.floor((room - 52) / NOTE_LINE_GAP)));
  const lineGap = NOTE_LINE_GAP;
  const boxHeight = noteBoxHeight(lines);
  ensureSpace(doc, boxHeight);
  const x = MARGIN;
  const y = doc.y;
  const w = contentWidth(doc);
  doc.rect(x, y, w, boxHeight).lineWidth(1).strokeColor(INK).stroke();
  doc
    .font(BOLD)
    .fontSize(BODY)
    .fillColor(INK)
    .text("Therapist's note", x + 8, y + 7, { width: w - 16, lineBreak: false });
  for (let i = 1; i <= lines; i++) {
    const ly = y + 16 + i * lineGap;
    doc
      .moveTo(x + 8, ly)
      .lineTo(x + w - 8, ly)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke();
  }
  const sy = y + boxHeight - 12;
  doc
    .font(REGULAR)
    .fontSize(SMALL)
    .fillColor(INK)
    .text("Signature", x + 8, sy - 8, { lineBreak: false })
    .text("Date", x + w / 2 + 20, sy - 8, { lineBreak: false });
  doc
    .moveTo(x + 60, sy)
    .lineTo(x + w / 2 - 10, sy)
    .moveTo(x + w / 2 + 50, sy)
    .lineTo(x + w - 8, sy)
    .lineWidth(0.5)
    .strokeColor(INK)
    .stroke();
  doc.x = MARGIN;
  doc.y = y + boxHeight + 4;
}

/** "Page n of m" and the patient's name on every page, once the page count is known. */
function footers(doc: Doc, data: ReferralPacketData): void {
  const range = doc.bufferedPageRange();
  const name = `${data.patient.givenName} ${data.patient.familyName}`;
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing below the bottom margin would start a new page: lift the margin while we do.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - bottom + 12;
    const w = contentWidth(doc);
    doc
      .moveTo(MARGIN, y - 5)
      .lineTo(MARGIN + w, y - 5)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke();
    doc
      .font(REGULAR)
      .fontSize(8.5)
      .fillColor(MUTED)
      .text(pdfSafe(`${name} · Referral packet · Confidential`), MARGIN, y, {
        width: w * 0.7,
        lineBreak: false,
        ellipsis: true,
      })
      .text(`Page ${i - range.start + 1} of ${range.count}`, MARGIN + w * 0.7, y, {
        width: w * 0.3,
        align: "right",
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
}

/** The referral packet as PDF bytes. */
export function renderReferralPacket(data: ReferralPacketData): Promise<Buffer> {
  const name = `${data.patient.givenName} ${data.patient.familyName}`;
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: MARGIN + FOOTER_SPACE },
    bufferPages: true,
    font: REGULAR,
    lang: "en-GB",
    displayTitle: true,
    info: {
      Title: pdfSafe(`Referral packet: ${name}`),
      Subject: pdfSafe(flagTitle(data.flag.kind, data.flag.action)),
      Author: pdfSafe(data.clinicName),
      Creator: "Spasticity portal",
    },
  });
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    try {
      header(doc, data);
      patientSummary(doc, data);
      flagSection(doc, data);
      masSection(doc, data);
      adherenceSection(doc, data);
      nrsSection(doc, data);
      treatmentSection(doc, data);
      noteSection(doc, data);
      footers(doc, data);
      doc.end();
    } catch (error) {
      reject(error);
    }
  });
}
