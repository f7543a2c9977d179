export { envScheme } from './envScheme.js';
export { DEFAULT_KEY_VARIABLE, type FromEnvInit, fromEnv } from './fromEnv.js';
