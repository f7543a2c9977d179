export { fileScheme } from './fileScheme.js';
export {
  DEFAULT_DEBOUNCE_MS,
  DEFAULT_MAX_BYTES,
  type FileTokenSource,
  type FromFileInit,
  type FromFileOptions,
  fromFile,
  type WatchedFileTokenSource,
} from './fromFile.js';
