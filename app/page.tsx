import { redirect } from "next/navigation";
import { getViewer } from "@/lib/auth/viewer";

/** Home: each role starts where its work is. */
export default async function Home() {
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  redirect(viewer.role === "patient" ? "/my" : "/patients");
}
