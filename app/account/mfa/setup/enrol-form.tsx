"use client";

import { useActionState } from "react";
import { buttonClass } from "@/components/ui/button-class";
import { FormMessage, fieldErrors, formKey } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { idleState } from "@/lib/forms/form-state";
import { confirmEnrolmentAction, continueAfterEnrolmentAction } from "../actions";
import { CodeField } from "../code-field";
import { RecoveryCodes } from "../recovery-codes";

interface Pending {
  secret: string;
  uri: string;
  qrDataUrl: string;
}

/** Scan (or type) the secret, confirm with a first code, then note the recovery codes. */
export function EnrolForm({ pending }: { pending: Pending | null }) {
  const [state, action] = useActionState(confirmEnrolmentAction, idleState);

  if (state.status === "ok" && state.data) {
    return (
      <div className="space-y-5">
        <FormMessage state={state} />
        <RecoveryCodes codes={state.data.recoveryCodes} />
        <form action={continueAfterEnrolmentAction}>
          <input type="hidden" name="ticket" value={state.data.ticket} />
          <button type="submit" className={buttonClass("primary")}>
            I have saved my recovery codes: continue
          </button>
        </form>
      </div>
    );
  }

  if (!pending) {
    return (
      <p className="text-slate-700">
        Two-step sign-in is already on for your account.{" "}
        <a href="/account" className="font-medium text-accent-700 underline underline-offset-4">
          Back to your account
        </a>
      </p>
    );
  }

  return (
    <div className="space-y-6">
      <ol className="list-decimal space-y-2 pl-6 text-slate-800">
        <li>
          Install an authenticator app on your phone if you have none (for example Google
          Authenticator, Microsoft Authenticator or FreeOTP).
        </li>
        <li>In the app, add an account and scan this QR code, or type the key below.</li>
        <li>Enter the 6-digit code the app then shows.</li>
      </ol>
      <div className="flex flex-wrap items-start gap-6">
        {/* biome-ignore lint/performance/noImgElement: an inline SVG data: URL, nothing to optimise */}
        <img
          src={pending.qrDataUrl}
          alt="QR code to add this account to an authenticator app"
          width={200}
          height={200}
          className="rounded border border-slate-200 bg-white"
        />
        <div className="min-w-0 space-y-2">
          <p className="font-medium text-slate-900">Key to type in by hand</p>
          <p className="font-mono text-lg tracking-wider break-all" data-testid="totp-secret">
            {pending.secret.match(/.{1,4}/g)?.join(" ")}
          </p>
          <details className="text-sm text-slate-700">
            <summary className="min-h-11 cursor-pointer py-2">Show the setup link</summary>
            <p className="font-mono break-all" data-testid="totp-uri">
              {pending.uri}
            </p>
          </details>
        </div>
      </div>
      <form key={formKey(state)} action={action} className="max-w-md space-y-5" noValidate>
        <FormMessage state={state} />
        <CodeField
          label="6-digit code from the app"
          hint="The code changes every 30 seconds; enter the one shown now."
          errors={fieldErrors(state, "code")}
        />
        <SubmitButton pendingLabel="Checking…">Turn on two-step sign-in</SubmitButton>
      </form>
    </div>
  );
}
