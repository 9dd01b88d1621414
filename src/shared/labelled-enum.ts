import { z } from 'zod';

/**
 * A stored value set with the words people read for each value. Code compares values; labels are
 * only for display, so a rule never depends on how a status happens to be worded.
 */
export function labelledEnum<const V extends readonly [string, ...string[]]>(
  values: V,
  labels: { readonly [K in V[number]]: string },
) {
  type Value = V[number];
  const options = values.map((value: Value) => ({ value, label: labels[value] }));
  return {
    values,
    /** For selects and radio groups, in the order given. */
    options,
    /** The label for a value; an unknown value is shown as it is stored. */
    label(value: string): string {
      return Object.hasOwn(labels, value) ? labels[value as Value] : value;
    },
    /** The zod schema accepting exactly these values; `error` is the message for anything else. */
    schema(error?: string) {
      return z.enum(values, error ? { error } : undefined);
    },
  };
}

/** The value type of a `labelledEnum`. */
export type EnumValue<E extends { values: readonly string[] }> = E['values'][number];

/** The label of a value in a list of options that carry more than a label (e.g. a group). */
export function labelOf<T extends { value: string; label: string }>(
  list: readonly T[],
  value: string | null | undefined,
): string {
  return list.find((x) => x.value === value)?.label ?? value ?? '';
}
