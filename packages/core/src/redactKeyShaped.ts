/**
 * Text that looks like a Momento key, in any of its three formats. Every format starts with `eyJ`: JWTs (v2 keys, legacy
 * tokens, a v1 key's inner `api_key`) begin with the base64 of `{"`, and so does a v1 key, the base64 of a JSON object.
 * Sixteen more key characters make a false positive on ordinary text practically impossible.
 */
export const KEY_SHAPED = /eyJ[A-Za-z0-9+/=_.-]{16,}/g;

/** What key-shaped text is replaced with. */
export const KEY_SHAPED_LABEL = '[redacted key-shaped text]';

/** True when `text` holds something shaped like a Momento key. */
export function hasKeyShaped(text: string): boolean {
  KEY_SHAPED.lastIndex = 0;
  const found = KEY_SHAPED.test(text);
  KEY_SHAPED.lastIndex = 0;
  return found;
}

/**
 * The project's one rule for text it writes: anything shaped like a Momento key is removed, whatever put it there (a key
 * pasted where configuration goes, an SDK message quoting a response). Applied where text leaves tokenchain: error messages
 * and source names, events and log lines, the CLI's output.
 *
 * @example
 * ```ts
 * redactKeyShaped(`env:${pastedKey}`); // 'env:[redacted key-shaped text]'
 * ```
 */
export function redactKeyShaped(text: string): string {
  return text.includes('eyJ') ? text.replace(KEY_SHAPED, KEY_SHAPED_LABEL) : text;
}
