export { abortedError, deadlineSignal, isDeadline, raceAbort, sleep, throwIfAborted } from './abort.js';
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
export { createReporter, describeEvent } from './report.js';
export { Secret } from './Secret.js';
export { TokenAbortedError } from './TokenAbortedError.js';
export { type ChainAttempt, TokenChainError } from './TokenChainError.js';
export { TokenNotFoundError } from './TokenNotFoundError.js';
export type { GetTokenOptions, Token, TokenListener, TokenSource, Unsubscribe } from './TokenSource.js';
export { type TokenErrorCode, TokenSourceError, type TokenSourceErrorOptions } from './TokenSourceError.js';
