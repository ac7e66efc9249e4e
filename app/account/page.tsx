import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button-class";
import { Card, PageHeader } from "@/components/ui/page-header";
import { requireViewer } from "@/lib/auth/viewer";
import { getMfaStatus } from "@/lib/data/mfa";
import { ChangePasswordForm } from "./change-password-form";
import { DisableMfaForm, RegenerateCodesForm } from "./mfa/mfa-settings";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await requireViewer();
  const mfa = await getMfaStatus(viewer);
  const params = await searchParams;
  return (
    <>
      <PageHeader title="Your account" description={`Signed in as ${viewer.email}.`} />
      <div className="space-y-6">
        {params.mfaEnabled !== undefined && mfa.enabled ? (
          <p
            role="status"
            className="rounded-md border border-emerald-700 bg-emerald-50 px-4 py-3 text-emerald-900"
          >
            Two-step sign-in is on. From now on you enter a code from your app after your password.
          </p>
        ) : null}
        <Card title="Two-step sign-in">
          {mfa.enabled ? (
            <div className="space-y-6">
              <p className="text-slate-700" data-testid="mfa-status">
                On since {mfa.enabledAt?.toLocaleDateString("en-GB")}. You have{" "}
                {mfa.recoveryCodesLeft} unused recovery code
                {mfa.recoveryCodesLeft === 1 ? "" : "s"}.
              </p>
              <section>
                <h3 className="mb-2 font-semibold text-slate-900">Recovery codes</h3>
                <p className="mb-3 text-slate-700">
                  Lost some, or used most? New codes replace all the old ones.
                </p>
                <RegenerateCodesForm />
              </section>
              <section>
                <h3 className="mb-2 font-semibold text-slate-900">Turn off</h3>
                {mfa.required ? (
                  <p className="text-slate-700">
                    Your clinic requires two-step sign-in for therapists and admins, so it stays on.
                    Keep your recovery codes safe: each one signs you in once if you lose your
                    phone.
                  </p>
                ) : (
                  <DisableMfaForm />
                )}
              </section>
            </div>
          ) : (
            <div className="space-y-4">
              <p className="text-slate-700" data-testid="mfa-status">
                Off. With two-step sign-in, someone who learns your password still cannot sign in
                without the code from your phone.
              </p>
              <Link href="/account/mfa/setup" className={buttonClass("primary")}>
                Set up two-step sign-in
              </Link>
            </div>
          )}
        </Card>
        <Card title="Change password">
          <p className="mb-4 text-slate-700">
            After the change you will be signed out everywhere, including other computers, and sign
            in again with the new password.
          </p>
          <ChangePasswordForm />
        </Card>
      </div>
    </>
  );
}
