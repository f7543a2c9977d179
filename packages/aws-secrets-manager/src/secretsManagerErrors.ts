import type { AwsErrorTable } from '@tokenchain/aws-shared';

/** What Secrets Manager's errors mean; the Lambda extension relays the same names. */
export const SECRETS_MANAGER_ERRORS: AwsErrorTable = {
  notFound: ['ResourceNotFoundException'],
  codes: { DecryptionFailure: 'DECRYPTION_FAILED', InternalServiceError: 'UNAVAILABLE' },
};
