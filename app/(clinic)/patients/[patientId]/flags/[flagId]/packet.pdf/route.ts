import { getViewer } from "@/lib/auth/viewer";
import { NotFoundError } from "@/lib/data/errors";
import { getReferralPacketData } from "@/lib/data/referral-packet";
import { renderReferralPacket } from "@/lib/interop/referral-packet";

export const dynamic = "force-dynamic";

/** A name safe in a Content-Disposition filename: ASCII letters, digits and hyphens. */
function filenamePart(text: string): string {
  const slug = text
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .toLowerCase();
  return slug || "patient";
}

/** The referral packet of one flag, as a PDF. Staff of the patient's clinic only (checked in the DAL). */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ patientId: string; flagId: string }> },
) {
  const viewer = await getViewer();
  if (!viewer) {
    return new Response("Sign in to download the referral packet.", {
      status: 401,
      headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
    });
  }
  const { patientId, flagId } = await params;
  try {
    const data = await getReferralPacketData(viewer, patientId, flagId);
    const pdf = await renderReferralPacket(data);
    const filename = `referral-${filenamePart(data.patient.familyName)}-${data.generatedOn}.pdf`;
    return new Response(new Uint8Array(pdf), {
      headers: {
        "content-type": "application/pdf",
        "content-disposition": `inline; filename="${filename}"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof NotFoundError) {
      return new Response("Not found.", {
        status: 404,
        headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
      });
    }
    throw error;
  }
}
