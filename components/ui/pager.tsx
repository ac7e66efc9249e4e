import Link from "next/link";
import { buttonClass } from "./button-class";

/** "Patients 26–50 of 300 · page 2 of 12" with links to the previous and next pages. */
export function Pager({
  label,
  noun,
  page,
  pages,
  pageSize,
  shown,
  total,
  hrefFor,
}: {
  /** The navigation landmark's name, e.g. "Caseload pages". */
  label: string;
  /** What is counted, capitalised: "Patients", "Flags". */
  noun: string;
  page: number;
  pages: number;
  pageSize: number;
  shown: number;
  total: number;
  hrefFor: (page: number) => string;
}) {
  if (pages <= 1) return null;
  const first = (page - 1) * pageSize;
  return (
    <nav aria-label={label} className="mt-4 flex flex-wrap items-center gap-4">
      <p className="text-slate-700">
        {noun} {first + 1}–{first + shown} of {total} · page {page} of {pages}
      </p>
      <div className="flex gap-2">
        {page > 1 ? (
          <Link
            href={hrefFor(page - 1)}
            rel="prev"
            prefetch={false}
            className={buttonClass("secondary")}
          >
            Previous page
          </Link>
        ) : null}
        {page < pages ? (
          <Link
            href={hrefFor(page + 1)}
            rel="next"
            prefetch={false}
            className={buttonClass("secondary")}
          >
            Next page
          </Link>
        ) : null}
      </div>
    </nav>
  );
}
