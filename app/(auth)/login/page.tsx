import type { Metadata } from "next";
import Link from "next/link";
import { redirect, unstable_rethrow } from "next/navigation";
import { Card } from "@/components/ui/page-header";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "@/db/seed/demo-accounts";
import { getEnrolmentOnlyUser, getViewer, MFA_SETUP_PATH } from "@/lib/auth/viewer";
import { demoDataPresent } from "@/lib/data/clinic";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

const notices: Record<string, string> = {
  signedOut: "You have signed out.",
  passwordChanged: "Your password was changed. Sign in with your new password.",
  passwordSet: "Your password is set. You can sign in now.",
};

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const next = typeof params.next === "string" ? params.next : undefined;
  const notice = Object.keys(notices).find((key) => params[key] !== undefined);
  // The form must render even when the database is down (the action then says so).
  let showDemo = false;
  let unavailable = false;
  try {
    if (await getViewer()) redirect("/");
    if (await getEnrolmentOnlyUser()) redirect(MFA_SETUP_PATH);
    showDemo = await demoDataPresent();
  } catch (error) {
    unstable_rethrow(error);
    unavailable = true;
  }

  return (
    <div className="grid gap-8 md:grid-cols-2">
      <Card>
        <h1 className="mb-4 text-2xl font-semibold">Sign in</h1>
        {notice ? (
          <p
            role="status"
            className="mb-4 rounded-md border border-emerald-700 bg-emerald-50 px-4 py-3 text-emerald-900"
          >
            {notices[notice]}
          </p>
        ) : null}
        {unavailable ? (
          <p
            role="status"
            className="mb-4 rounded-md border border-amber-700 bg-amber-50 px-4 py-3 text-amber-950"
          >
            Sign-in is unavailable right now; please try again in a few minutes.
          </p>
        ) : null}
        <LoginForm next={next} />
        <p className="mt-6 text-slate-700">
          Have a code from your clinic?{" "}
          <Link href="/invite" className="font-medium text-accent-700 underline underline-offset-4">
            Set your password
          </Link>
        </p>
      </Card>
      {showDemo ? (
        <Card title="Demo accounts">
          <p className="mb-3 text-slate-700">
            This portal holds demo data only. Every demo account uses the password{" "}
            <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-slate-900">
              {DEMO_PASSWORD}
            </code>
            .
          </p>
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Demo accounts</caption>
            <thead>
              <tr className="border-b border-slate-200">
                <th scope="col" className="py-2 pr-3 font-medium">
                  Email
                </th>
                <th scope="col" className="py-2 font-medium">
                  Who
                </th>
              </tr>
            </thead>
            <tbody>
              {DEMO_ACCOUNTS.map((a) => (
                <tr key={a.email} className="border-b border-slate-100">
                  <td className="py-2 pr-3 font-mono">{a.email}</td>
                  <td className="py-2 text-slate-700">{a.who}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      ) : null}
    </div>
  );
}
