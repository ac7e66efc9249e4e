import Link from "next/link";
import type { ReactNode } from "react";
import type { CaseloadFilter } from "@/lib/validation/patient";

/** A column header that sorts the caseload, keeping the other filters. */
export function SortLink({
  filter,
  sort,
  children,
}: {
  filter: CaseloadFilter;
  sort: CaseloadFilter["sort"];
  children: ReactNode;
}) {
  const params = new URLSearchParams();
  if (filter.q) params.set("q", filter.q);
  if (filter.mine) params.set("mine", "1");
  if (filter.archived) params.set("archived", "1");
  if (filter.nolog) params.set("nolog", "1");
  if (sort !== "flags") params.set("sort", sort);
  const query = params.toString();
  const active = filter.sort === sort;
  return (
    <Link
      href={`/patients${query ? `?${query}` : ""}`}
      className={`inline-flex min-h-11 items-center underline-offset-4 hover:underline ${active ? "font-semibold text-slate-900 underline" : "text-accent-700"}`}
    >
      {children}
      {active ? <span className="sr-only"> (sorted)</span> : null}
    </Link>
  );
}
