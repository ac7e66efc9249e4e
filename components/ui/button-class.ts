/** Buttons and button-like links share one look; at least 44 px tall (tremor, fatigue). The
 * classes are defined in app/globals.css (`.btn` and its variants). */
export function buttonClass(variant: "primary" | "secondary" | "danger" | "link" = "primary") {
  return `btn btn-${variant}`;
}
