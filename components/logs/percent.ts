/**
 * Adherence as a whole percent, rounded half up (82.5 → 83), the same rule as the adherence
 * figures of CLINICAL §6. The epsilon absorbs binary representation error (0.145 × 100 =
 * 14.4999…) so that halves really round up.
 */
export function wholePercent(ratio: number): number {
  return Math.floor(ratio * 100 + 0.5 + 1e-9);
}

/** "82 %", or "no data" when nothing was prescribed (null) — never 0 % or 100 % for no data. */
export function formatPercent(ratio: number | null): string {
  if (ratio === null || !Number.isFinite(ratio)) return "no data";
  return `${wholePercent(ratio)} %`;
}
