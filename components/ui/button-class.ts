const base =
  "inline-flex min-h-11 items-center justify-center gap-2 rounded-md px-4 py-2 text-base font-medium transition-colors disabled:cursor-wait disabled:opacity-70";

const variants = {
  primary: "bg-accent-700 text-white hover:bg-accent-800",
  secondary: "border border-slate-300 bg-white text-slate-900 hover:bg-slate-100",
  danger: "border border-red-700 bg-white text-red-800 hover:bg-red-50",
  link: "text-accent-700 underline underline-offset-4 hover:text-accent-800 px-1",
} as const;

/** Buttons and button-like links share one look; at least 44 px tall (tremor, fatigue). */
export function buttonClass(variant: keyof typeof variants = "primary") {
  return `${base} ${variants[variant]}`;
}
