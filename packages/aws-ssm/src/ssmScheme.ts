import { awsSchemeSettings } from '@tokenchain/aws-shared';
import { defineScheme } from '@tokenchain/core/config';
import { DEFAULT_MAX_ATTEMPTS, DEFAULT_TIMEOUT_MS, fromSsmParameter } from './fromSsmParameter.js';

/**
 * The `ssm` scheme of tokenchain's configuration grammar: `ssm:/momento/api-key?region=us-west-2` is
 * {@link fromSsmParameter}. Credentials come from the AWS SDK's default chain, and `AWS_ENDPOINT_URL` is honoured as by
 * any AWS SDK client.
 *
 * @example
 * ```ts
 * const source = fromConfig('ssm:/prod/momento/api-key:live?region=eu-west-1', { schemes: [ssmScheme] });
 * ```
 */
export const ssmScheme = defineScheme({
  scheme: 'ssm',
  kind: 'source',
  summary: 'a key from AWS SSM Parameter Store',
  target: {
    description: 'the parameter: name, name:version, name:label, its ARN or /aws/reference/secretsmanager/<secret>',
    required: true,
  },
  options: {
    region: { type: 'string', description: "the parameter's region (default: the SDK's, or the ARN's)" },
    endpoint: { type: 'string', description: 'the SSM endpoint URL (default: the SDK’s)' },
    field: { type: 'string', description: 'read the key from this field of a JSON value, e.g. apiKey' },
    withDecryption: {
      type: 'boolean',
      description: 'decrypt a SecureString (default true; false leaves the ciphertext for kms+ssm)',
    },
    timeoutMs: {
      type: 'number',
      description: `deadline of each read, retries included (default ${DEFAULT_TIMEOUT_MS})`,
    },
    maxAttempts: { type: 'number', description: `attempts per read (default ${DEFAULT_MAX_ATTEMPTS})` },
  },
  create(context) {
    const field = context.string('field');
    const withDecryption = context.boolean('withDecryption');
    return fromSsmParameter({
      ...awsSchemeSettings(context),
      parameterName: context.target,
      ...(field !== undefined && { jsonField: field }),
      ...(withDecryption !== undefined && { withDecryption }),
    });
  },
});
