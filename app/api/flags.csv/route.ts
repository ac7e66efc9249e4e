import { getViewer } from "@/lib/auth/viewer";
import { exportOpenFlagsCsv } from "@/lib/data/csv-export";
import { NotFoundError } from "@/lib/data/errors";
import { csvResponse } from "@/lib/interop/csv";

export const dynamic = "force-dynamic";

const NO_STORE = { "cache-control": "no-store" };

/** Staff: the clinic's open flags as a CSV download (audited by the DAL). */
export async function GET(): Promise<Response> {
  const viewer = await getViewer();
  if (!viewer)
    return Response.json({ error: "Not signed in." }, { status: 401, headers: NO_STORE });
  try {
    const { csv, filename } = await exportOpenFlagsCsv(viewer);
    return csvResponse(csv, filename);
  } catch (error) {
    // Patients (and anyone not staff) are told there is nothing here.
    if (error instanceof NotFoundError)
      return Response.json({ error: "Not found." }, { status: 404, headers: NO_STORE });
    console.error("[export] flags CSV failed", error instanceof Error ? error.message : error);
    return Response.json({ error: "Something went wrong." }, { status: 500, headers: NO_STORE });
  }
}
