import { awsSchemeOptions, awsSchemeSettings } from '@tokenchain/aws-shared';
import { defineScheme } from '@tokenchain/core/config';
import { fromSsmParameter } from './fromSsmParameter.js';

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
  options: awsSchemeOptions(
    { region: "the parameter's region (default: the SDK's, or the ARN's)", service: 'SSM', call: 'read' },
    {
      field: { type: 'string', description: 'read the key from this field of a JSON value, e.g. apiKey' },
      withDecryption: {
        type: 'boolean',
        description: 'decrypt a SecureString (default true; false leaves the ciphertext for kms+ssm)',
      },
    },
  ),
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
