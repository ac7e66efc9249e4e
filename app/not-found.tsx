import Link from "next/link";
import { buttonClass } from "@/components/ui/button-class";

export default function NotFound() {
  return (
    <main id="main" className="mx-auto max-w-xl px-6 py-16">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="mt-2 text-slate-700">
        This page or record does not exist, or you do not have access to it.
      </p>
      <Link href="/" className={`${buttonClass("secondary")} mt-6`}>
        Go to your start page
      </Link>
    </main>
  );
}
