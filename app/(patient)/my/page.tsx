import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Card, EmptyState, PageHeader } from "@/components/ui/page-header";
import { requireViewer } from "@/lib/auth/viewer";
import { getPatient } from "@/lib/data/patients";

export const metadata: Metadata = { title: "My program" };

export default async function MyPage() {
  const viewer = await requireViewer(["patient"]);
  if (!viewer.patientId) notFound();
  const me = await getPatient(viewer, viewer.patientId);
  return (
    <>
      <PageHeader
        title={`Hello, ${me.givenName}`}
        description={
          me.therapistName
            ? `Your therapist is ${me.therapistName}.`
            : "Your clinic has not named a therapist for you yet."
        }
      />
      <Card title="Your program">
        <EmptyState title="Your therapist has not assigned a program yet.">
          When they do, your stretches and exercises will be here with clear instructions and a hold
          timer.
        </EmptyState>
      </Card>
    </>
  );
}
