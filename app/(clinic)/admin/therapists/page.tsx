import type { Metadata } from "next";
import { CreateStaffForm } from "@/components/accounts/create-staff-form";
import { StaffRowActions } from "@/components/accounts/staff-row-actions";
import { Card, PageHeader } from "@/components/ui/page-header";
import { requireViewer } from "@/lib/auth/viewer";
import { getClinicSecurity } from "@/lib/data/clinic";
import { listStaffAccounts } from "@/lib/data/staff";
import { MfaSettingForm } from "../clinic/mfa-setting-form";
import { createStaffAction, staffCommandAction } from "./actions";

export const metadata: Metadata = { title: "Accounts" };

export default async function TherapistsPage() {
  const viewer = await requireViewer(["admin"]);
  const staff = await listStaffAccounts(viewer);
  const security = await getClinicSecurity(viewer);
  return (
    <>
      <PageHeader title="Accounts" description={`Therapists and admins of ${viewer.clinicName}.`} />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <Card title="Staff">
            <div className="overflow-x-auto">
              <table className="w-full text-left">
                <caption className="sr-only">Staff accounts</caption>
                <thead className="border-b border-slate-200 text-sm text-slate-700">
                  <tr>
                    <th scope="col" className="py-2 pr-4 font-medium">
                      Name
                    </th>
                    <th scope="col" className="py-2 pr-4 font-medium">
                      Status
                    </th>
                    <th scope="col" className="py-2 font-medium">
                      Actions
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {staff.map((s) => (
                    <tr key={s.id} className="border-b border-slate-100 align-top last:border-0">
                      <th scope="row" className="py-3 pr-4 font-normal">
                        <span className="font-medium">{s.name}</span>
                        <span className="block text-sm text-slate-700">{s.email}</span>
                        <span className="block text-sm text-slate-700">
                          {s.role === "admin" ? "Clinic admin" : "Therapist"}
                        </span>
                      </th>
                      <td className="py-3 pr-4">
                        {s.disabled
                          ? "Disabled"
                          : s.lockedUntil
                            ? `Locked until ${new Date(s.lockedUntil).toLocaleTimeString("en-GB")}`
                            : s.hasPassword
                              ? "Active"
                              : "Waiting for first sign-in"}
                        {s.mfaEnabled ? (
                          <span className="block text-sm text-slate-700">Two-step sign-in on</span>
                        ) : null}
                      </td>
                      <td className="py-3">
                        <StaffRowActions
                          action={staffCommandAction}
                          userId={s.id}
                          name={s.name}
                          disabled={s.disabled}
                          locked={Boolean(s.lockedUntil)}
                          mfaEnabled={s.mfaEnabled}
                          isSelf={s.id === viewer.userId}
                        />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Card>
        </div>
        <div className="space-y-6">
          <Card title="Add a therapist">
            <p className="mb-4 text-slate-700">
              They get a one-time code to set their own password. You never see or send passwords.
            </p>
            <CreateStaffForm action={createStaffAction} />
          </Card>
          <Card title="Two-step sign-in">
            <MfaSettingForm requireStaffMfa={security.requireStaffMfa} />
          </Card>
        </div>
      </div>
    </>
  );
}
