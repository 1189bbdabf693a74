/** Options in the order a reader looks for them: by what they show. */
export const byLabel = <T extends readonly [string, string]>(options: T[]): T[] =>
  options.sort((a, b) => a[1].localeCompare(b[1]));

/** One filter: a choice among the values present, or any (the project list, the aid-flow report). */
export function FacetSelect(props: {
  label: string;
  any: string;
  value: string;
  options: readonly (readonly [value: string, label: string])[];
  onChange: (value: string) => void;
}) {
  return (
    <label>
      {props.label}
      <select value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        <option value="">{props.any}</option>
        {props.options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </label>
  );
}
