import type { Secret } from '@tokenchain/core';
import { redactKeyShaped } from '@tokenchain/core/source-kit';

/** Replaces every key the CLI has seen with its fingerprint, in any text about to be printed. */
export interface Redactor {
  /** Remembers a key (and the parts of it that travel on their own, such as a v1 key's inner `api_key`). */
  add(secret: Secret): void;
  redact(text: string): string;
}

/** Shorter strings are not redacted: replacing every `a` in the output would protect nothing and garble everything. */
const MIN_SECRET_LENGTH = 8;

/**
 * A redactor. The CLI prints only fingerprints by construction; this is the second line of defence, for text it does not
 * write itself (an SDK's error message, a crash in a custom source) that might quote a key. Keys it was told of become
 * `Secret(<fingerprint>)`; any other key-shaped text is removed by `redactKeyShaped`.
 *
 * @example
 * ```ts
 * const redactor = createRedactor();
 * redactor.add(token.secret);
 * process.stderr.write(redactor.redact(String(err)));
 * ```
 */
export function createRedactor(): Redactor {
  const replacements = new Map<string, string>();
  return {
    add(secret) {
      const label = `Secret(${secret.fingerprint})`;
      for (const part of partsOf(secret.reveal())) {
        if (part.length >= MIN_SECRET_LENGTH) replacements.set(part, label);
      }
    },
    redact(text) {
      let result = text;
      // Longest first, so that a key containing another known part is replaced whole.
      for (const [part, label] of [...replacements].sort((a, b) => b[0].length - a[0].length)) {
        if (result.includes(part)) result = result.split(part).join(label);
      }
      return redactKeyShaped(result);
    },
  };
}

/** The key, trimmed, and for a v1 key (base64 of `{"endpoint","api_key"}`) the inner `api_key` the SDK sends on its own. */
function partsOf(key: string): string[] {
  const parts = [key, key.trim()];
  try {
    const decoded = JSON.parse(Buffer.from(key.trim(), 'base64').toString('utf8')) as { api_key?: unknown };
    if (typeof decoded?.api_key === 'string') parts.push(decoded.api_key);
  } catch {
    // Not a v1 key: nothing inside to add.
  }
  return parts;
}
