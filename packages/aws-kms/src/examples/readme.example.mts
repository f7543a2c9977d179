// The README's example, compiled so that it cannot drift from the code. Nothing runs at import.

import { kmsDecrypt } from '@tokenchain/aws-kms';
import { fromSsmParameter } from '@tokenchain/aws-ssm';
import { fromEnv } from '@tokenchain/env';

export async function readmeExample(logger: { info(message: string): void }): Promise<void> {
  // Lambda's encrypted environment variables carry the function name as encryption context.
  const fromLambdaEnv = kmsDecrypt(fromEnv({ variable: 'MOMENTO_API_KEY' }), {
    encryptionContext: { LambdaFunctionName: process.env.AWS_LAMBDA_FUNCTION_NAME ?? '' },
    keyId: 'alias/momento',
  });
  const token = await fromLambdaEnv.getToken();
  logger.info(`decrypted key ${token.secret} from ${token.source}`);

  // An SSM String parameter that holds KMS ciphertext:
  const fromParameter = kmsDecrypt(fromSsmParameter({ parameterName: '/prod/momento/encrypted-key' }), {
    encryptionContext: { app: 'orders' },
  });
  await fromParameter.getToken();
}
