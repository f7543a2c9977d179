export type { SecretValueOptions } from '@tokenchain/aws-shared';
export {
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_TIMEOUT_MS,
  fromSsmParameter,
  SECRETS_MANAGER_REFERENCE_PREFIX,
  type SsmParameterInit,
  type SsmParameterOptions,
} from './fromSsmParameter.js';
export { ssmScheme } from './ssmScheme.js';
