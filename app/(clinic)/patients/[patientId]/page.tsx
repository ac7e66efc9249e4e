import type { Metadata } from "next";
import { AssessmentsSection } from "@/components/assessments/assessments-section";
import { FlagsPanel, isActiveFlag } from "@/components/flags/flags-panel";
import { LogReviewSection } from "@/components/patient-log/log-review-section";
import { ArchiveForm } from "@/components/patients/archive-form";
import { InvitePanel } from "@/components/patients/invite-panel";
import { PatientForm } from "@/components/patients/patient-form";
import { ProgramsPanel } from "@/components/programs/programs-panel";
import { TreatmentsPanel } from "@/components/treatments/treatments-panel";
import { buttonClass } from "@/components/ui/button-class";
import { Card, PageHeader } from "@/components/ui/page-header";
import { addDays, todayIn } from "@/lib/clinical/dates";
import { listAssessments } from "@/lib/data/assessments";
import { listPatientFlags } from "@/lib/data/flags";
import { getLogSummary } from "@/lib/data/logs";
import { listPrograms } from "@/lib/data/programs";
import { listTherapistOptions } from "@/lib/data/staff";
import { listTreatments } from "@/lib/data/treatments";
import { MS_TYPE_LABELS } from "@/lib/validation/patient";
import { archivePatientAction, issueInviteAction, updatePatientAction } from "../actions";
import { flagAction } from "./flags/actions";
import { loadPatientOr404 } from "./load-patient";
import { reviewLogsAction } from "./logs/actions";
import { programCommandAction } from "./programs/actions";
import {
  addOralTreatmentAction,
  addPumpAction,
  addToxinInjectionAction,
  stopOralTreatmentAction,
  stopPumpAction,
} from "./treatments/actions";

export const metadata: Metadata = { title: "Patient" };

/** The heatmap and trends show the last year unless asked for everything (`?history=all`). */
const HISTORY_DAYS_SHOWN = 365;
/** Daily logs and adherence: the last four weeks (CLINICAL §6's longest window is 28 days). */
const LOG_DAYS_SHOWN = 28;

async function load(patientId: string) {
  const { viewer, patient } = await loadPatientOr404(patientId);
  const today = todayIn(viewer.clinicTimeZone);
  const [therapists, assessments, treatments, programs, logSummary, flags] = await Promise.all([
    listTherapistOptions(viewer),
    listAssessments(viewer, patientId),
    listTreatments(viewer, patientId),
    // The programs of the log weeks (running, planned, or ended since): the log summary's
    // adherence reads the same ones, in the same statement. Older ones are on the programs page.
    listPrograms(viewer, patientId, { lastDayFrom: addDays(today, -LOG_DAYS_SHOWN) }),
    getLogSummary(viewer, patientId, LOG_DAYS_SHOWN),
    listPatientFlags(viewer, patientId),
  ]);
  return {
    today,
    patient,
    therapists,
    assessments,
    treatments,
    programs,
    logSummary,
    flags,
  };
}

export default async function PatientPage({
  params,
  searchParams,
}: {
  params: Promise<{ patientId: string }>;
  searchParams: Promise<{
    created?: string;
    recorded?: string;
    program?: string;
    flag?: string;
    history?: string;
    trends?: string;
  }>;
}) {
  const { patientId } = await params;
  const { created, recorded, program, flag, history, trends } = await searchParams;
  const { today, patient, therapists, assessments, treatments, programs, logSummary, flags } =
    await load(patientId);
  const fullHistory = history === "all";

  return (
    <>
      <PageHeader
        title={`${patient.givenName} ${patient.familyName}`}
        actions={
          <>
            <a
              href={`/api/patients/${patient.id}/fhir`}
              className={buttonClass("secondary")}
              download
            >
              Export FHIR (JSON)
            </a>
            <a
              href={`/api/patients/${patient.id}/assessments.csv`}
              className={buttonClass("secondary")}
              download
            >
              Assessments CSV
            </a>
            <a
              href={`/api/patients/${patient.id}/logs.csv`}
              className={buttonClass("secondary")}
              download
            >
              Logs CSV
            </a>
          </>
        }
        description={
          <>
            {patient.age} years · {MS_TYPE_LABELS[patient.msType]}
            {patient.diagnosisYear ? ` · diagnosed ${patient.diagnosisYear}` : ""} · primary
            therapist {patient.therapistName ?? "none"}
            {patient.archived ? (
              <strong className="ml-2 rounded bg-slate-200 px-2 py-0.5 text-slate-900">
                Archived
              </strong>
            ) : null}
          </>
        }
      />
      {created ? (
        <p
          role="status"
          className="mb-6 rounded-md border border-emerald-700 bg-emerald-50 px-4 py-3 font-medium text-emerald-900"
        >
          Patient added. You can now invite them to the portal.
        </p>
      ) : null}

      <div className="mb-6">
        <FlagsPanel
          patientId={patient.id}
          flags={flags}
          adherence14={logSummary.adherence.find((a) => a.days === 14)?.ratio ?? null}
          today={today}
          action={flagAction}
          notice={flag}
        />
      </div>
      <div className="mb-6">
        <AssessmentsSection
          highlight={flags.filter(isActiveFlag).flatMap((f) => f.keys)}
          patientId={patient.id}
          assessments={assessments}
          historyFrom={fullHistory ? null : addDays(today, -HISTORY_DAYS_SHOWN)}
          allTrends={trends === "all"}
          treatments={treatments}
          today={today}
          recorded={Boolean(recorded)}
        />
      </div>
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card title="Treatments">
            <TreatmentsPanel
              patientId={patient.id}
              treatments={treatments}
              today={today}
              actions={{
                addOral: addOralTreatmentAction,
                stopOral: stopOralTreatmentAction,
                addToxin: addToxinInjectionAction,
                addPump: addPumpAction,
                stopPump: stopPumpAction,
              }}
            />
          </Card>
          <ProgramsPanel
            patientId={patient.id}
            programs={programs}
            today={today}
            commandAction={programCommandAction}
            earlier={{ href: `/patients/${patient.id}/programs`, weeks: LOG_DAYS_SHOWN / 7 }}
            notice={
              program === "assigned"
                ? "Program assigned. The patient sees it today under “My program”."
                : program === "changed"
                  ? "Program changed: the new version is saved."
                  : undefined
            }
          />
          <LogReviewSection
            patientId={patient.id}
            summary={logSummary}
            reviewAction={reviewLogsAction}
          />
          <Card title="Details">
            <PatientForm
              action={updatePatientAction}
              therapists={therapists}
              today={today}
              submitLabel="Save details"
              initial={{
                patientId: patient.id,
                givenName: patient.givenName,
                familyName: patient.familyName,
                dateOfBirth: patient.dateOfBirth,
                msType: patient.msType,
                diagnosisYear: patient.diagnosisYear ? String(patient.diagnosisYear) : "",
                primaryTherapistId: patient.therapistId ?? "",
              }}
            />
          </Card>
        </div>
        <div className="space-y-6">
          <Card title="Portal access">
            <InvitePanel
              action={issueInviteAction}
              patientId={patient.id}
              hasLogin={patient.hasLogin}
              pendingExpiry={patient.pendingInviteExpiry}
            />
          </Card>
          <Card title="Archive">
            <p className="mb-3 text-slate-700">
              {patient.archived
                ? "This patient is archived and hidden from the caseload."
                : "Archive a patient who is discharged. Nothing is deleted."}
            </p>
            <ArchiveForm
              action={archivePatientAction}
              patientId={patient.id}
              archived={patient.archived}
            />
          </Card>
        </div>
      </div>
    </>
  );
}
