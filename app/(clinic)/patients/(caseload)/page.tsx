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
import { FLAG_TIER, flagTitle } from "@/lib/clinical/flag-labels";
import { caseloadPage } from "@/lib/data/patients";
import { CASELOAD_PAGE_SIZE, caseloadFilterSchema, MS_TYPE_LABELS } from "@/lib/validation/patient";

export const metadata: Metadata = { title: "Caseload" };

const FLAG_TIER_CLASS = {
  safety: "font-semibold text-red-800",
  referral: "font-medium text-amber-900",
  info: undefined,
} as const;

export default async function CaseloadPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await requireViewer(STAFF);
  const filter = caseloadFilterSchema.parse(await searchParams);
  const { rows: shown, total, page, pages } = await caseloadPage(viewer, filter);
  const today = todayIn(viewer.clinicTimeZone);
  const filtered = Boolean(filter.q || filter.mine || filter.archived || filter.nolog);

  return (
    <>
      <PageHeader
        title={filter.archived ? "Archived patients" : "Caseload"}
        description={`${viewer.clinicName}: ${total} ${total === 1 ? "patient" : "patients"}${filter.mine ? " in your caseload" : ""}.`}
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

      {total === 0 ? (
        <EmptyState title={filtered ? "No patients match these filters." : "No patients yet."}>
          {filtered
            ? "Try another name or clear the filters."
            : "Add the first patient with “New patient”."}
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left [&_:is(th,td)]:px-4 [&_:is(th,td)]:py-3 [&_th]:font-medium">
            <caption className="sr-only">Patients</caption>
            <thead className="border-b border-slate-200 bg-slate-50 text-sm text-slate-700">
              <tr>
                <th scope="col" aria-sort={filter.sort === "name" ? "ascending" : undefined}>
                  <SortLink filter={filter} sort="name">
                    Patient
                  </SortLink>
                </th>
                <th scope="col" aria-sort={filter.sort === "flags" ? "descending" : undefined}>
                  <SortLink filter={filter} sort="flags">
                    Open flags
                  </SortLink>
                </th>
                <th scope="col" aria-sort={filter.sort === "grade" ? "descending" : undefined}>
                  <SortLink filter={filter} sort="grade">
                    Highest MAS
                  </SortLink>
                </th>
                <th scope="col" aria-sort={filter.sort === "assessed" ? "descending" : undefined}>
                  <SortLink filter={filter} sort="assessed">
                    Last assessed
                  </SortLink>
                </th>
                <th
                  scope="col"
                  className="text-right"
                  aria-sort={filter.sort === "adherence" ? "ascending" : undefined}
                >
                  <SortLink filter={filter} sort="adherence">
                    Adherence 14 d
                  </SortLink>
                </th>
                <th scope="col" className="text-right">
                  Last log
                </th>
                <th scope="col" className="text-right">
                  Age
                </th>
                <th scope="col">MS type</th>
                <th scope="col">Primary therapist</th>
                <th scope="col">Portal access</th>
              </tr>
            </thead>
            <tbody className="*:border-b *:border-slate-100 *:last:border-0 *:hover:bg-slate-50">
              {shown.map((p) => {
                const daysSinceLog = p.lastLogDate ? daysBetween(p.lastLogDate, today) : null;
                return (
                  <tr key={p.id}>
                    <th scope="row">
                      <Link
                        href={`/patients/${p.id}`}
                        prefetch={false}
                        className="inline-flex min-h-11 items-center text-accent-700 underline-offset-4 hover:underline"
                      >
                        {`${p.familyName}, ${p.givenName}`}
                      </Link>
                    </th>
                    <td className="text-sm">
                      {p.flags.length === 0 ? (
                        <span className="text-slate-600">None</span>
                      ) : (
                        <ul className="space-y-1">
                          {p.flags.map(({ kind, action }) => (
                            <li key={kind} className={FLAG_TIER_CLASS[FLAG_TIER[kind]]}>
                              {flagTitle(kind, action)}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                    <td>
                      {p.highestLatestGrade ? (
                        <>
                          <span className="sr-only">Highest latest grade </span>
                          <GradeChip grade={p.highestLatestGrade} />
                        </>
                      ) : (
                        <span className="text-slate-600">Not assessed</span>
                      )}
                    </td>
                    <td className="tabular-nums">
                      {p.lastAssessedOn ? formatDate(p.lastAssessedOn) : "–"}
                    </td>
                    <td className="text-right tabular-nums">
                      {formatAdherence({ ratio: p.adherence14 })}
                    </td>
                    <td
                      className={
                        daysSinceLog === null || daysSinceLog > 7
                          ? "text-right font-semibold text-amber-900 tabular-nums"
                          : "text-right tabular-nums"
                      }
                    >
                      {daysSinceLog === null
                        ? "never"
                        : daysSinceLog === 0
                          ? "today"
                          : `${daysSinceLog} d ago`}
                    </td>
                    <td className="text-right">{p.age}</td>
                    <td>
                      <abbr title={MS_TYPE_LABELS[p.msType]} className="no-underline">
                        {p.msType === "other" ? "Other" : p.msType}
                      </abbr>
                    </td>
                    <td>{p.therapistName ?? <span className="text-slate-600">None</span>}</td>
                    <td>
                      {p.hasLogin ? (
                        "Active"
                      ) : (
                        <span className="text-slate-600">Not invited yet</span>
                      )}
                    </td>
                  </tr>
                );
              })}
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
        total={total}
        hrefFor={(n) => caseloadHref(filter, { page: n })}
      />
    </>
  );
}
