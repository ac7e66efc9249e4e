import type { CaseloadFilter } from "@/lib/validation/patient";

/** The caseload URL for `filter` with some of it changed (defaults are left out of the URL). */
export function caseloadHref(filter: CaseloadFilter, change: Partial<CaseloadFilter>): string {
  const next = { ...filter, ...change };
  const params = new URLSearchParams();
  if (next.q) params.set("q", next.q);
  if (next.mine) params.set("mine", "1");
  if (next.archived) params.set("archived", "1");
  if (next.nolog) params.set("nolog", "1");
  if (next.sort !== "flags") params.set("sort", next.sort);
  if (next.page > 1) params.set("page", String(next.page));
  const query = params.toString();
  return `/patients${query ? `?${query}` : ""}`;
}
