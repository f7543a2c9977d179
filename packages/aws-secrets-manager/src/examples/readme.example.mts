// The README's example, compiled so that it cannot drift from the code. Nothing runs at import.
import { fromSecretsExtension, fromSecretsManager } from '@tokenchain/aws-secrets-manager';

export async function readmeExample(logger: { info(message: string): void }): Promise<void> {
  // A JSON secret {"apiKey": "...", "endpoint": "cell-1.example.com"} in Secrets Manager:
  const source = fromSecretsManager({
    secretId: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/momento-AbCdEf',
    jsonField: 'apiKey',
    timeoutMs: 3000,
  });
  const token = await source.getToken();
  logger.info(`key ${token.secret} version ${token.version} endpoint ${token.attributes?.endpoint}`);

  // The same secret inside Lambda, through the AWS Parameters and Secrets Lambda Extension (no SDK needed):
  const inLambda = fromSecretsExtension({ secretId: 'prod/momento', jsonField: 'apiKey' });
  await inLambda.getToken();
}
