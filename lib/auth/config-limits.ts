/** Login throttling limits: production defaults, overridable by environment for operations. */
function envInt(name: string, fallback: number) {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

export function loginLimits() {
  return {
    /** Failed logins in a row that lock an account. */
    maxAccountFailures: envInt("LOGIN_MAX_FAILURES", 5),
    lockMinutes: envInt("LOGIN_LOCK_MINUTES", 15),
    /** Failed logins from one address within the window before it is refused. */
    maxIpFailures: envInt("LOGIN_MAX_IP_FAILURES", 30),
    ipWindowMinutes: envInt("LOGIN_IP_WINDOW_MINUTES", 15),
  };
}
