import { MAS_GRADES, MAS_MEANING } from "@/lib/clinical/mas";
import { GradeChip } from "./grade-chip";

/**
 * What each colour step means, next to every grid or chart that uses the scale. A definition list:
 * each chip (term) is followed by its meaning in words.
 */
export function MasLegend({ title = "Modified Ashworth Scale" }: { title?: string }) {
  return (
    <section aria-label={`${title}: what the grades mean`} className="text-sm text-slate-800">
      <p className="mb-2 font-medium text-slate-900">{title}</p>
      <dl className="grid gap-x-3 gap-y-1.5 sm:grid-cols-[auto_1fr]">
        {MAS_GRADES.map((grade) => (
          <div key={grade} className="contents">
            <dt>
              <GradeChip grade={grade} label={`Grade ${grade}`} />
            </dt>
            <dd className="mb-1 sm:mb-0">{MAS_MEANING[grade]}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
