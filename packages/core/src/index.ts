export { abortedError, deadlineSignal, isDeadline, raceAbort, sleep, throwIfAborted } from './abort.js';
export { base64Decoded } from './base64Decoded.js';
export { type CachedOptions, type CachedTokenSource, cached, isCachedTokenSource } from './cached.js';
export { backoffDelay, type CachePolicy, DEFAULT_CACHE_POLICY } from './cachePolicy.js';
export { type ChainOptions, chain, DEFAULT_CHAIN_TIMEOUT_MS } from './chain.js';
export { ADAPTER_SCHEMES, type AdapterScheme } from './config/adapterSchemes.js';
export { base64Scheme, jsonScheme } from './config/coreSchemes.js';
export { createSchemeRegistry, type SchemeRegistry, type SchemeRegistryInit } from './config/createSchemeRegistry.js';
export {
  DEFAULT_SOURCES_ORIGIN,
  DEFAULT_TOKEN_SOURCES,
  type DefaultTokenSourceOptions,
  defaultTokenSource,
  TOKEN_SOURCES_VARIABLE,
} from './config/defaultTokenSource.js';
export { defineScheme, isSchemeDefinition } from './config/defineScheme.js';
export { type FromConfigOptions, fromConfig } from './config/fromConfig.js';
export { type LoadedSources, type LoadSourcesOptions, loadSources } from './config/loadSources.js';
export { parseSourceSpec, type SourceSpec, type SpecEntry } from './config/parseSourceSpec.js';
export type {
  DecoratorSchemeDefinition,
  SchemeContext,
  SchemeDefinition,
  SchemeOption,
  SchemeOptionType,
  SchemeOptionValue,
  SourceSchemeDefinition,
} from './config/SchemeDefinition.js';
export { type CreateTokenInit, createToken, withSecret } from './createToken.js';
export { durationProblem } from './durationProblem.js';
export { errorReason } from './errorReason.js';
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
export { type JsonFieldOptions, jsonField } from './jsonField.js';
export { mapToken } from './mapToken.js';
export { parseJsonObject } from './parseJsonObject.js';
export {
  DEFAULT_ATTRIBUTE_FIELDS,
  type JsonFieldRead,
  type ReadJsonFieldInit,
  readJsonField,
} from './readJsonField.js';
export { hasKeyShaped, KEY_SHAPED, KEY_SHAPED_LABEL, redactKeyShaped } from './redactKeyShaped.js';
export { createReporter, describeEvent } from './report.js';
export { Secret } from './Secret.js';
export { TokenAbortedError } from './TokenAbortedError.js';
export { type ChainAttempt, TokenChainError } from './TokenChainError.js';
export { TokenNotFoundError } from './TokenNotFoundError.js';
export type { GetTokenOptions, Token, TokenListener, TokenSource, Unsubscribe } from './TokenSource.js';
export { type TokenErrorCode, TokenSourceError, type TokenSourceErrorOptions } from './TokenSourceError.js';
export { MAX_TIMER_STEP_MS, startTimer, type Timer } from './timer.js';
export { tokenProblem } from './tokenProblem.js';
export { trimmed } from './trimmed.js';
export { type TokenCheck, validate } from './validate.js';
