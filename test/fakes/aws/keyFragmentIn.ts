import { inspect } from 'node:util';

/** How long a piece of a key must be to count as leaked. */
export const LEAK_FRAGMENT_LENGTH = 12;

/**
 * The first piece of `key` (of `length` characters) found anywhere in `value`, or `undefined`: in `util.inspect` to full
 * depth with hidden fields, in `JSON.stringify`, and in every own property of every error down the `cause` chain, which
 * is what pino and Sentry serialize. A test of an error asserts this is `undefined`.
 *
 * @example
 * ```ts
 * expect(keyFragmentIn(err, KEY)).to.equal(undefined);
 * ```
 */
export function keyFragmentIn(value: unknown, key: string, length = LEAK_FRAGMENT_LENGTH): string | undefined {
  const text = renderings(value).join('\n');
  for (let start = 0; start + length <= key.length; start += 1) {
    const fragment = key.slice(start, start + length);
    if (text.includes(fragment)) return fragment;
  }
  return undefined;
}

function renderings(value: unknown): string[] {
  const out = [inspect(value, { depth: Number.POSITIVE_INFINITY, showHidden: true, getters: true })];
  try {
    out.push(JSON.stringify(value) ?? '');
  } catch {
    // A circular structure: inspect above has all of it.
  }
  const seen = new Set<unknown>();
  let current: unknown = value;
  while (typeof current === 'object' && current !== null && !seen.has(current)) {
    seen.add(current);
    for (const name of Object.getOwnPropertyNames(current)) {
      const field = (current as Record<string, unknown>)[name];
      out.push(`${name}=${typeof field === 'string' ? field : inspect(field, { depth: Number.POSITIVE_INFINITY })}`);
    }
    out.push(String(current));
    current = (current as { cause?: unknown }).cause;
  }
  return out;
}
