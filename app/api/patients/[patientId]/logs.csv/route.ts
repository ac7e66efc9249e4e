import { getViewer } from "@/lib/auth/viewer";
import { exportLogsCsv } from "@/lib/data/csv-export";
import { NotFoundError } from "@/lib/data/errors";
import { csvResponse } from "@/lib/interop/csv";

export const dynamic = "force-dynamic";

const NO_STORE = { "cache-control": "no-store" };

/** Staff of the patient's clinic: the patient's daily logs as a CSV download (audited by the DAL). */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ patientId: string }> },
): Promise<Response> {
  const viewer = await getViewer();
  if (!viewer)
    return Response.json({ error: "Not signed in." }, { status: 401, headers: NO_STORE });
  try {
    const { patientId } = await params;
    const { csv, filename } = await exportLogsCsv(viewer, patientId);
    return csvResponse(csv, filename);
  } catch (error) {
    // A patient of another clinic, or any non-staff viewer: the record does not exist for them.
    if (error instanceof NotFoundError)
      return Response.json({ error: "Not found." }, { status: 404, headers: NO_STORE });
    console.error("[export] logs CSV failed", error instanceof Error ? error.message : error);
    return Response.json({ error: "Something went wrong." }, { status: 500, headers: NO_STORE });
  }
}
