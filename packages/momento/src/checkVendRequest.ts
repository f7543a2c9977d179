import type { DisposableTokenScope } from '@gomomento/sdk';
import { TokenSourceError } from '@tokenchain/core';
import { checkScope } from './checkScope.js';
import type { MomentoSdk } from './loadSdk.js';

/**
 * The longest a disposable token may live: 25 hours. Momento's service sets the limit; the SDKs checked 1 hour on the
 * client until February 2026 (client-sdk-javascript #1605 dropped the check when the service raised it), and the Rust SDK
 * documents 25 hours. Checked here so that a longer request fails at once, not after a round trip.
 */
export const MAX_DISPOSABLE_TOKEN_SECONDS = 25 * 60 * 60;

/** The SDK's own limit on `tokenId` (`validateDisposableTokenTokenID`). */
export const MAX_TOKEN_ID_LENGTH = 64;

/** What one disposable token is minted with. */
export interface DisposableTokenRequest {
  /** How long the token lives, in whole seconds: 1 to {@link MAX_DISPOSABLE_TOKEN_SECONDS}. */
  readonly validForSeconds: number;
  /** Travels inside the token (e.g. a user id): Momento Topics shows it on messages published with the token. */
  readonly tokenId?: string;
}

/**
 * Refuses, as `INVALID_CONFIGURATION` naming `source`, a scope or validity the token service would not mint (see
 * {@link checkScope}), before any key is fetched or call made.
 */
export function checkVendRequest(
  sdk: MomentoSdk,
  scope: DisposableTokenScope,
  request: DisposableTokenRequest,
  source: string,
): void {
  const problem = checkScope(sdk, scope) ?? checkRequest(request);
  if (problem !== undefined) throw new TokenSourceError(problem, { source, code: 'INVALID_CONFIGURATION' });
}

function checkRequest(request: DisposableTokenRequest): string | undefined {
  const seconds = request.validForSeconds;
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_DISPOSABLE_TOKEN_SECONDS) {
    return `validForSeconds must be a whole number of seconds from 1 to ${MAX_DISPOSABLE_TOKEN_SECONDS} (25 hours), got ${String(seconds)}`;
  }
  const tokenId = request.tokenId;
  if (tokenId !== undefined && (typeof tokenId !== 'string' || tokenId.length > MAX_TOKEN_ID_LENGTH)) {
    return `tokenId must be a string of at most ${MAX_TOKEN_ID_LENGTH} characters`;
  }
  return undefined;
}
