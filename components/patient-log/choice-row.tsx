/** A row of large radio "pills" (0–10 scales, sessions done): 44 px+ targets, keyboard arrows work natively. */
export function ChoiceRow({
  name,
  legend,
  hint,
  options,
  value,
  errors,
  onChange,
}: {
  name: string;
  legend: string;
  hint?: string;
  options: { value: string; label: string; description?: string }[];
  value: string;
  errors?: string[];
  onChange?: (value: string) => void;
}) {
  const describedBy =
    [hint ? `${name}-hint` : "", errors ? `${name}-error` : ""].join(" ").trim() || undefined;
  return (
    <fieldset aria-describedby={describedBy}>
      <legend className="text-lg font-semibold">{legend}</legend>
      {hint ? (
        <p id={`${name}-hint`} className="text-slate-700">
          {hint}
        </p>
      ) : null}
      {errors ? (
        <p id={`${name}-error`} className="font-medium text-red-800">
          {errors.join(" ")}
        </p>
      ) : null}
      <div className="mt-2 flex flex-wrap gap-2">
        {options.map((o) => (
          <label
            key={o.value}
            className="flex min-h-12 min-w-12 cursor-pointer items-center justify-center gap-2 rounded-lg border-2 border-slate-300 bg-white px-3 text-lg font-medium has-[:checked]:border-accent-700 has-[:checked]:bg-accent-50 has-[:focus-visible]:outline has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-accent-600"
          >
            <input
              type="radio"
              name={name}
              value={o.value}
              defaultChecked={value === o.value}
              onChange={onChange ? () => onChange(o.value) : undefined}
              className="sr-only"
            />
            <span>{o.label}</span>
            {o.description ? (
              <span className="text-base font-normal text-slate-700">{o.description}</span>
            ) : null}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function CheckboxGroup({
  name,
  legend,
  options,
  values,
}: {
  name: string;
  legend: string;
  options: { value: string; label: string }[];
  values: string[];
}) {
  return (
    <fieldset>
      <legend className="text-lg font-semibold">{legend}</legend>
      <div className="mt-2 grid gap-2 sm:grid-cols-2">
        {options.map((o) => (
          <label
            key={o.value}
            className="flex min-h-12 cursor-pointer items-center gap-3 rounded-lg border border-slate-300 bg-white px-3 text-lg has-[:checked]:border-accent-700 has-[:checked]:bg-accent-50"
          >
            <input
              type="checkbox"
              name={name}
              value={o.value}
              defaultChecked={values.includes(o.value)}
              className="size-6"
            />
            {o.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
