import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { flags, patients } from "@/db/schema";
import type { Viewer } from "@/lib/auth/viewer-type";
import { todayIn } from "@/lib/clinical/dates";
import type { ReferralPacketData } from "@/lib/interop/referral-packet";
import { listAssessments } from "./assessments";
import { audit, auditDenied } from "./audit";
import { NotFoundError } from "./errors";
import { listPatientFlags } from "./flags";
import { isUuid, requireStaff } from "./guards";
import { getLogSummary } from "./logs";
import { getPatient, visiblePatientWhere } from "./patients";
import { listTreatments } from "./treatments";

const ACTION = "patient.export.referral_packet";
/** Eight weeks of daily logs: the packet's NRS trend is eight weekly averages. */
const NRS_DAYS = 56;

export type { ReferralPacketData };

/**
 * Staff of the patient's clinic: everything the referral packet of one flag prints. The flag must
 * belong to that patient; anything else (a patient viewer, another clinic, another patient's flag,
 * malformed ids) is NotFoundError, audited as denied. The export is audited as one event; the
 * reads it is made of add none of their own.
 */
export async function getReferralPacketData(
  viewer: Viewer,
  patientId: string,
  flagId: string,
): Promise<ReferralPacketData> {
  const db = await getDb();
  await requireStaff(db, viewer, ACTION);
  const [found] =
    isUuid(patientId) && isUuid(flagId)
      ? await db
          .select({ id: flags.id, kind: flags.kind })
          .from(flags)
          .innerJoin(patients, eq(patients.id, flags.patientId))
          .where(
            and(
              eq(flags.id, flagId),
              eq(flags.patientId, patientId),
              eq(flags.clinicId, viewer.clinicId),
              visiblePatientWhere(viewer, patientId),
            ),
          )
          .limit(1)
      : [];
  if (!found) {
    await auditDenied(db, viewer, ACTION, "flag", isUuid(flagId) ? flagId : null);
    throw new NotFoundError("flag");
  }

  // This request's read of the record is the export itself: the reads below would otherwise each
  // record "patient.read" once (auditPatientRead skips patients already in readAudited).
  const alreadyAudited = viewer.readAudited.has(patientId);
  viewer.readAudited.add(patientId);
  try {
    // The flag list first: it recomputes stale flags, so the packet prints the flag as it stands.
    const patient = await getPatient(viewer, patientId);
    const flag = (await listPatientFlags(viewer, patientId)).find((f) => f.id === flagId);
    if (!flag) throw new NotFoundError("flag");
    const assessments = await listAssessments(viewer, patientId);
    const treatments = await listTreatments(viewer, patientId);
    const logs = await getLogSummary(viewer, patientId, NRS_DAYS);

    await audit(db, viewer, {
      action: ACTION,
      entityType: "flag",
      entityId: flag.id,
      patientId,
      details: { kind: flag.kind, status: flag.status },
    });
    return {
      generatedOn: todayIn(viewer.clinicTimeZone),
      generatedBy: viewer.name,
      clinicName: viewer.clinicName,
      patient,
      flag,
      adherence: logs.adherence,
      assessments,
      nrs: logs.logs.flatMap((l) =>
        l.spasticityNrs === null ? [] : [{ date: l.date, nrs: l.spasticityNrs }],
      ),
      treatments,
    };
  } catch (error) {
    if (!alreadyAudited) viewer.readAudited.delete(patientId);
    throw error;
  }
}
