export { fileScheme } from './fileScheme.js';
export {
  DEFAULT_DEBOUNCE_MS,
  DEFAULT_MAX_BYTES,
  type FileTokenSource,
  type FromFileInit,
  fromFile,
  type WatchedFileTokenSource,
} from './fromFile.js';
