export { MAX_ROTATIONS_PER_CALL } from './clientManager.js';
export { type CreateCacheClientInit, createCacheClient, type ManagedCacheClient } from './createCacheClient.js';
export { type CreateTopicClientInit, createTopicClient, type ManagedTopicClient } from './createTopicClient.js';
export type { KeyKind } from './decodeKey.js';
export { describeKey, type KeyDescription } from './describeKey.js';
export type { EndpointOverrides } from './endpoints.js';
export type { ManagedClient, ManagedClientInit } from './managedClient.js';
export { type MomentoKeyOptions, momentoKey } from './momentoKey.js';
export { type CredentialOptions, ENDPOINT_VARIABLE, toCredentialProvider } from './toCredentialProvider.js';
