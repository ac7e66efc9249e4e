import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Card, PageHeader } from "@/components/ui/page-header";
import { getEnrollingUser } from "@/lib/auth/viewer";
import { getMfaStatus, pendingEnrolment } from "@/lib/data/mfa";
import { EnrolForm } from "./enrol-form";

export const metadata: Metadata = { title: "Set up two-step sign-in" };

export default async function MfaSetupPage() {
  const user = await getEnrollingUser();
  if (!user) redirect("/login");
  const status = await getMfaStatus(user);
  const pending = status.enabled ? null : await pendingEnrolment(user);
  return (
    <>
      <PageHeader
        title="Set up two-step sign-in"
        description={
          user.enrolmentOnly
            ? "Your clinic asks therapists and admins to use a code from a phone app as well as their password. Set it up to continue."
            : "After your password, you will also enter a code from an app on your phone."
        }
      />
      <Card>
        <EnrolForm pending={pending} />
      </Card>
    </>
  );
}
