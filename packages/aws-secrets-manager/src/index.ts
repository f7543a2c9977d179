export type { SecretValueOptions } from '@tokenchain/aws-shared';
export {
  DEFAULT_EXTENSION_PORT,
  fromSecretsExtension,
  type SecretsExtensionInit,
  type SecretsExtensionOptions,
} from './fromSecretsExtension.js';
export {
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_TIMEOUT_MS,
  fromSecretsManager,
  type SecretsManagerInit,
  type SecretsManagerOptions,
} from './fromSecretsManager.js';
export type { SecretVersion } from './SecretVersion.js';
export { secretsExtensionScheme } from './secretsExtensionScheme.js';
export { secretsManagerScheme } from './secretsManagerScheme.js';
