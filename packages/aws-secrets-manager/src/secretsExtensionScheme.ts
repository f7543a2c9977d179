import { defineScheme } from '@tokenchain/core/config';
import { DEFAULT_EXTENSION_PORT, fromSecretsExtension } from './fromSecretsExtension.js';

/**
 * The `secrets-extension` scheme of tokenchain's configuration grammar: `secrets-extension:prod/momento?field=apiKey` is
 * {@link fromSecretsExtension}, for Lambda functions with the AWS Parameters and Secrets Lambda Extension layer.
 *
 * @example
 * ```ts
 * const source = fromConfig('secrets-extension:prod/momento?field=apiKey, env:MOMENTO_API_KEY', {
 *   schemes: [secretsExtensionScheme, envScheme],
 * });
 * ```
 */
export const secretsExtensionScheme = defineScheme({
  scheme: 'secrets-extension',
  kind: 'source',
  summary: 'a key from Secrets Manager through the AWS Parameters and Secrets Lambda Extension',
  target: { description: "the secret's name or ARN", required: true },
  options: {
    field: { type: 'string', description: 'read the key from this field of a JSON secret, e.g. apiKey' },
    versionStage: { type: 'string', description: 'the staging label, e.g. AWSPREVIOUS (default AWSCURRENT)' },
    versionId: { type: 'string', description: 'a version id instead of a stage' },
    port: {
      type: 'number',
      description: `the extension's port (default PARAMETERS_SECRETS_EXTENSION_HTTP_PORT, else ${DEFAULT_EXTENSION_PORT})`,
    },
    timeoutMs: { type: 'number', description: 'deadline of each read, retries included (default 5000)' },
    maxAttempts: { type: 'number', description: 'attempts per read (default 3)' },
  },
  create(context) {
    const field = context.string('field');
    const versionStage = context.string('versionStage');
    const versionId = context.string('versionId');
    const port = context.number('port');
    const timeoutMs = context.number('timeoutMs');
    const maxAttempts = context.number('maxAttempts');
    return fromSecretsExtension({
      secretId: context.target,
      ...(field !== undefined && { jsonField: field }),
      ...(versionStage !== undefined && { versionStage }),
      ...(versionId !== undefined && { versionId }),
      ...(port !== undefined && { port }),
      ...(timeoutMs !== undefined && { timeoutMs }),
      ...(maxAttempts !== undefined && { maxAttempts }),
      ...(context.observer !== undefined && { observer: context.observer }),
    });
  },
});
