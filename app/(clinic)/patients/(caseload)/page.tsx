import type { Metadata } from "next";
import Link from "next/link";
import { formatDate } from "@/components/mas/format-date";
import { GradeChip } from "@/components/mas/grade-chip";
import { caseloadHref } from "@/components/patients/caseload-href";
import { SortLink } from "@/components/patients/sort-link";
import { buttonClass } from "@/components/ui/button-class";
import { EmptyState, PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { requireViewer, STAFF } from "@/lib/auth/viewer";
import { formatAdherence } from "@/lib/clinical/adherence";
import { daysBetween, todayIn } from "@/lib/clinical/dates";
import { FLAG_TIER, FLAG_URGENCY, flagTitle, urgencyRank } from "@/lib/clinical/flag-labels";
import { compareGrades } from "@/lib/clinical/mas";
import { caseloadMasSummaries } from "@/lib/data/assessments";
import { caseloadFlagKinds } from "@/lib/data/flags";
import { caseloadAdherence, caseloadLastLogDates } from "@/lib/data/logs";
import { listCaseload } from "@/lib/data/patients";
import { CASELOAD_PAGE_SIZE, caseloadFilterSchema, MS_TYPE_LABELS } from "@/lib/validation/patient";

export const metadata: Metadata = { title: "Caseload" };

export default async function CaseloadPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await requireViewer(STAFF);
  const filter = caseloadFilterSchema.parse(await searchParams);
  const [patients, flagKinds, lastLogs] = await Promise.all([
    listCaseload(viewer, filter),
    caseloadFlagKinds(viewer),
    caseloadLastLogDates(viewer),
  ]);
  // Sorting by grade, assessment date or adherence needs those figures for every patient;
  // otherwise they are computed for the page on screen only.
  const [allMas, allAdherence] = await Promise.all([
    filter.sort === "grade" || filter.sort === "assessed"
      ? caseloadMasSummaries(viewer, null)
      : undefined,
    filter.sort === "adherence" ? caseloadAdherence(viewer, null) : undefined,
  ]);
  const today = todayIn(viewer.clinicTimeZone);
  const rows = patients
    .map((p) => {
      const lastLogDate = lastLogs.get(p.id) ?? null;
      return {
        ...p,
        flags: [...(flagKinds.get(p.id) ?? [])].sort(
          (a, b) => urgencyRank(a.kind) - urgencyRank(b.kind),
        ),
        mas: allMas?.get(p.id) ?? null,
        adherence14: allAdherence?.get(p.id) ?? null,
        daysSinceLog: lastLogDate ? daysBetween(lastLogDate, today) : null,
      };
    })
    // "No log in 7 days": never logged, or the last log is more than 7 days old.
    .filter((p) => !filter.nolog || p.daysSinceLog === null || p.daysSinceLog > 7);
  // Highest tone first / most recently assessed first; never-assessed patients last.
  if (filter.sort === "flags") {
    // Most urgent open flag first (then more flags), patients without flags by name after.
    const rank = (p: (typeof rows)[number]) =>
      p.flags[0] ? urgencyRank(p.flags[0].kind) : FLAG_URGENCY.length;
    rows.sort((a, b) => rank(a) - rank(b) || b.flags.length - a.flags.length);
  } else if (filter.sort === "grade") {
    rows.sort((a, b) => {
      const ga = a.mas?.highestLatestGrade;
      const gb = b.mas?.highestLatestGrade;
      return ga && gb ? compareGrades(gb, ga) : ga ? -1 : gb ? 1 : 0;
    });
  } else if (filter.sort === "adherence") {
    // Lowest adherence first: the patients who need a conversation; "no data" last.
    rows.sort((a, b) => (a.adherence14 ?? 2) - (b.adherence14 ?? 2));
  } else if (filter.sort === "assessed") {
    rows.sort((a, b) => (b.mas?.lastAssessedOn ?? "").localeCompare(a.mas?.lastAssessedOn ?? ""));
  }
  const pages = Math.max(1, Math.ceil(rows.length / CASELOAD_PAGE_SIZE));
  const page = Math.min(filter.page, pages);
  const first = (page - 1) * CASELOAD_PAGE_SIZE;
  const onScreen = rows.slice(first, first + CASELOAD_PAGE_SIZE);
  const ids = onScreen.map((p) => p.id);
  const [pageMas, pageAdherence] = await Promise.all([
    allMas ?? caseloadMasSummaries(viewer, ids),
    allAdherence ?? caseloadAdherence(viewer, ids),
  ]);
  const shown = onScreen.map((p) => ({
    ...p,
    mas: pageMas.get(p.id) ?? null,
    adherence14: pageAdherence.get(p.id) ?? null,
  }));
  const filtered = Boolean(filter.q || filter.mine || filter.archived || filter.nolog);

  return (
    <>
      <PageHeader
        title={filter.archived ? "Archived patients" : "Caseload"}
        description={`${viewer.clinicName}: ${rows.length} ${rows.length === 1 ? "patient" : "patients"}${filter.mine ? " in your caseload" : ""}.`}
        actions={
          <Link href="/patients/new" className={buttonClass("primary")}>
            New patient
          </Link>
        }
      />
      <search aria-label="Filter patients" className="mb-6">
        <form
          method="get"
          className="flex flex-wrap items-end gap-4 rounded-lg border border-slate-200 bg-white p-4"
        >
          <div className="min-w-64 flex-1">
            <label htmlFor="q" className="block font-medium">
              Search by name
            </label>
            <input
              id="q"
              name="q"
              type="search"
              defaultValue={filter.q ?? ""}
              maxLength={100}
              className="mt-1 block min-h-11 w-full rounded-md border border-slate-400 px-3"
            />
          </div>
          <label className="flex min-h-11 items-center gap-2 font-medium">
            <input
              type="checkbox"
              name="mine"
              value="1"
              defaultChecked={filter.mine}
              className="size-5"
            />
            My patients only
          </label>
          <label className="flex min-h-11 items-center gap-2 font-medium">
            <input
              type="checkbox"
              name="archived"
              value="1"
              defaultChecked={filter.archived}
              className="size-5"
            />
            Archived
          </label>
          <label className="flex min-h-11 items-center gap-2 font-medium">
            <input
              type="checkbox"
              name="nolog"
              value="1"
              defaultChecked={filter.nolog}
              className="size-5"
            />
            No log in 7 days
          </label>
          <button type="submit" className={buttonClass("secondary")}>
            Apply
          </button>
          {filtered ? (
            <Link href="/patients" className={buttonClass("link")}>
              Clear filters
            </Link>
          ) : null}
        </form>
      </search>

      {rows.length === 0 ? (
        <EmptyState title={filtered ? "No patients match these filters." : "No patients yet."}>
          {filtered
            ? "Try another name or clear the filters."
            : "Add the first patient with “New patient”."}
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left">
            <caption className="sr-only">Patients</caption>
            <thead className="border-b border-slate-200 bg-slate-50 text-sm text-slate-700">
              <tr>
                <th
                  scope="col"
                  className="px-4 py-3 font-medium"
                  aria-sort={filter.sort === "name" ? "ascending" : undefined}
                >
                  <SortLink filter={filter} sort="name">
                    Patient
                  </SortLink>
                </th>
                <th
                  scope="col"
                  className="px-4 py-3 font-medium"
                  aria-sort={filter.sort === "flags" ? "descending" : undefined}
                >
                  <SortLink filter={filter} sort="flags">
                    Open flags
                  </SortLink>
                </th>
                <th
                  scope="col"
                  className="px-4 py-3 font-medium"
                  aria-sort={filter.sort === "grade" ? "descending" : undefined}
                >
                  <SortLink filter={filter} sort="grade">
                    Highest MAS
                  </SortLink>
                </th>
                <th
                  scope="col"
                  className="px-4 py-3 font-medium"
                  aria-sort={filter.sort === "assessed" ? "descending" : undefined}
                >
                  <SortLink filter={filter} sort="assessed">
                    Last assessed
                  </SortLink>
                </th>
                <th
                  scope="col"
                  className="px-4 py-3 text-right font-medium"
                  aria-sort={filter.sort === "adherence" ? "ascending" : undefined}
                >
                  <SortLink filter={filter} sort="adherence">
                    Adherence 14 d
                  </SortLink>
                </th>
                <th scope="col" className="px-4 py-3 text-right font-medium">
                  Last log
                </th>
                <th scope="col" className="px-4 py-3 text-right font-medium">
                  Age
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  MS type
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  Primary therapist
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  Portal access
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((p) => (
                <tr
                  key={p.id}
                  className="border-b border-slate-100 last:border-0 hover:bg-slate-50"
                >
                  <th scope="row" className="px-4 py-3 font-medium">
                    <Link
                      href={`/patients/${p.id}`}
                      className="inline-flex min-h-11 items-center text-accent-700 underline-offset-4 hover:underline"
                    >
                      {p.familyName}, {p.givenName}
                    </Link>
                  </th>
                  <td className="px-4 py-3 text-sm">
                    {p.flags.length === 0 ? (
                      <span className="text-slate-600">None</span>
                    ) : (
                      <ul className="space-y-1">
                        {p.flags.map(({ kind, action }) => (
                          <li
                            key={kind}
                            className={
                              FLAG_TIER[kind] === "safety"
                                ? "font-semibold text-red-800"
                                : FLAG_TIER[kind] === "referral"
                                  ? "font-medium text-amber-900"
                                  : ""
                            }
                          >
                            {flagTitle(kind, action)}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td className="px-4 py-3">
                    {p.mas?.highestLatestGrade ? (
                      <GradeChip
                        grade={p.mas.highestLatestGrade}
                        label={`Highest latest grade ${p.mas.highestLatestGrade}`}
                      />
                    ) : (
                      <span className="text-slate-600">Not assessed</span>
                    )}
                  </td>
                  <td className="px-4 py-3 tabular-nums">
                    {p.mas?.lastAssessedOn ? formatDate(p.mas.lastAssessedOn) : "–"}
                  </td>
                  <td className="px-4 py-3 text-right tabular-nums">
                    {formatAdherence({ ratio: p.adherence14 })}
                  </td>
                  <td
                    className={`px-4 py-3 text-right tabular-nums ${p.daysSinceLog === null || p.daysSinceLog > 7 ? "font-semibold text-amber-900" : ""}`}
                  >
                    {p.daysSinceLog === null
                      ? "never"
                      : p.daysSinceLog === 0
                        ? "today"
                        : `${p.daysSinceLog} d ago`}
                  </td>
                  <td className="px-4 py-3 text-right">{p.age}</td>
                  <td className="px-4 py-3">
                    <abbr title={MS_TYPE_LABELS[p.msType]} className="no-underline">
                      {p.msType === "other" ? "Other" : p.msType}
                    </abbr>
                  </td>
                  <td className="px-4 py-3">
                    {p.therapistName ?? <span className="text-slate-600">None</span>}
                  </td>
                  <td className="px-4 py-3">
                    {p.hasLogin ? (
                      "Active"
                    ) : (
                      <span className="text-slate-600">Not invited yet</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager
        label="Caseload pages"
        noun="Patients"
        page={page}
        pages={pages}
        pageSize={CASELOAD_PAGE_SIZE}
        shown={shown.length}
        total={rows.length}
        hrefFor={(n) => caseloadHref(filter, { page: n })}
      />
    </>
  );
}
