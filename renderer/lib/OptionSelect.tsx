import type { SelectHTMLAttributes } from 'react';

export interface OptionSelectProps<T extends string> extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'> {
  value: T | '';
  options: readonly T[];
  labels: Readonly<Record<T, string>>;
  /** When set, an extra first option with the value '' (e.g. "All statuses"). */
  emptyLabel?: string;
  onValue(value: T | ''): void;
}

/** A <select> over a fixed list of string values with display labels (statuses, stances …). */
export function OptionSelect<T extends string>({ value, options, labels, emptyLabel, onValue, ...rest }: OptionSelectProps<T>) {
  return (
    <select {...rest} value={value} onChange={(e) => onValue(e.target.value as T | '')}>
      {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
      {options.map((o) => (
        <option key={o} value={o}>
          {labels[o]}
        </option>
      ))}
    </select>
  );
}
