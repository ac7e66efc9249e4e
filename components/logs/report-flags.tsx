import { formatDate } from "@/components/mas/format-date";
import { TRIGGER_LABEL, TRIGGERS, type Trigger } from "@/lib/clinical/log-options";

export interface FlaggableReport {
  /** YYYY-MM-DD: the day the log is for. */
  date: string;
  /** Trigger codes as stored (TRIGGERS in lib/clinical/log-options). */
  triggers: readonly string[];
  newWeakness: boolean;
  wasting: boolean;
  twitching: boolean;
}

/**
 * How much a reported item needs the therapist's eye:
 * - "attention": infection or fever, relapse, new weakness, wasting, and twitching together with
 *   weakness or wasting (CLINICAL §4: the patient is told whom to contact; §5 R6);
 * - "trigger": the other escalation triggers (skin sore, constipation: §5 R1);
 * - "mention": shown to the therapist, not an escalation trigger (heat, sleep, drinking, stress).
 */
export type ReportLevel = "attention" | "trigger" | "mention";

export interface ReportItem {
  label: string;
  level: ReportLevel;
}

export interface ReportEntry {
  date: string;
  level: ReportLevel;
  items: ReportItem[];
}

const ATTENTION_TRIGGERS: ReadonlySet<string> = new Set<Trigger>(["uti", "infection", "relapse"]);
const ESCALATION_ONLY: ReadonlySet<string> = new Set<Trigger>(["pressure_sore", "constipation"]);
const RANK: Record<ReportLevel, number> = { attention: 0, trigger: 1, mention: 2 };

const isTrigger = (code: string): code is Trigger => (TRIGGERS as readonly string[]).includes(code);

/** "Urinary infection symptoms (burning, urgency, cloudy urine)" → "Urinary infection symptoms". */
const short = (label: string) => label.replace(/ \(.*\)$/, "");

/** A code the options do not know (an older or newer version): still words, never the raw code. */
const humanise = (code: string) => {
  const words = code.replace(/_/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** What one report raises, most urgent first; empty when it raises nothing. */
export function reportItems(report: FlaggableReport): ReportItem[] {
  const items: ReportItem[] = [];
  const seen = new Set<string>();
  // Known triggers in their options order, then unknown codes as given.
  const codes = [
    ...TRIGGERS.filter((t) => report.triggers.includes(t)),
    ...report.triggers.filter((t) => !isTrigger(t)),
  ];
  for (const code of codes) {
    if (seen.has(code)) continue;
    seen.add(code);
    const label = isTrigger(code) ? short(TRIGGER_LABEL[code]) : humanise(code);
    const level: ReportLevel = ATTENTION_TRIGGERS.has(code)
      ? "attention"
      : ESCALATION_ONLY.has(code)
        ? "trigger"
        : "mention";
    items.push({ label, level });
  }
  if (report.newWeakness) items.push({ label: "New weakness", level: "attention" });
  if (report.wasting)
    items.push({ label: "Muscles looking thinner (wasting)", level: "attention" });
  if (report.twitching) {
    // Twitching alone is common in MS; with weakness or wasting it is a neurology question (R6).
    const withNeuro = report.newWeakness || report.wasting;
    items.push({
      label: withNeuro ? "Twitching, with weakness or wasting" : "Twitching",
      level: withNeuro ? "attention" : "mention",
    });
  }
  // Stable sort keeps the options order within a level.
  return items.sort((a, b) => RANK[a.level] - RANK[b.level]);
}

/** The reports that raise anything, most recent first, each with its most urgent level. */
export function reportEntries(reports: readonly FlaggableReport[]): ReportEntry[] {
  return reports
    .map((report) => ({ date: report.date, items: reportItems(report) }))
    .filter((entry) => entry.items.length > 0)
    .map((entry) => ({ ...entry, level: entry.items[0]?.level ?? "mention" }))
    .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
}

/** "18 Nov 2026: Urinary infection symptoms; New weakness" — one entry in plain words. */
export function describeEntry(entry: Pick<ReportEntry, "date" | "items">): string {
  return `${formatDate(entry.date)}: ${entry.items.map((i) => i.label).join("; ")}`;
}

const ENTRY_STYLE: Record<ReportLevel, { box: string; tag: string | null }> = {
  attention: { box: "border-l-8 border-red-700 bg-red-50", tag: "Needs attention" },
  trigger: { box: "border-l-4 border-amber-600 bg-amber-50", tag: "Possible trigger" },
  mention: { box: "border-l-4 border-slate-300 bg-white", tag: null },
};

/**
 * What the patient reported that needs the therapist's eye, most recent first. Reports with
 * infection or fever, relapse, new weakness, wasting (or twitching with either) are marked
 * "Needs attention" with a heavy red edge and bold items; skin sores and constipation (escalation
 * triggers) "Possible trigger" with an amber edge; heat, sleep, drinking and stress are plain
 * mentions. The words carry the meaning; border weight and colour only repeat it.
 */
export function ReportFlags({ reports }: { reports: FlaggableReport[] }) {
  const entries = reportEntries(reports);
  if (entries.length === 0) {
    return <p className="text-sm text-slate-700">Nothing reported that needs attention.</p>;
  }
  return (
    <ul className="space-y-2">
      {entries.map((entry, i) => {
        const style = ENTRY_STYLE[entry.level];
        return (
          <li
            // biome-ignore lint/suspicious/noArrayIndexKey: two logs may share a date
            key={`${entry.date}-${i}`}
            data-level={entry.level}
            className={`rounded-r-md py-2 pr-3 pl-3 text-sm text-slate-900 [print-color-adjust:exact] ${style.box}`}
          >
            {style.tag ? (
              <span
                className={`mr-2 inline-block rounded px-1.5 py-0.5 text-xs font-bold ${entry.level === "attention" ? "bg-red-700 text-white" : "bg-amber-100 text-amber-950 ring-1 ring-amber-700/40 ring-inset"}`}
              >
                {style.tag}
              </span>
            ) : null}
            <span className="font-semibold whitespace-nowrap">{formatDate(entry.date)}:</span>{" "}
            {entry.items.map((item, j) => (
              <span key={item.label}>
                {j > 0 ? "; " : null}
                <span className={item.level === "mention" ? undefined : "font-semibold"}>
                  {item.label}
                </span>
              </span>
            ))}
          </li>
        );
      })}
    </ul>
  );
}
