export { type AwsErrorContext, awsErrorToTokenError } from './awsErrorToTokenError.js';
export { regionOfArn } from './regionOfArn.js';
export { type SecretValueInit, type SecretValueOptions, secretValueToToken } from './secretValueToToken.js';
