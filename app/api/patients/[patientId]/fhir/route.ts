import { getViewer } from "@/lib/auth/viewer";
import { NotFoundError } from "@/lib/data/errors";
import { getFhirBundle } from "@/lib/data/fhir-export";

export const dynamic = "force-dynamic";

const NO_STORE = { "cache-control": "no-store" };

/** Staff of the patient's clinic: the patient's record as a FHIR R4 Bundle download (audited by the DAL). */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ patientId: string }> },
): Promise<Response> {
  const viewer = await getViewer();
  if (!viewer)
    return Response.json({ error: "Sign in first." }, { status: 401, headers: NO_STORE });
  try {
    const { patientId } = await params;
    const bundle = await getFhirBundle(viewer, patientId);
    // patientId is a valid UUID here (anything else was NotFoundError): safe in the header.
    return Response.json(bundle, {
      headers: {
        "content-type": "application/fhir+json; charset=utf-8",
        "content-disposition": `attachment; filename="patient-${patientId}-fhir.json"`,
        ...NO_STORE,
      },
    });
  } catch (error) {
    // Patients, other clinics' staff, unknown or malformed ids: the record does not exist for them.
    if (error instanceof NotFoundError)
      return Response.json({ error: "Not found." }, { status: 404, headers: NO_STORE });
    console.error("[export] FHIR bundle failed", error instanceof Error ? error.message : error);
    return Response.json({ error: "Something went wrong." }, { status: 500, headers: NO_STORE });
  }
}
