"use client";

import { buttonClass } from "./button-class";

export function PrintButton({ label = "Print" }: { label?: string }) {
  return (
    <button
      type="button"
      onClick={() => window.print()}
      className={`${buttonClass("primary")} no-print`}
    >
      {label}
    </button>
  );
}
