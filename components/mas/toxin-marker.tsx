/** @jsxImportSource preact */
import type { ToxinInjectionDto } from "@/lib/data/treatments";
import { formatDate } from "./format-date";

/** "Botulinum toxin injected 3 Feb 2026, 200 units (onabotulinumtoxinA)": one sentence, no codes. */
export function toxinDescription(
  injection: Pick<ToxinInjectionDto, "injectedOn" | "units" | "product">,
) {
  const units = `${injection.units} ${injection.units === 1 ? "unit" : "units"}`;
  return `Botulinum toxin injected ${formatDate(injection.injectedOn)}, ${units} (${injection.product})`;
}

/**
 * A small circled "T" marking a toxin injection in a heatmap cell. The letter is decoration: the
 * screen-reader text and the hover title carry the date and dose.
 */
export function ToxinMarker({ injection }: { injection: ToxinInjectionDto }) {
  const text = toxinDescription(injection);
  return (
    <span
      title={text}
      className="inline-flex size-5 shrink-0 items-center justify-center rounded-full border border-slate-900 bg-white text-xs leading-none font-bold text-slate-900"
    >
      <span aria-hidden="true">T</span>
      <span className="sr-only">{text}</span>
    </span>
  );
}
