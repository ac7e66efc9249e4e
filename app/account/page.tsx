import type { Metadata } from "next";
import { Card, PageHeader } from "@/components/ui/page-header";
import { requireViewer } from "@/lib/auth/viewer";
import { ChangePasswordForm } from "./change-password-form";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const viewer = await requireViewer();
  return (
    <>
      <PageHeader title="Your account" description={`Signed in as ${viewer.email}.`} />
      <Card title="Change password">
        <p className="mb-4 text-slate-700">
          After the change you will be signed out everywhere, including other computers, and sign in
          again with the new password.
        </p>
        <ChangePasswordForm />
      </Card>
    </>
  );
}
