/**
 * Keys that mean something to JavaScript's objects themselves. An input that uses one as a field name
 * is refused by name wherever input enters (channel inputs, CSV headers, files read back): assigned to
 * a plain object, `__proto__` changes its prototype instead of adding a field, so a check that builds
 * `{ [field]: message }` would lose the very field it meant to report.
 */
export const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Deeper than any input the app takes; deeper still is refused rather than walked. */
const MAX_DEPTH = 64;

/**
 * The dotted path of the first own key named `__proto__`, `constructor` or `prototype` anywhere in
 * `value` (e.g. `fields.__proto__`), `"(too deep)"` for nesting beyond 64 levels, or null. Walks
 * without recursion, so no input can exhaust the stack.
 */
export function findPrototypeKey(value: unknown): string | null {
  const stack: Array<{ value: unknown; path: string[] }> = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (path.length > MAX_DEPTH) return '(too deep)';
    for (const key of Object.keys(current)) {
      if (PROTOTYPE_KEYS.has(key)) return [...path, key].join('.');
      const child = (current as Record<string, unknown>)[key];
      if (child !== null && typeof child === 'object') stack.push({ value: child, path: [...path, key] });
    }
  }
  return null;
}

export function hasPrototypeKey(value: unknown): boolean {
  return findPrototypeKey(value) !== null;
}
