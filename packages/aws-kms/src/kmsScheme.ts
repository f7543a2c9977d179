import { awsSchemeOptions, awsSchemeSettings } from '@tokenchain/aws-shared';
import { defineScheme } from '@tokenchain/core/config';
import { kmsDecrypt } from './kmsDecrypt.js';

/**
 * The `kms` scheme of tokenchain's configuration grammar, a wrapper: `kms+env:MOMENTO_KEY_ENCRYPTED?context.app=momento` is
 * {@link kmsDecrypt} over the `env` source, with `{ app: 'momento' }` as the encryption context. Credentials come from the
 * AWS SDK's default chain, and `AWS_ENDPOINT_URL` is honoured as by any AWS SDK client.
 *
 * @example
 * ```ts
 * const source = fromConfig('kms+env:MOMENTO_KEY_ENCRYPTED?context.LambdaFunctionName=my-function', {
 *   schemes: [kmsScheme, envScheme],
 * });
 * ```
 */
export const kmsScheme = defineScheme({
  scheme: 'kms',
  kind: 'decorator',
  summary: 'decrypts a KMS-encrypted key read by the source it wraps',
  options: awsSchemeOptions(
    { region: "the KMS region (default: the SDK's, or the keyId ARN's)", service: 'KMS', call: 'decrypt' },
    {
      context: {
        type: 'map',
        description: 'the encryption context, one context.<key>=<value> per pair (KMS refuses any other)',
      },
      keyId: { type: 'string', description: 'refuse ciphertext from any other key (id, ARN or alias)' },
    },
  ),
  create(inner, context) {
    const encryptionContext = context.map('context');
    const keyId = context.string('keyId');
    return kmsDecrypt(inner, {
      ...awsSchemeSettings(context),
      ...(encryptionContext !== undefined && { encryptionContext }),
      ...(keyId !== undefined && { keyId }),
    });
  },
});
