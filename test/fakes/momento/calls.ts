import type { Metadata } from '@grpc/grpc-js';

/** The RPCs the fake serves. Any other RPC answers UNIMPLEMENTED (the SDK reports BAD_REQUEST_ERROR). */
export type MomentoFakeMethod = 'Get' | 'Set' | 'Delete' | 'Publish' | 'Subscribe' | 'GenerateDisposableToken';

/** How the fake answered a call. */
export type CallOutcome = 'ok' | 'unauthenticated' | 'denied' | 'fault';

/** One call the fake received. `key` is the `authorization` the client sent (for a v1 key, its inner `api_key`). */
export interface RecordedCall {
  readonly method: MomentoFakeMethod;
  readonly key: string;
  readonly outcome: CallOutcome;
  readonly cacheName: string;
}

/** Which calls to count; every field narrows. `key` may be a key in any format (a v1 key counts its inner `api_key`). */
export interface CallFilter {
  readonly method?: MomentoFakeMethod;
  readonly key?: string;
  readonly outcome?: CallOutcome;
  readonly cacheName?: string;
}

export function authorizationOf(metadata: Metadata): string {
  const value = metadata.get('authorization')[0];
  return typeof value === 'string' ? value : (value?.toString('utf8') ?? '');
}

export function cacheNameOf(metadata: Metadata): string {
  const value = metadata.get('cache')[0];
  return typeof value === 'string' ? value : (value?.toString('utf8') ?? '');
}
