import type { TokenErrorCode } from '@tokenchain/core';

/** What a fault is tried against: each adapter, and the managed Momento client. */
export const TARGETS = ['env', 'file', 'secretsmanager', 'ssm', 'kms', 'momento'] as const;
export type Target = (typeof TARGETS)[number];

export const FAULTS = [
  'throttling',
  '5xx',
  'access denied',
  'not found',
  'hang',
  'reset connection',
  'malformed JSON',
  'wrong KMS context',
  'expired key',
  'malformed key',
  'key revoked, store rotated',
  'key revoked, store not rotated',
  'file removed mid-run',
  'file made unreadable mid-run',
] as const;
export type Fault = (typeof FAULTS)[number];

/** What a cell asserts. */
export type Outcome =
  /** The call rejects with a `TokenSourceError` of this code, naming the source; a chain stops there. */
  | { readonly kind: 'error'; readonly code: TokenErrorCode }
  /** The call rejects with `NOT_FOUND` and a chain moves on: the next source's key is returned. */
  | { readonly kind: 'fallback' }
  /** The source fails, and the cache in front of it keeps serving the last good key (a `stale-served` event). */
  | { readonly kind: 'stale' }
  /** Momento's own error comes back as the SDK returns it, untouched, and the key is not refreshed for it. */
  | { readonly kind: 'sdk'; readonly code: string }
  /** Momento rejected the key; the client fetched the new one and retried: the call succeeds. */
  | { readonly kind: 'rotated' }
  /** The fault cannot happen to this target. */
  | { readonly kind: 'n/a'; readonly why: string };

const error = (code: TokenErrorCode): Outcome => ({ kind: 'error', code });
const sdk = (code: string): Outcome => ({ kind: 'sdk', code });
const na = (why: string): Outcome => ({ kind: 'n/a', why });
const fallback: Outcome = { kind: 'fallback' };
const stale: Outcome = { kind: 'stale' };
const NO_SERVICE = na('no service in the way');
const MOMENTO_SIDE = na('a Momento-side fault; only the client sees it');
const FILES_ONLY = na('only a file can be removed or made unreadable');

/**
 * The fault matrix: every fault against every target, with the outcome the reliability suite asserts. The tests are
 * generated from it and docs/reliability.md shows it (a test checks the two agree).
 */
export const MATRIX: Readonly<Record<Fault, Readonly<Record<Target, Outcome>>>> = {
  throttling: {
    env: NO_SERVICE,
    file: NO_SERVICE,
    secretsmanager: error('THROTTLED'),
    ssm: error('THROTTLED'),
    kms: error('THROTTLED'),
    momento: sdk('LIMIT_EXCEEDED_ERROR'),
  },
  '5xx': {
    env: NO_SERVICE,
    file: NO_SERVICE,
    secretsmanager: error('UNAVAILABLE'),
    ssm: error('UNAVAILABLE'),
    kms: error('UNAVAILABLE'),
    momento: sdk('INTERNAL_SERVER_ERROR'),
  },
  'access denied': {
    env: na('a process can always read its own environment'),
    file: error('ACCESS_DENIED'),
    secretsmanager: error('ACCESS_DENIED'),
    ssm: error('ACCESS_DENIED'),
    kms: error('ACCESS_DENIED'),
    momento: sdk('PERMISSION_ERROR'),
  },
  'not found': {
    env: fallback,
    file: fallback,
    secretsmanager: fallback,
    ssm: fallback,
    kms: fallback,
    momento: error('NOT_FOUND'),
  },
  hang: {
    env: NO_SERVICE,
    file: error('INVALID_CONFIGURATION'),
    secretsmanager: error('TIMEOUT'),
    ssm: error('TIMEOUT'),
    kms: error('TIMEOUT'),
    momento: sdk('TIMEOUT_ERROR'),
  },
  'reset connection': {
    env: NO_SERVICE,
    file: NO_SERVICE,
    secretsmanager: error('UNAVAILABLE'),
    ssm: error('UNAVAILABLE'),
    kms: error('UNAVAILABLE'),
    momento: sdk('SERVER_UNAVAILABLE'),
  },
  'malformed JSON': {
    env: error('MALFORMED'),
    file: error('MALFORMED'),
    secretsmanager: error('MALFORMED'),
    ssm: error('MALFORMED'),
    kms: error('MALFORMED'),
    momento: error('MALFORMED'),
  },
  'wrong KMS context': {
    env: na('not encrypted'),
    file: na('not encrypted'),
    secretsmanager: na('decrypted by the service itself'),
    ssm: na('decrypted by the service itself'),
    kms: error('DECRYPTION_FAILED'),
    momento: error('DECRYPTION_FAILED'),
  },
  'expired key': {
    env: error('EXPIRED'),
    file: error('EXPIRED'),
    secretsmanager: error('EXPIRED'),
    ssm: error('EXPIRED'),
    kms: error('EXPIRED'),
    momento: error('EXPIRED'),
  },
  'malformed key': {
    env: error('MALFORMED'),
    file: error('MALFORMED'),
    secretsmanager: error('MALFORMED'),
    ssm: error('MALFORMED'),
    kms: error('MALFORMED'),
    momento: error('MALFORMED'),
  },
  'key revoked, store rotated': {
    env: MOMENTO_SIDE,
    file: MOMENTO_SIDE,
    secretsmanager: MOMENTO_SIDE,
    ssm: MOMENTO_SIDE,
    kms: MOMENTO_SIDE,
    momento: { kind: 'rotated' },
  },
  'key revoked, store not rotated': {
    env: MOMENTO_SIDE,
    file: MOMENTO_SIDE,
    secretsmanager: MOMENTO_SIDE,
    ssm: MOMENTO_SIDE,
    kms: MOMENTO_SIDE,
    momento: sdk('AUTHENTICATION_ERROR'),
  },
  'file removed mid-run': {
    env: FILES_ONLY,
    file: stale,
    secretsmanager: FILES_ONLY,
    ssm: FILES_ONLY,
    kms: FILES_ONLY,
    momento: stale,
  },
  'file made unreadable mid-run': {
    env: FILES_ONLY,
    file: stale,
    secretsmanager: FILES_ONLY,
    ssm: FILES_ONLY,
    kms: FILES_ONLY,
    momento: stale,
  },
};

/** A cell in a word or two: the test names and the docs table use it. */
export function describeOutcome(outcome: Outcome): string {
  switch (outcome.kind) {
    case 'error':
      return outcome.code;
    case 'fallback':
      return 'NOT_FOUND, falls back';
    case 'stale':
      return 'serves stale';
    case 'sdk':
      return `SDK ${outcome.code}`;
    case 'rotated':
      return 'retried on new key, succeeds';
    case 'n/a':
      return 'n/a';
  }
}

/** The matrix as a Markdown table, as docs/reliability.md shows it. */
export function matrixMarkdown(): string {
  const header = `| Fault | ${TARGETS.join(' | ')} |`;
  const rule = `|---|${TARGETS.map(() => '---').join('|')}|`;
  const rows = FAULTS.map(
    (fault) => `| ${fault} | ${TARGETS.map((t) => describeOutcome(MATRIX[fault][t])).join(' | ')} |`,
  );
  return [header, rule, ...rows].join('\n');
}
