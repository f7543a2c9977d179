import { token } from '@gomomento/generated-types';
import type { ServerUnaryCall, sendUnaryData, UntypedServiceImplementation } from '@grpc/grpc-js';
import { status } from '@grpc/grpc-js';
import { v1Key, wireKeyOfV1 } from '../keys.js';
import { type Gate, serviceError } from './gate.js';
import { permitsOf } from './permits.js';

/** The longest validity the token service grants: 25 hours (Momento's limit since SDKs dropped their 1-hour check). */
export const MAX_VALID_FOR_SECONDS = 25 * 60 * 60;

/** One disposable token the fake minted, with what was asked for. */
export interface MintedToken {
  /** The `api_key` the service returned: what a client built on the token sends as `authorization`. */
  readonly apiKey: string;
  /** The long-lived key that asked, as it came in `auth_token`. */
  readonly callerKey: string;
  readonly validForSeconds: number;
  readonly expiresAt: Date;
  /** The requested permissions, as protobuf's `toObject()` gives them. */
  readonly permissions: Record<string, unknown>;
  readonly tokenId: string;
}

export interface TokenServiceParts {
  readonly handlers: UntypedServiceImplementation;
  readonly minted: MintedToken[];
}

type Unary<Req, Res> = (call: ServerUnaryCall<Req, Res>, callback: sendUnaryData<Res>) => void;

/**
 * `token.Token/GenerateDisposableToken`, as Momento answers it: the caller's long-lived key (in the request body, not in
 * metadata) must be one the fake accepts, a disposable token may not mint another (PERMISSION_DENIED), and an expiry is
 * required and bounded. A minted token is a JWT with `exp` (the format of test/fakes/keys.ts); the SDK wraps it with the
 * endpoint into a v1-format key. The cache and topic services accept it until it expires, for the caches its scope names
 * (item keys and topic names are not checked).
 */
export function tokenService(gate: Gate, endpoint: () => string): TokenServiceParts {
  const minted: MintedToken[] = [];
  const mintedKeys = new Set<string>();

  const generate: Unary<token.token._GenerateDisposableTokenRequest, token.token._GenerateDisposableTokenResponse> = (
    call,
    callback,
  ) => {
    const request = call.request;
    const callerKey = request.auth_token;
    void gate.admitKey('GenerateDisposableToken', callerKey, '').then((admission) => {
      if (!admission.ok) return callback(admission.error);
      if (mintedKeys.has(callerKey)) {
        return callback(serviceError(status.PERMISSION_DENIED, 'Insufficient permissions to generate a token'));
      }
      const validForSeconds = request.has_expires ? request.expires.valid_for_seconds : 0;
      if (validForSeconds <= 0 || validForSeconds > MAX_VALID_FOR_SECONDS) {
        return callback(
          serviceError(status.INVALID_ARGUMENT, `valid_for_seconds must be 1 to ${MAX_VALID_FOR_SECONDS}`),
        );
      }
      if (!request.has_permissions) return callback(serviceError(status.INVALID_ARGUMENT, 'permissions are required'));
      // Whole seconds, as the service's `valid_until` is: the token's `exp` and the reported expiry agree.
      const validUntil = Math.floor(Date.now() / 1000) + validForSeconds;
      const expiresAt = new Date(validUntil * 1000);
      const apiKey = wireKeyOfV1(v1Key({ endpoint: endpoint(), expiresAt }));
      const permissions = request.permissions.toObject() as Record<string, unknown>;
      mintedKeys.add(apiKey);
      gate.allowUntil(apiKey, expiresAt.getTime(), permitsOf(permissions));
      minted.push({ apiKey, callerKey, validForSeconds, expiresAt, permissions, tokenId: request.token_id });
      callback(
        null,
        new token.token._GenerateDisposableTokenResponse({
          api_key: apiKey,
          endpoint: endpoint(),
          valid_until: validUntil,
        }),
      );
    });
  };
  return { handlers: { GenerateDisposableToken: generate } as unknown as UntypedServiceImplementation, minted };
}
