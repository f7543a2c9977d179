export { type DisposableTokenRequest, MAX_DISPOSABLE_TOKEN_SECONDS, MAX_TOKEN_ID_LENGTH } from './checkVendRequest.js';
export {
  type CreateCacheClientInit,
  type CreateCacheClientOptions,
  createCacheClient,
  type ManagedCacheClient,
} from './createCacheClient.js';
export {
  type CreateTokenVendorInit,
  type CreateTokenVendorOptions,
  createTokenVendor,
  DEFAULT_VEND_TIMEOUT_MS,
  type TokenVendor,
  type VendOptions,
} from './createTokenVendor.js';
export {
  type CreateTopicClientInit,
  type CreateTopicClientOptions,
  createTopicClient,
  type ManagedTopicClient,
} from './createTopicClient.js';
export type { KeyKind } from './decodeKey.js';
export { describeKey, type KeyDescription } from './describeKey.js';
export { DEFAULT_DISPOSABLE_VALID_FOR_SECONDS, disposableScheme } from './disposableScheme.js';
export type { EndpointOverrides } from './endpoints.js';
export {
  type DisposableTokenSource,
  type FromDisposableTokenInit,
  type FromDisposableTokenOptions,
  fromDisposableToken,
} from './fromDisposableToken.js';
export type { ManagedClient, ManagedClientInit, ManagedClientOptions } from './managedClient.js';
export { type MomentoKeyOptions, momentoKey } from './momentoKey.js';
export { MAX_ROTATIONS_PER_CALL } from './rotateAndRetry.js';
export { type CredentialOptions, ENDPOINT_VARIABLE, toCredentialProvider } from './toCredentialProvider.js';
