export { DEFAULT_MAX_ATTEMPTS, DEFAULT_TIMEOUT_MS, type KmsDecryptInit, kmsDecrypt } from './kmsDecrypt.js';
