import type { MasGrade } from "@/lib/clinical/mas";
import { gradeClasses } from "./grade-style";

/**
 * A MAS grade as a small badge: the grade text ("1+") on its scale colour, so colour is never the
 * only cue. The thin inset ring keeps grade 0 (near-white) visible on white surfaces.
 *
 * `label` replaces the accessible name (e.g. "Grade 1+, slight increase…"); the visible text is
 * then hidden from screen readers so it is not announced twice.
 */
export function GradeChip({ grade, label }: { grade: MasGrade; label?: string }) {
  return (
    <span className={`chip ${gradeClasses(grade)}`}>
      {label ? (
        <>
          <span aria-hidden="true">{grade}</span>
          <span className="sr-only">{label}</span>
        </>
      ) : (
        grade
      )}
    </span>
  );
}
