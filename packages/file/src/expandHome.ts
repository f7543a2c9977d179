import { homedir } from 'node:os';
import { join, sep } from 'node:path';

/**
 * Expands a leading `~` (alone, or followed by a path separator) to the home directory, as a shell would. `~user` is left as
 * it is: there is no portable way to look up another user's home, and a shell-less config should not pretend there is.
 *
 * @example
 * ```ts
 * expandHome('~/.momento/key', '/home/ada'); // '/home/ada/.momento/key'
 * ```
 */
export function expandHome(path: string, home: string = homedir()): string {
  if (path === '~') return home;
  if (path.startsWith('~/') || (sep === '\\' && path.startsWith('~\\'))) return join(home, path.slice(2));
  return path;
}
