import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/page-header";
import { InviteForm } from "./invite-form";

export const metadata: Metadata = { title: "Set your password" };

export default async function InvitePage({
  searchParams,
}: {
  searchParams: Promise<{ code?: string | string[] }>;
}) {
  const { code } = await searchParams;
  return (
    <div className="max-w-xl">
      <Card>
        <h1 className="mb-2 text-2xl font-semibold">Set your password</h1>
        <p className="mb-6 text-slate-700">
          Your clinic gave you a one-time code. It works once and for 7 days. If it has expired, ask
          your therapist for a new one.
        </p>
        <InviteForm code={typeof code === "string" ? code.slice(0, 40) : undefined} />
        <p className="mt-6 text-slate-700">
          Already set up?{" "}
          <Link href="/login" className="font-medium text-accent-700 underline underline-offset-4">
            Sign in
          </Link>
        </p>
      </Card>
    </div>
  );
}
