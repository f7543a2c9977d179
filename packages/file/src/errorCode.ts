/**
 * The short name of what went wrong, for a warning: the errno code (`ENOENT`), else the error's class name. Never the
 * message, which can quote a path's content.
 *
 * @example
 * ```ts
 * errorCode(Object.assign(new Error('gone'), { code: 'ENOENT' })); // 'ENOENT'
 * ```
 */
export function errorCode(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === 'string') return code;
  return err instanceof Error ? err.name : typeof err;
}
