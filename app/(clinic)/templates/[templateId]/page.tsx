import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { draftFrom } from "@/components/programs/item-draft";
import { TemplateForm } from "@/components/programs/template-form";
import { Card, PageHeader } from "@/components/ui/page-header";
import { requireViewer, STAFF } from "@/lib/auth/viewer";
import { NotFoundError } from "@/lib/data/errors";
import { listExercises } from "@/lib/data/exercises";
import { getTemplate } from "@/lib/data/templates";
import { saveTemplateAction } from "../actions";

export const metadata: Metadata = { title: "Edit template" };

export default async function EditTemplatePage({
  params,
}: {
  params: Promise<{ templateId: string }>;
}) {
  const viewer = await requireViewer(STAFF);
  const { templateId } = await params;
  const template = await getTemplate(viewer, templateId).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const library = await listExercises(viewer);
  return (
    <>
      <PageHeader
        title={`Edit “${template.name}”`}
        description="Programs already assigned from this template do not change."
      />
      <Card>
        <TemplateForm
          action={saveTemplateAction}
          library={library}
          templateId={template.id}
          initial={{
            name: template.name,
            description: template.description ?? "",
            items: template.items.map((i) => draftFrom(i)),
          }}
        />
      </Card>
    </>
  );
}
