import type { ComponentProps } from 'react';

export interface SelectOption<V extends string = string> {
  value: V;
  label: string;
}

/**
 * A select over labelled values (an enum with its words, a list of records). `placeholder` adds
 * a first, empty option ("Choose…", "None"). Works with react-hook-form's `register` (React 19
 * passes `ref` as a prop) and with `value`/`onChange`; a `Field` around it gives it its label.
 */
export function Select({
  options,
  placeholder,
  ...props
}: ComponentProps<'select'> & { options: readonly SelectOption[]; placeholder?: string }) {
  return (
    <select {...props}>
      {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

/** Options for values that are their own label (grades, programme names, CSV headers). */
export function plainOptions(values: readonly string[]): SelectOption[] {
  return values.map((value) => ({ value, label: value }));
}
