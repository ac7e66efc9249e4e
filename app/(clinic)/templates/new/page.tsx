import type { Metadata } from "next";
import { TemplateForm } from "@/components/programs/template-form";
import { Card, PageHeader } from "@/components/ui/page-header";
import { requireViewer, STAFF } from "@/lib/auth/viewer";
import { listExercises } from "@/lib/data/exercises";
import { saveTemplateAction } from "../actions";

export const metadata: Metadata = { title: "New template" };

export default async function NewTemplatePage() {
  const viewer = await requireViewer(STAFF);
  const library = await listExercises(viewer);
  return (
    <>
      <PageHeader title="New program template" />
      <Card>
        <TemplateForm
          action={saveTemplateAction}
          library={library}
          initial={{ name: "", description: "", items: [] }}
        />
      </Card>
    </>
  );
}
