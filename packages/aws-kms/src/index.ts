export {
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_TIMEOUT_MS,
  type KmsDecryptInit,
  type KmsDecryptOptions,
  kmsDecrypt,
} from './kmsDecrypt.js';
export { kmsScheme } from './kmsScheme.js';
