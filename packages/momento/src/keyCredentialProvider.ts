import type { CredentialProvider } from '@gomomento/sdk';
import type { KeyKind } from './decodeKey.js';
import type { ResolvedEndpoints } from './endpoints.js';
import type { MomentoSdk } from './loadSdk.js';

/** What a provider is built from. */
export interface KeyCredentials {
  readonly kind: KeyKind;
  /** What goes on the wire as `authorization`. */
  readonly wireKey: string;
  readonly fingerprint: string;
  readonly endpoints: ResolvedEndpoints;
  readonly overridden: boolean;
}

/** `util.inspect.custom`, without loading node:util for it. */
const INSPECT = Symbol.for('nodejs.util.inspect.custom');

type ProviderConstructor = new (credentials: KeyCredentials) => CredentialProvider;

const classes = new WeakMap<MomentoSdk, ProviderConstructor>();

/**
 * One `CredentialProvider` subclass for every key format. The SDK's own providers cannot do two things this one does:
 * carry a v2 key over plaintext (its v2 provider is always TLS and takes no overrides), and keep the key out of
 * `JSON.stringify`, `valueOf` and `util.inspect` (the SDK's redaction filters a field named `authToken`, while the key lives
 * in `apiKey`). The key is held in a private field, which none of those can see.
 */
export function keyCredentialProvider(sdk: MomentoSdk, credentials: KeyCredentials): CredentialProvider {
  let Provider = classes.get(sdk);
  if (!Provider) {
    Provider = defineProviderClass(sdk);
    classes.set(sdk, Provider);
  }
  return new Provider(credentials);
}

function defineProviderClass(sdk: MomentoSdk): ProviderConstructor {
  class TokenchainCredentialProvider extends sdk.CredentialProvider {
    readonly #credentials: KeyCredentials;

    constructor(credentials: KeyCredentials) {
      super();
      this.#credentials = credentials;
    }

    getAuthToken(): string {
      return this.#credentials.wireKey;
    }
    getCacheEndpoint(): string {
      return this.#credentials.endpoints.cacheEndpoint;
    }
    getControlEndpoint(): string {
      return this.#credentials.endpoints.controlEndpoint;
    }
    getTokenEndpoint(): string {
      return this.#credentials.endpoints.tokenEndpoint;
    }
    isEndpointSecure(): boolean {
      return this.#credentials.endpoints.secure;
    }
    isCacheEndpointSecure(): boolean {
      return this.isEndpointSecure();
    }
    isControlEndpointSecure(): boolean {
      return this.isEndpointSecure();
    }
    isTokenEndpointSecure(): boolean {
      return this.isEndpointSecure();
    }
    areEndpointsOverridden(): boolean {
      return this.#credentials.overridden;
    }
    withMomentoLocal(): CredentialProvider {
      return new sdk.MomentoLocalProvider();
    }

    /** What logs and `JSON.stringify` show: the key's format and fingerprint, and where it connects. */
    toJSON(): Record<string, unknown> {
      const { kind, fingerprint, endpoints } = this.#credentials;
      return { kind, key: `Secret(${fingerprint})`, cacheEndpoint: endpoints.cacheEndpoint, secure: endpoints.secure };
    }
    override valueOf(): object {
      return this.toJSON();
    }
    override toString(): string {
      return `CredentialProvider(${this.#credentials.kind} key ${this.#credentials.fingerprint} for ${this.getCacheEndpoint()})`;
    }
    [INSPECT](): string {
      return this.toString();
    }
  }
  return TokenchainCredentialProvider;
}
