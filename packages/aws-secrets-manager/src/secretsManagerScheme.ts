import { awsSchemeOptions, awsSchemeSettings } from '@tokenchain/aws-shared';
import { defineScheme } from '@tokenchain/core/config';
import { fromSecretsManager } from './fromSecretsManager.js';

/**
 * The `secretsmanager` scheme of tokenchain's configuration grammar:
 * `secretsmanager:Momento_Auth_Token?region=us-west-2&field=apiKey` is {@link fromSecretsManager}. Credentials come from
 * the AWS SDK's default chain, and `AWS_ENDPOINT_URL` is honoured as by any AWS SDK client.
 *
 * @example
 * ```ts
 * const source = fromConfig('secretsmanager:prod/momento?field=apiKey&versionStage=AWSPREVIOUS', {
 *   schemes: [secretsManagerScheme],
 * });
 * ```
 */
export const secretsManagerScheme = defineScheme({
  scheme: 'secretsmanager',
  kind: 'source',
  summary: 'a key from AWS Secrets Manager',
  target: { description: "the secret's name or ARN", required: true },
  options: awsSchemeOptions(
    { region: "the secret's region (default: the SDK's, or the ARN's)", service: 'Secrets Manager', call: 'read' },
    {
      field: { type: 'string', description: 'read the key from this field of a JSON secret, e.g. apiKey' },
      versionStage: { type: 'string', description: 'the staging label, e.g. AWSPREVIOUS (default AWSCURRENT)' },
      versionId: { type: 'string', description: 'a version id instead of a stage' },
    },
  ),
  create(context) {
    const field = context.string('field');
    const versionStage = context.string('versionStage');
    const versionId = context.string('versionId');
    return fromSecretsManager({
      ...awsSchemeSettings(context),
      secretId: context.target,
      ...(field !== undefined && { jsonField: field }),
      ...(versionStage !== undefined && { versionStage }),
      ...(versionId !== undefined && { versionId }),
    });
  },
});
