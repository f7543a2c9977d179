export { AwsFakeError } from './AwsFakeError.js';
export type { AwsFault, FaultScope } from './faults.js';
export type { Input, RequestContext } from './input.js';
export { keyFragmentIn, LEAK_FRAGMENT_LENGTH } from './keyFragmentIn.js';
export type { KmsFake } from './kmsFake.js';
export type { PutSecretOptions, SecretsManagerFake } from './secretsManagerFake.js';
export type { ParameterType, PutParameterOptions, SsmFake } from './ssmFake.js';
export {
  type AwsClientConfig,
  type AwsFake,
  type AwsFakeOptions,
  type AwsFakeRequest,
  startAwsFake,
} from './startAwsFake.js';
export {
  type SecretsExtensionFake,
  type SecretsExtensionFakeOptions,
  type SecretsExtensionRequest,
  startSecretsExtensionFake,
} from './startSecretsExtensionFake.js';
export { withoutAwsSetup } from './withoutAwsSetup.js';
