export { type AwsErrorFacts, awsErrorSummary } from './awsErrorSummary.js';
export { type AwsErrorContext, awsErrorToTokenError } from './awsErrorToTokenError.js';
export { type AwsClientOptions, awsOptionsProblem, DEFAULT_MAX_ATTEMPTS, lazyClient } from './lazyClient.js';
export { missingAwsSetup } from './missingAwsSetup.js';
export { regionOfArn } from './regionOfArn.js';
export { type SecretValueInit, type SecretValueOptions, secretValueToToken } from './secretValueToToken.js';
export { warnRegionOverride } from './warnRegionOverride.js';
