export { envScheme } from './envScheme.js';
export { DEFAULT_KEY_VARIABLE, type FromEnvInit, type FromEnvOptions, fromEnv } from './fromEnv.js';
