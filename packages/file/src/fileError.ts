import { TokenNotFoundError, TokenSourceError } from '@tokenchain/core';

const TRANSIENT = new Set(['EMFILE', 'ENFILE', 'EIO', 'EAGAIN', 'EBUSY', 'ETIMEDOUT', 'ESTALE', 'EINTR']);

/**
 * Turns an error from `node:fs` into the `TokenSourceError` a chain understands. A missing file (or a path through something
 * that is not a directory) is "not there"; anything else means the file is there but cannot be used, which stops the chain.
 * The `fs` error is kept as `cause`: its message names the path and the system call, never the file's content.
 */
export function fileError(err: unknown, source: string, path: string): TokenSourceError {
  if (TokenSourceError.is(err)) return err;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return new TokenNotFoundError(`no file at ${path}`, { source, cause: err });
    case 'ENOTDIR':
      return new TokenNotFoundError(`no file at ${path} (a part of the path is not a directory)`, {
        source,
        cause: err,
      });
    case 'EACCES':
    case 'EPERM':
      return new TokenSourceError(`cannot read ${path}: permission denied (${code})`, {
        source,
        code: 'ACCESS_DENIED',
        cause: err,
      });
    case 'EISDIR':
      return directoryError(source, path, err);
    case 'ELOOP':
    case 'ENAMETOOLONG':
      return new TokenSourceError(`cannot open ${path} (${code})`, {
        source,
        code: 'INVALID_CONFIGURATION',
        cause: err,
      });
    default:
      if (code !== undefined && TRANSIENT.has(code)) {
        return new TokenSourceError(`cannot read ${path} for now (${code})`, {
          source,
          code: 'UNAVAILABLE',
          cause: err,
        });
      }
      return TokenSourceError.wrap(err, source, `cannot read ${path}`);
  }
}

/** The path names a directory: a configuration mistake, not a missing key. */
export function directoryError(source: string, path: string, cause?: unknown): TokenSourceError {
  return new TokenSourceError(`${path} is a directory, not a file`, {
    source,
    code: 'INVALID_CONFIGURATION',
    ...(cause !== undefined && { cause }),
  });
}
