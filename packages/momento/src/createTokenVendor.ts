import type { AuthClient, AuthClientConfiguration, DisposableTokenScope } from '@gomomento/sdk';
import { createToken, type Token, TokenSourceError } from '@tokenchain/core';
import { createReporter, deadlineSignal, raceAbort, throwIfAborted } from '@tokenchain/core/source-kit';
import { checkVendRequest, type DisposableTokenRequest } from './checkVendRequest.js';
import { createClientManager } from './clientManager.js';
import { closeAuthClient } from './closeAuthClient.js';
import { loadSdk } from './loadSdk.js';
import { type ManagedClientOptions, managedSource } from './managedClient.js';
import { mintError } from './mintError.js';
import { toCredentialProvider } from './toCredentialProvider.js';

/** How long one `vend` may take, the long-lived key's fetch included, unless `timeoutMs` says otherwise: as the adapters. */
export const DEFAULT_VEND_TIMEOUT_MS = 5000;

export interface CreateTokenVendorOptions extends ManagedClientOptions {
  /** The SDK's `AuthClient` configuration. Default `AuthClientConfigurations.Default` with the SDK's logging off. */
  readonly configuration?: AuthClientConfiguration;
  /** Deadline of each `vend`, in ms. Default {@link DEFAULT_VEND_TIMEOUT_MS}; `Infinity` for none. */
  readonly timeoutMs?: number;
}

/** @deprecated Renamed {@link CreateTokenVendorOptions} (options objects are `*Options`); this alias goes in the next minor. */
export type CreateTokenVendorInit = CreateTokenVendorOptions;

export interface VendOptions extends DisposableTokenRequest {
  /** Ends the call early (`ABORTED`); the deadline ends it with `TIMEOUT`. */
  readonly signal?: AbortSignal;
}

/** Mints disposable tokens with one long-lived key from a token source. */
export interface TokenVendor extends AsyncDisposable {
  /** `disposable(<source name>)`: the `source` of every token it vends and of its errors. */
  readonly name: string;
  /**
   * Mints one disposable token for `scope` (the SDK's `DisposableTokenScopes.*` or `TokenScopes.*`, passed through). The token
   * is a core `Token`: its `secret` redacted like every key, `expiresAt` the token's own expiry, `attributes.endpoint` the
   * endpoint it is valid for.
   */
  vend(scope: DisposableTokenScope, options: VendOptions): Promise<Token>;
  /** Closes the `AuthClient` now and, if the vendor put a cache in front of its source, that cache's timers. */
  close(): void;
}

/**
 * A token vending machine: the long-lived key stays on the server, and each caller gets a short-lived token scoped to what
 * it needs. One SDK `AuthClient` per vendor, built on the first `vend` and reused; when Momento rejects the long-lived key,
 * the source is read again once (forced) and the call retried on a client with the new key, exactly as the cache client does.
 *
 * A scope the SDK cannot mint, an item restriction the SDK would silently drop, or a validity out of 1 s to 25 h is
 * `INVALID_CONFIGURATION` before anything is fetched. A key that cannot mint is `REJECTED` or `ACCESS_DENIED`; a token service
 * that does not answer ends at the deadline with `TIMEOUT`. Every error names the vendor and the key by fingerprint only.
 *
 * @example
 * ```ts
 * const vendor = createTokenVendor({ source: fromSecretsManager({ secretId: 'Momento_Auth_Token' }) });
 * const token = await vendor.vend(DisposableTokenScopes.cacheKeyReadOnly('game', 'scores'), { validForSeconds: 900 });
 * ```
 */
export function createTokenVendor(init: CreateTokenVendorOptions): TokenVendor {
  const name = `disposable(${init.source.name})`;
  const timeoutMs = init.timeoutMs ?? DEFAULT_VEND_TIMEOUT_MS;
  if (!(timeoutMs > 0)) {
    throw new TokenSourceError(`timeoutMs must be a positive number (got ${timeoutMs})`, {
      source: name,
      code: 'INVALID_CONFIGURATION',
    });
  }
  const sdk = loadSdk(name);
  const report = createReporter(init.observer);
  const { source, owned } = managedSource(init);
  const manager = createClientManager<AuthClient>({
    name,
    source,
    ownsSource: owned,
    report,
    build: (token) =>
      new sdk.AuthClient({
        credentialProvider: toCredentialProvider(token, {
          ...(init.endpoint !== undefined && { endpoint: init.endpoint }),
          ...(init.endpointOverrides !== undefined && { endpointOverrides: init.endpointOverrides }),
          ...(init.env !== undefined && { env: init.env }),
        }),
        // Library code never writes to the console: the SDK's default logger would.
        configuration:
          init.configuration ?? sdk.AuthClientConfigurations.Default.latest(new sdk.NoopMomentoLoggerFactory()),
      }),
    dispose: closeAuthClient,
  });

  async function mint(scope: DisposableTokenScope, options: VendOptions, signal: AbortSignal | undefined) {
    const startedAt = Date.now();
    const expiresIn = sdk.ExpiresIn.seconds(options.validForSeconds);
    const props = options.tokenId === undefined ? undefined : { tokenId: options.tokenId };
    const response = await raceAbort(
      manager.run((client) => client.generateDisposableToken(scope, expiresIn, props)),
      signal,
      name,
    );
    const keyFingerprint = manager.current?.fingerprint ?? 'unknown';
    if (response instanceof sdk.GenerateDisposableToken.Success) {
      const expiresAt = new Date(response.expiresAt.epoch() * 1000);
      const token = createToken({
        source: name,
        value: response.authToken,
        expiresAt,
        attributes: { endpoint: response.endpoint },
      });
      report({
        type: 'resolved',
        source: name,
        time: Date.now(),
        winner: source.peek()?.source ?? init.source.name,
        durationMs: Date.now() - startedAt,
        fingerprint: token.secret.fingerprint,
        cache: 'none',
        expiresAt: expiresAt.getTime(),
      });
      return token;
    }
    if (response instanceof sdk.GenerateDisposableToken.Error) {
      throw mintError(response.errorCode(), response.innerException(), name, keyFingerprint);
    }
    throw new TokenSourceError('the SDK answered generateDisposableToken with neither Success nor Error', {
      source: name,
      code: 'UNKNOWN',
    });
  }

  const vendor: TokenVendor = {
    name,
    async vend(scope, options) {
      checkVendRequest(sdk, scope, options, name);
      if (manager.closed) throw new TokenSourceError('the token vendor is closed', { source: name, code: 'ABORTED' });
      const deadline = deadlineSignal(options.signal, Number.isFinite(timeoutMs) ? timeoutMs : undefined);
      try {
        throwIfAborted(deadline.signal, name);
        return await mint(scope, options, deadline.signal);
      } catch (err) {
        throw TokenSourceError.wrap(err, name, 'minting a disposable token failed');
      } finally {
        deadline.dispose();
      }
    },
    close: () => manager.close(),
    [Symbol.asyncDispose]: () => manager.drain(),
  };
  return vendor;
}
