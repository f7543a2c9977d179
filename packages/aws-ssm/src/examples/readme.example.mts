// The README's example, compiled so that it cannot drift from the code. Nothing runs at import.
import { fromSsmParameter } from '@tokenchain/aws-ssm';

export async function readmeExample(logger: { info(message: string): void }): Promise<void> {
  // A SecureString parameter, decrypted by SSM; the version labelled "live":
  const source = fromSsmParameter({ parameterName: '/prod/momento/api-key:live', timeoutMs: 3000 });
  const token = await source.getToken();
  logger.info(`key ${token.secret} is version ${token.version} of the parameter`);

  // A Secrets Manager secret {"apiKey": "...", "endpoint": "..."} through Parameter Store:
  const viaReference = fromSsmParameter({
    parameterName: '/aws/reference/secretsmanager/prod/momento',
    jsonField: 'apiKey',
  });
  await viaReference.getToken();
}
