import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button-class";
import { EmptyState, PageHeader } from "@/components/ui/page-header";
import { requireViewer, STAFF } from "@/lib/auth/viewer";
import { describeDosage } from "@/lib/clinical/dosage";
import { listTemplates } from "@/lib/data/templates";

export const metadata: Metadata = { title: "Program templates" };

export default async function TemplatesPage({
  searchParams,
}: {
  searchParams: Promise<{ saved?: string }>;
}) {
  const viewer = await requireViewer(STAFF);
  const [{ saved }, templates] = await Promise.all([searchParams, listTemplates(viewer)]);
  return (
    <>
      <PageHeader
        title="Program templates"
        description="Starting points for programs. Assigning from a template copies it: changing a template later does not change patients' programs."
        actions={
          <>
            <Link href="/exercises" className={buttonClass("secondary")}>
              Exercise library
            </Link>
            <Link href="/templates/new" className={buttonClass("primary")}>
              New template
            </Link>
          </>
        }
      />
      {saved ? (
        <p
          role="status"
          className="mb-6 rounded-md border border-emerald-700 bg-emerald-50 px-4 py-3 font-medium text-emerald-900"
        >
          Template saved.
        </p>
      ) : null}
      {templates.length === 0 ? <EmptyState title="No templates yet." /> : null}
      <div className="grid gap-6 lg:grid-cols-2">
        {templates.map((t) => (
          <section
            key={t.id}
            aria-labelledby={`t-${t.id}`}
            className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
          >
            <div className="mb-2 flex items-start justify-between gap-3">
              <h2 id={`t-${t.id}`} className="text-lg font-semibold">
                {t.name}
              </h2>
              <Link
                href={`/templates/${t.id}`}
                prefetch={false}
                className={buttonClass("secondary")}
              >
                Edit<span className="sr-only"> {t.name}</span>
              </Link>
            </div>
            {t.description ? <p className="mb-2 text-slate-700">{t.description}</p> : null}
            <ol className="list-inside list-decimal space-y-1 text-sm">
              {t.items.map((i) => (
                <li key={`${t.id}-${i.exerciseId}-${i.side}`}>
                  <span className="font-medium">{i.exerciseName}</span>: {describeDosage(i)}
                </li>
              ))}
            </ol>
          </section>
        ))}
      </div>
    </>
  );
}
