import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  hkdfSync,
  randomBytes,
  randomInt,
  timingSafeEqual,
} from "node:crypto";
import * as OTPAuth from "otpauth";
import { getAuthSecret } from "./secret";

/**
 * Two-step sign-in primitives: TOTP (RFC 6238 via `otpauth`), the encryption of the stored
 * secret, the signed sign-in challenge and recovery codes. Keys are derived from the auth secret
 * with HKDF, one per purpose, so none of them is the secret itself.
 */

export const TOTP_PERIOD = 30;
export const TOTP_DIGITS = 6;
export const TOTP_ISSUER = "Spasticity Portal";
export const RECOVERY_CODE_COUNT = 10;
/** How long the "enter your code" step may take after the password was right. */
export const CHALLENGE_SECONDS = 5 * 60;
/** Time to note the recovery codes before pressing "Continue" after enrolment. */
export const ENROLLED_TICKET_SECONDS = 30 * 60;

function deriveKey(purpose: string, secret = getAuthSecret()): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "spasticity-portal", `mfa:${purpose}:v1`, 32));
}

const b64url = (buffer: Buffer) => buffer.toString("base64url");

/** AES-256-GCM; the output carries a version, the random IV and the authentication tag. */
export function encryptTotpSecret(base32: string, secret?: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", deriveKey("totp-secret", secret), iv);
  const encrypted = Buffer.concat([cipher.update(base32, "utf8"), cipher.final()]);
  return `v1.${b64url(iv)}.${b64url(cipher.getAuthTag())}.${b64url(encrypted)}`;
}

export function decryptTotpSecret(stored: string, secret?: string): string {
  const [version, iv, tag, data] = stored.split(".");
  if (version !== "v1" || !iv || !tag || !data) throw new Error("unknown TOTP secret format");
  const decipher = createDecipheriv(
    "aes-256-gcm",
    deriveKey("totp-secret", secret),
    Buffer.from(iv, "base64url"),
  );
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([
    decipher.update(Buffer.from(data, "base64url")),
    decipher.final(),
  ]).toString("utf8");
}

export function newTotpSecret(): string {
  return new OTPAuth.Secret({ size: 20 }).base32;
}

export function totpFor(base32: string, label = "account"): OTPAuth.TOTP {
  return new OTPAuth.TOTP({
    issuer: TOTP_ISSUER,
    label,
    algorithm: "SHA1", // what every authenticator app supports
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD,
    secret: OTPAuth.Secret.fromBase32(base32),
  });
}

/** The otpauth:// URI an authenticator app reads from the QR code. */
export function totpUri(base32: string, email: string): string {
  return totpFor(base32, email).toString();
}

export const timeStep = (now: Date) => Math.floor(now.getTime() / 1000 / TOTP_PERIOD);

/**
 * The time step a 6-digit code belongs to (one step of clock drift either way), or null. The
 * caller must still refuse a step at or before the last one used (replay).
 */
export function matchTotp(base32: string, code: string, now: Date): number | null {
  const token = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totpFor(base32).validate({ token, timestamp: now.getTime(), window: 1 });
  return delta === null ? null : timeStep(now) + delta;
}

/** A code looks like a TOTP code (6 digits) rather than a recovery code. */
export const looksLikeTotp = (code: string) => /^\d{6}$/.test(code.replace(/\s+/g, ""));

const RECOVERY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"; // no 0/O, 1/I

/** Ten single-use codes like `K7QM-2XHD-PA9R` (60 bits each). */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const chars = Array.from(
      { length: 12 },
      () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)],
    ).join("");
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
  });
}

export const normalizeRecoveryCode = (code: string) => code.toUpperCase().replace(/[^A-Z0-9]/g, "");

/** High-entropy random codes: a plain SHA-256 is enough (no dictionary to try). */
export function hashRecoveryCode(code: string): string {
  return createHash("sha256").update(normalizeRecoveryCode(code)).digest("hex");
}

export type TicketPurpose = "mfa" | "enrolled";

export interface Ticket {
  userId: string;
  sessionVersion: number;
  purpose: TicketPurpose;
  expiresAt: number;
}

/**
 * A short-lived signed statement "this user's password (or enrolment) was just verified":
 * `mfa` carries sign-in from the password step to the code step (the password is not echoed
 * back), `enrolled` upgrades an enrolment-only session once the first code was confirmed.
 */
export function signTicket(
  input: { userId: string; sessionVersion: number; purpose: TicketPurpose },
  now: Date = new Date(),
  secret?: string,
): string {
  const body: Ticket = {
    ...input,
    expiresAt:
      Math.floor(now.getTime() / 1000) +
      (input.purpose === "enrolled" ? ENROLLED_TICKET_SECONDS : CHALLENGE_SECONDS),
  };
  const payload = b64url(Buffer.from(JSON.stringify(body)));
  const mac = createHmac("sha256", deriveKey(`ticket:${input.purpose}`, secret))
    .update(payload)
    .digest();
  return `${payload}.${b64url(mac)}`;
}

export function verifyTicket(
  token: string,
  purpose: TicketPurpose,
  now: Date = new Date(),
  secret?: string,
): Ticket | null {
  // It comes from a form: anything but a short string is simply not a ticket.
  if (typeof token !== "string" || token.length > 2000) return null;
  const [payload, mac] = token.split(".");
  if (!payload || !mac) return null;
  const expected = createHmac("sha256", deriveKey(`ticket:${purpose}`, secret))
    .update(payload)
    .digest();
  const given = Buffer.from(mac, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const body = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Ticket;
    if (body.purpose !== purpose) return null;
    if (typeof body.userId !== "string" || typeof body.sessionVersion !== "number") return null;
    if (!(body.expiresAt > Math.floor(now.getTime() / 1000))) return null;
    return body;
  } catch {
    return null;
  }
}
