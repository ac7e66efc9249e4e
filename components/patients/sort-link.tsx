import Link from "next/link";
import type { ReactNode } from "react";
import type { CaseloadFilter } from "@/lib/validation/patient";
import { caseloadHref } from "./caseload-href";

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
  const active = filter.sort === sort;
  return (
    <Link
      // A new order starts again at its first page.
      href={caseloadHref(filter, { sort, page: 1 })}
      prefetch={false}
      className={`inline-flex min-h-11 items-center underline-offset-4 hover:underline ${active ? "font-semibold text-slate-900 underline" : "text-accent-700"}`}
    >
      {children}
      {active ? <span className="sr-only"> (sorted)</span> : null}
    </Link>
  );
}
