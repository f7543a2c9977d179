// The front door: what a user needs to use a source, chain and cache sources, and write a source of their own.
// Helpers for adapter authors live in `@tokenchain/core/source-kit`, configuration strings in `@tokenchain/core/config`.
export { base64Decoded } from './base64Decoded.js';
export { type CachedOptions, type CachedTokenSource, cached } from './cached.js';
export { type CachePolicy, DEFAULT_CACHE_POLICY } from './cachePolicy.js';
export { type ChainOptions, chain, DEFAULT_CHAIN_TIMEOUT_MS } from './chain.js';
export { type CreateTokenInit, type CreateTokenOptions, createToken } from './createToken.js';
export type { CacheOutcome, TokenEvent, TokenEventType, TokenLogger, TokenObserver } from './events.js';
export { fromValue } from './fromValue.js';
export { type JsonFieldOptions, jsonField } from './jsonField.js';
export { mapToken } from './mapToken.js';
export { Secret } from './Secret.js';
export { TokenAbortedError } from './TokenAbortedError.js';
export { type ChainAttempt, TokenChainError } from './TokenChainError.js';
export { TokenNotFoundError } from './TokenNotFoundError.js';
export type { GetTokenOptions, Token, TokenListener, TokenSource, Unsubscribe } from './TokenSource.js';
export { type TokenErrorCode, TokenSourceError, type TokenSourceErrorOptions } from './TokenSourceError.js';
export { trimmed } from './trimmed.js';
export { type TokenCheck, validate } from './validate.js';
