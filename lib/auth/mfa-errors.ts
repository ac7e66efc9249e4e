import { CredentialsSignin } from "next-auth";

/** The password was right and the account uses two-step sign-in: ask for a code next. */
export class MfaCodeRequired extends CredentialsSignin {
  code = "mfa_required";
  constructor(readonly challenge: string) {
    super();
  }
}

/** The code step failed (wrong, reused or expired challenge): the action stays on that step. */
export class MfaCodeRejected extends CredentialsSignin {
  code = "mfa_failed";
}

/** The sign-in challenge expired or is not valid: start again with the password. */
export class MfaChallengeExpired extends CredentialsSignin {
  code = "mfa_challenge_expired";
}
