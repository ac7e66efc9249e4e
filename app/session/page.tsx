import type { Metadata } from "next";
import { requireViewer } from "@/lib/auth/viewer";

export const metadata: Metadata = { title: "Session" };

/**
 * The smallest signed-in page: it checks the session (one query) and says who is signed in.
 * `npm run bench` measures every other page against this one: it is the framework's own floor
 * for a dynamic, authenticated route on this machine (see bench/RESULTS.md).
 */
export default async function SessionPage() {
  const viewer = await requireViewer();
  return (
    <main id="main" className="mx-auto max-w-xl p-6">
      <h1 className="text-xl font-semibold">Signed in</h1>
      <p className="mt-2">
        {viewer.name} · {viewer.clinicName}
      </p>
    </main>
  );
}
