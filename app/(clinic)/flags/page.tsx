import type { Metadata } from "next";
import Link from "next/link";
import { formatDate } from "@/components/mas/format-date";
import { buttonClass } from "@/components/ui/button-class";
import { EmptyState, PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { requireViewer, STAFF } from "@/lib/auth/viewer";
import { formatAdherence } from "@/lib/clinical/adherence";
import { FLAG_KINDS, type FlagKind } from "@/lib/clinical/escalation";
import {
  ADHERENCE_CAVEAT_BELOW,
  FLAG_STATUS_LABEL,
  FLAG_TIER,
  FLAG_URGENCY,
  flagTitle,
} from "@/lib/clinical/flag-labels";
import { keyShortLabel, type MuscleGroup, type Side } from "@/lib/clinical/mas";
import { FLAGS_PAGE_SIZE, listClinicFlags } from "@/lib/data/flags";
import { listTherapistOptions } from "@/lib/data/staff";
import { type FlagFilter, flagFilterSchema } from "@/lib/validation/flag";

export const metadata: Metadata = { title: "Flags" };

const KIND_WORDS: Record<FlagKind, string> = {
  NEURO_REVIEW: "Neurology review",
  TRIGGER_REVIEW: "Trigger review",
  SURGICAL_REFERRAL: "Surgical / intrathecal referral",
  BACLOFEN_REVIEW: "Oral or intrathecal baclofen",
  BOTOX_REFERRAL: "Botulinum toxin referral",
  MAS4_REVIEW: "MAS 4 review",
  REASSESS_AFTER_BOTOX: "Reassess after toxin",
};

const select = "mt-1 block min-h-11 rounded-md border border-slate-400 bg-white px-3";

export default async function FlagsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await requireViewer(STAFF);
  const filter = flagFilterSchema.parse(await searchParams);
  const [{ flags: rows, total, page, pages }, therapists] = await Promise.all([
    listClinicFlags(viewer, filter),
    listTherapistOptions(viewer),
  ]);
  return (
    <>
      <PageHeader
        actions={
          <a href="/api/flags.csv" className={buttonClass("secondary")} download>
            Open flags CSV
          </a>
        }
        title="Flags"
        description={`${viewer.clinicName}: ${total} ${total === 1 ? "flag" : "flags"}, most urgent first, as last computed.`}
      />
      <search aria-label="Filter flags" className="mb-6">
        <form
          method="get"
          className="flex flex-wrap items-end gap-4 rounded-lg border border-slate-200 bg-white p-4"
        >
          <div>
            <label htmlFor="kind" className="block font-medium">
              Kind
            </label>
            <select id="kind" name="kind" defaultValue={filter.kind ?? ""} className={select}>
              <option value="">All kinds</option>
              {FLAG_URGENCY.filter((k) => FLAG_KINDS.includes(k)).map((k) => (
                <option key={k} value={k}>
                  {KIND_WORDS[k]}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="status" className="block font-medium">
              Status
            </label>
            <select id="status" name="status" defaultValue={filter.status} className={select}>
              <option value="active">Open or acknowledged</option>
              <option value="open">Open</option>
              <option value="acknowledged">Acknowledged</option>
              <option value="referred">Referred</option>
              <option value="dismissed">Dismissed</option>
              <option value="resolved">Resolved by data</option>
              <option value="all">All</option>
            </select>
          </div>
          <div>
            <label htmlFor="therapist" className="block font-medium">
              Primary therapist
            </label>
            <select
              id="therapist"
              name="therapist"
              defaultValue={filter.therapist ?? ""}
              className={select}
            >
              <option value="">Anyone</option>
              {therapists.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className={buttonClass("secondary")}>
            Apply
          </button>
        </form>
      </search>
      {rows.length === 0 ? (
        <EmptyState title="No flags match these filters." />
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left">
            <caption className="sr-only">Flags</caption>
            <thead className="border-b border-slate-200 bg-slate-50 text-sm text-slate-700">
              <tr>
                <th scope="col" className="px-4 py-3 font-medium">
                  Patient
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  Flag
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  Muscle groups
                </th>
                <th scope="col" className="px-4 py-3 text-right font-medium">
                  Adherence 14 d
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  Status
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  Raised
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((f) => {
                const { adherence14 } = f;
                const referral = FLAG_TIER[f.kind] === "referral";
                return (
                  <tr key={f.id} className="border-b border-slate-100 align-top last:border-0">
                    <th scope="row" className="px-4 py-3 font-medium">
                      <Link
                        href={`/patients/${f.patientId}#flags`}
                        prefetch={false}
                        className="inline-flex min-h-11 items-center text-accent-700 underline-offset-4 hover:underline"
                      >
                        {f.patientName}
                      </Link>
                      <span className="block text-sm font-normal text-slate-700">
                        {f.therapistName ?? "No primary therapist"}
                      </span>
                    </th>
                    <td className="px-4 py-3">
                      <span
                        className={
                          FLAG_TIER[f.kind] === "safety" ? "font-semibold text-red-800" : ""
                        }
                      >
                        {flagTitle(f.kind, f.action)}
                      </span>
                      {referral && adherence14 !== null && adherence14 < ADHERENCE_CAVEAT_BELOW ? (
                        <span className="block text-sm font-semibold text-amber-900">
                          Address adherence first
                        </span>
                      ) : null}
                    </td>
                    <td className="px-4 py-3 text-sm">
                      {f.keys
                        .map((k) => keyShortLabel(k.muscleGroup as MuscleGroup, k.side as Side))
                        .join(", ") || "–"}
                    </td>
                    <td className="px-4 py-3 text-right tabular-nums">
                      {referral ? formatAdherence({ ratio: adherence14 }) : "–"}
                    </td>
                    <td className="px-4 py-3">{FLAG_STATUS_LABEL[f.status]}</td>
                    <td className="px-4 py-3 tabular-nums">{formatDate(f.raisedOn)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <Pager
        label="Flag pages"
        noun="Flags"
        page={page}
        pages={pages}
        pageSize={FLAGS_PAGE_SIZE}
        shown={rows.length}
        total={total}
        hrefFor={(n) => flagsHref(filter, n)}
      />
    </>
  );
}

/** The flags list's URL for `filter` at page `page` (defaults left out). */
function flagsHref(filter: FlagFilter, page: number) {
  const params = new URLSearchParams();
  if (filter.kind) params.set("kind", filter.kind);
  if (filter.status !== "active") params.set("status", filter.status);
  if (filter.therapist) params.set("therapist", filter.therapist);
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return `/flags${query ? `?${query}` : ""}`;
}
