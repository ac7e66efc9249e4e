import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatDate, parseIsoDate } from "@/components/mas/format-date";
import { LogForm } from "@/components/patient-log/log-form";
import { UrgentAdvice } from "@/components/patient-log/urgent-advice";
import { PageHeader } from "@/components/ui/page-header";
import { requireViewer } from "@/lib/auth/viewer";
import { addDays, todayIn } from "@/lib/clinical/dates";
import { needsUrgentAdvice } from "@/lib/clinical/log-options";
import { NotFoundError } from "@/lib/data/errors";
import { getLogForm, LOG_DAYS_BACK } from "@/lib/data/logs";
import { saveLogAction } from "./actions";

export const metadata: Metadata = { title: "Daily log" };

const WEEKDAY = new Intl.DateTimeFormat("en-GB", {
  weekday: "short",
  day: "numeric",
  month: "short",
  timeZone: "UTC",
});

function dayLabel(date: string, today: string) {
  if (date === today) return "today";
  if (date === addDays(today, -1)) return "yesterday";
  return `on ${WEEKDAY.format(parseIsoDate(date))}`;
}

const SAVED = {
  all: "Saved: everything done as prescribed. Well done.",
  created: "Your log is saved. Thank you.",
  updated: "Your log is updated.",
} as const;

export default async function LogPage({
  searchParams,
}: {
  searchParams: Promise<{ date?: string | string[]; saved?: string | string[] }>;
}) {
  const viewer = await requireViewer(["patient"]);
  if (!viewer.patientId) notFound();
  const today = todayIn(viewer.clinicTimeZone);
  const { date: requested, saved } = await searchParams;
  const date =
    typeof requested === "string" && /^\d{4}-\d{2}-\d{2}$/.test(requested) ? requested : today;
  const form = await getLogForm(viewer, viewer.patientId, date).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const days = Array.from({ length: LOG_DAYS_BACK + 1 }, (_, i) => addDays(today, -i));
  const log = form.log;
  const sessions = Object.fromEntries(
    (log?.items ?? []).map((i) => [i.programItemId, String(i.sessionsDone)]),
  );
  return (
    <>
      <PageHeader
        title={`Daily log: ${formatDate(date)}`}
        description={
          log
            ? "You logged this day already. Change anything and save again."
            : "Takes a minute. Skip anything you like."
        }
      />
      <nav aria-label="Choose the day" className="mb-6">
        <ul className="flex flex-wrap gap-2">
          {days.map((d) => (
            <li key={d}>
              <Link
                href={d === today ? "/my/log" : `/my/log?date=${d}`}
                prefetch={false}
                aria-current={d === date ? "page" : undefined}
                className="inline-flex min-h-12 items-center rounded-lg border border-slate-300 bg-white px-3 font-medium aria-[current=page]:border-accent-700 aria-[current=page]:bg-accent-50"
              >
                {d === today
                  ? "Today"
                  : d === addDays(today, -1)
                    ? "Yesterday"
                    : WEEKDAY.format(parseIsoDate(d))}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {typeof saved === "string" && saved in SAVED ? (
        <p
          role="status"
          data-testid="log-saved"
          className="mb-6 rounded-md border border-emerald-700 bg-emerald-50 px-4 py-3 text-lg font-medium text-emerald-900"
        >
          {SAVED[saved as keyof typeof SAVED]}
        </p>
      ) : null}
      {log && needsUrgentAdvice(log) ? (
        <div className="mb-6">
          <UrgentAdvice />
        </div>
      ) : null}
      <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <LogForm
          action={saveLogAction}
          patientId={viewer.patientId}
          date={date}
          dayLabel={dayLabel(date, today)}
          items={form.items}
          initial={{
            sessions,
            spasticityNrs: log?.spasticityNrs?.toString() ?? "",
            pain: log?.pain?.toString() ?? "",
            pennFrequency: log?.pennFrequency?.toString() ?? "",
            pennSeverity: log?.pennSeverity?.toString() ?? "",
            symptoms: log?.symptoms ?? [],
            triggers: log?.triggers ?? [],
            newWeakness: log ? (log.newWeakness ? "yes" : "no") : "",
            wasting: log ? (log.wasting ? "yes" : "no") : "",
            relief: log?.relief ?? [],
            waterGlasses: log?.waterGlasses?.toString() ?? "",
            note: log?.note ?? "",
          }}
        />
      </div>
    </>
  );
}
