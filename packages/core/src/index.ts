export { abortedError, deadlineSignal, isDeadline, raceAbort, sleep, throwIfAborted } from './abort.js';
export { base64Decoded } from './base64Decoded.js';
export { type CachedOptions, type CachedTokenSource, cached, isCachedTokenSource } from './cached.js';
export { backoffDelay, type CachePolicy, DEFAULT_CACHE_POLICY } from './cachePolicy.js';
export { type ChainOptions, chain, DEFAULT_CHAIN_TIMEOUT_MS } from './chain.js';
export { type CreateTokenInit, createToken, withSecret } from './createToken.js';
export type {
  CacheOutcome,
  TokenEvent,
  TokenEventListener,
  TokenEventType,
  TokenLogger,
  TokenObserver,
} from './events.js';
export { fromValue } from './fromValue.js';
export { isUsableToken } from './isUsableToken.js';
export { type JsonFieldOptions, jsonField, parseJsonObject } from './jsonField.js';
export { mapToken } from './mapToken.js';
export { createReporter, describeEvent } from './report.js';
export { Secret } from './Secret.js';
export { TokenAbortedError } from './TokenAbortedError.js';
export { type ChainAttempt, TokenChainError } from './TokenChainError.js';
export { TokenNotFoundError } from './TokenNotFoundError.js';
export type { GetTokenOptions, Token, TokenListener, TokenSource, Unsubscribe } from './TokenSource.js';
export { type TokenErrorCode, TokenSourceError, type TokenSourceErrorOptions } from './TokenSourceError.js';
export { trimmed } from './trimmed.js';
export { type TokenCheck, validate } from './validate.js';
