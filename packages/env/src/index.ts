export { DEFAULT_KEY_VARIABLE, type FromEnvInit, fromEnv } from './fromEnv.js';
