import type { TokenErrorCode } from '@tokenchain/core';

/** An adapter's AWS error names and what they mean; the common names (throttling, access, validation) need no entry. */
export interface AwsErrorTable {
  /** AWS error names meaning "not there" (TokenNotFoundError): a chain moves on. */
  readonly notFound?: readonly string[];
  /** Service-specific AWS error names and their codes, checked before the common ones. */
  readonly codes?: Readonly<Record<string, TokenErrorCode>>;
}
