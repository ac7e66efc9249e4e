/**
 * The client address for audit and throttling. Behind a load balancer the nearest proxy appends
 * the real client as the last X-Forwarded-For entry; earlier entries are client-controlled.
 */
export function clientIp(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-for");
  const last = forwarded?.split(",").pop()?.trim();
  const candidate = last || headers.get("x-real-ip")?.trim() || null;
  if (!candidate) return null;
  // Keep it short and plain: this value is stored and used as a throttling key.
  return /^[0-9a-fA-F:.]{2,45}$/.test(candidate) ? candidate.replace(/^::ffff:/, "") : null;
}
