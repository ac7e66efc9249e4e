import { formatPercent } from "./percent";

export interface AdherenceFigure {
  /** The window length in days, ending yesterday (e.g. 7, 14, 28). */
  days: number;
  /** Share of prescribed sessions done; null when nothing was prescribed in the window. */
  ratio: number | null;
}

/** "Last 14 days"; a one-day window is "Yesterday". */
export function windowLabel(days: number): string {
  return days === 1 ? "Yesterday" : `Last ${days} days`;
}

/**
 * The adherence figures side by side (CLINICAL §6: 7, 14 and 28 days): each a big whole percent,
 * rounded half up, or "no data" when nothing was prescribed, with its window in words. Each figure
 * has `data-testid="adherence-<days>"`.
 */
export function AdherenceFigures({ figures }: { figures: AdherenceFigure[] }) {
  return (
    <div className="space-y-2">
      <dl className="grid grid-cols-3 gap-2 sm:gap-3">
        {figures.map(({ days, ratio }) => {
          const noData = ratio === null || !Number.isFinite(ratio);
          return (
            <div
              key={days}
              data-testid={`adherence-${days}`}
              className="flex flex-col rounded-lg border border-slate-200 bg-white px-3 py-3 sm:px-4"
            >
              <dt className="text-sm text-slate-700">{windowLabel(days)}</dt>
              <dd
                className={
                  noData
                    ? "order-first text-lg leading-9 whitespace-nowrap text-slate-600"
                    : "order-first text-2xl leading-9 font-semibold whitespace-nowrap text-slate-900 tabular-nums sm:text-3xl"
                }
              >
                {formatPercent(ratio)}
              </dd>
            </div>
          );
        })}
      </dl>
      <p className="text-sm text-slate-700">
        Share of prescribed sessions done (days before today)
      </p>
    </div>
  );
}
