import { type TokenEvent, TokenSourceError } from '@tokenchain/core';

/** Bits that let the group or anyone else read, write or run the file: what ssh refuses on a private key. */
const GROUP_OR_OTHER_BITS = 0o077;

export interface PermissionCheckOptions {
  readonly source: string;
  readonly path: string;
  readonly refuse: boolean;
  readonly report: (event: TokenEvent) => void;
  /** `process.platform`; on Windows mode bits say nothing about who can read a file, so there is no check. */
  readonly platform?: NodeJS.Platform;
}

/**
 * Builds the check run on each read's `fstat` mode: an exposed file is refused, or reported once per distinct mode (a source
 * read every few minutes must not repeat the same warning forever).
 */
export function createPermissionCheck(init: PermissionCheckOptions): (mode: number) => void {
  if ((init.platform ?? process.platform) === 'win32') return () => {};
  let warnedMode: number | undefined;
  return (mode) => {
    if ((mode & GROUP_OR_OTHER_BITS) === 0) {
      warnedMode = undefined;
      return;
    }
    const shown = formatMode(mode);
    if (init.refuse) {
      throw new TokenSourceError(
        `${init.path} is readable by group or others (mode ${shown}); run chmod 600 on it, or set defaultMode: 0400 on a Kubernetes secret volume`,
        { source: init.source, code: 'ACCESS_DENIED' },
      );
    }
    if (warnedMode === mode) return;
    warnedMode = mode;
    init.report({
      type: 'warning',
      source: init.source,
      time: Date.now(),
      message: `${init.path} is readable by group or others (mode ${shown}); consider chmod 600`,
    });
  };
}

/** `0o100644` -> `'0644'`. */
export function formatMode(mode: number): string {
  return `0${(mode & 0o777).toString(8).padStart(3, '0')}`;
}
