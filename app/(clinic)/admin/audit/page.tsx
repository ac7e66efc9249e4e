import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { buttonClass } from "@/components/ui/button-class";
import { EmptyState, PageHeader } from "@/components/ui/page-header";
import { requireViewer } from "@/lib/auth/viewer";
import { listAuditEvents } from "@/lib/data/audit-log";

export const metadata: Metadata = { title: "Audit log" };

const filterSchema = z.object({
  action: z.string().trim().max(60).optional().catch(undefined),
  outcome: z.enum(["success", "denied", "failure"]).optional().catch(undefined),
  patient: z.uuid().optional().catch(undefined),
  actor: z.uuid().optional().catch(undefined),
  from: z.iso.date().optional().catch(undefined),
  to: z.iso.date().optional().catch(undefined),
});

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await requireViewer(["admin"]);
  const filter = filterSchema.parse(await searchParams);
  const rows = await listAuditEvents(viewer, {
    action: filter.action || undefined,
    outcome: filter.outcome,
    patientId: filter.patient,
    actorId: filter.actor,
    from: filter.from,
    to: filter.to,
  });
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Who read or changed which patient's data, when, from where, with what outcome. Newest first; the log cannot be edited."
      />
      <search aria-label="Filter the audit log" className="mb-6">
        <form
          method="get"
          className="flex flex-wrap items-end gap-4 rounded-lg border border-slate-200 bg-white p-4"
        >
          <div>
            <label htmlFor="action" className="block font-medium">
              Action starts with
            </label>
            <input
              id="action"
              name="action"
              defaultValue={filter.action ?? ""}
              placeholder="e.g. flag."
              className="mt-1 block min-h-11 rounded-md border border-slate-400 px-3"
            />
          </div>
          <div>
            <label htmlFor="outcome" className="block font-medium">
              Outcome
            </label>
            <select
              id="outcome"
              name="outcome"
              defaultValue={filter.outcome ?? ""}
              className="mt-1 block min-h-11 rounded-md border border-slate-400 bg-white px-3"
            >
              <option value="">Any</option>
              <option value="success">Success</option>
              <option value="denied">Denied</option>
              <option value="failure">Failure</option>
            </select>
          </div>
          <div>
            <label htmlFor="from" className="block font-medium">
              From (UTC)
            </label>
            <input
              id="from"
              name="from"
              type="date"
              defaultValue={filter.from ?? ""}
              className="mt-1 block min-h-11 rounded-md border border-slate-400 px-3"
            />
          </div>
          <div>
            <label htmlFor="to" className="block font-medium">
              To (UTC)
            </label>
            <input
              id="to"
              name="to"
              type="date"
              defaultValue={filter.to ?? ""}
              className="mt-1 block min-h-11 rounded-md border border-slate-400 px-3"
            />
          </div>
          {filter.patient ? <input type="hidden" name="patient" value={filter.patient} /> : null}
          {filter.actor ? <input type="hidden" name="actor" value={filter.actor} /> : null}
          <button type="submit" className={buttonClass("secondary")}>
            Apply
          </button>
          <Link href="/admin/audit" className={buttonClass("link")}>
            Clear
          </Link>
        </form>
      </search>
      {rows.length === 0 ? (
        <EmptyState title="No events match." />
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Audit events</caption>
            <thead className="border-b border-slate-200 bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  When (UTC)
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Who
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Action
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Outcome
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Patient
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Address
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} className="border-b border-slate-100 last:border-0">
                  <td className="px-3 py-2 tabular-nums">{r.at.replace("T", " ").slice(0, 19)}</td>
                  <td className="px-3 py-2">
                    {r.actorId && r.actorName ? (
                      <Link
                        href={`/admin/audit?actor=${r.actorId}`}
                        prefetch={false}
                        className="text-accent-700 underline underline-offset-4"
                      >
                        {r.actorName}
                      </Link>
                    ) : (
                      (r.actorName ?? (r.actorRole === "system" ? "System" : "Anonymous"))
                    )}
                  </td>
                  <td className="px-3 py-2 font-mono">{r.action}</td>
                  <td
                    className={`px-3 py-2 ${r.outcome === "success" ? "" : "font-semibold text-red-800"}`}
                  >
                    {r.outcome}
                  </td>
                  <td className="px-3 py-2">
                    {r.patientId ? (
                      <Link
                        href={`/admin/audit?patient=${r.patientId}`}
                        prefetch={false}
                        className="text-accent-700 underline underline-offset-4"
                      >
                        {r.patientName ?? r.patientId}
                      </Link>
                    ) : (
                      "–"
                    )}
                  </td>
                  <td className="px-3 py-2 font-mono">{r.ip ?? "–"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
