import Link from "next/link";
import { buttonClass } from "@/components/ui/button-class";
import type { CaseloadFilter } from "@/lib/validation/patient";
import { caseloadHref } from "./caseload-href";

/** "Patients 26–50 of 300" with previous and next pages, keeping the filters and the order. */
export function CaseloadPager({
  filter,
  page,
  pages,
  first,
  shown,
  total,
}: {
  filter: CaseloadFilter;
  page: number;
  pages: number;
  first: number;
  shown: number;
  total: number;
}) {
  return (
    <nav aria-label="Caseload pages" className="mt-4 flex flex-wrap items-center gap-4">
      <p className="text-slate-700" aria-live="polite">
        Patients {first + 1}–{first + shown} of {total} · page {page} of {pages}
      </p>
      <div className="flex gap-2">
        {page > 1 ? (
          <Link
            href={caseloadHref(filter, { page: page - 1 })}
            rel="prev"
            className={buttonClass("secondary")}
          >
            Previous page
          </Link>
        ) : null}
        {page < pages ? (
          <Link
            href={caseloadHref(filter, { page: page + 1 })}
            rel="next"
            className={buttonClass("secondary")}
          >
            Next page
          </Link>
        ) : null}
      </div>
    </nav>
  );
}
