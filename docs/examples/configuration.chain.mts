// A code block of docs/configuration.md (and of its Japanese page), compiled by CI; docsSync.test.ts checks the pages quote it
// verbatim. Nothing imports this module: it is type-checked, never run.
import { kmsDecrypt } from '@tokenchain/aws-kms';
import { fromSecretsManager } from '@tokenchain/aws-secrets-manager';
import { fromSsmParameter } from '@tokenchain/aws-ssm';
import { chain } from '@tokenchain/core';
import { fromEnv } from '@tokenchain/env';
import { fromFile } from '@tokenchain/file';

export const equivalent = chain(
  fromSecretsManager({ secretId: 'Momento_Auth_Token', clientConfig: { region: 'us-west-2' }, jsonField: 'apiKey' }),
  fromSsmParameter({ parameterName: '/momento/api-key' }),
  kmsDecrypt(fromEnv({ variable: 'MOMENTO_KEY_ENCRYPTED' })),
  fromEnv({ variable: 'MOMENTO_API_KEY' }),
  fromFile({ path: '/run/secrets/momento' }),
);
